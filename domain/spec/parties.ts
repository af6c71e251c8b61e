/** Who signed: customer (甲方), provider (乙方), their contacts, the region and the declared use. */
import { z } from 'zod';
import { ClauseRefSchema, CreditCodeSchema, text } from './common';

/** government = 政府机关/事业单位; enterprise = 企业; sp = 增值业务服务提供商 (SMS agent mode). */
export const CustomerTypeSchema = z.enum(['government', 'enterprise', 'sp']);

/**
 * 经营性 vs 非经营性: whether the customer runs the service as a telecom business of its own. It picks
 * the document set (002 clause 9.6 type 2 vs type 1).
 */
export const BusinessNatureSchema = z.enum(['operating', 'non-operating']);

export const CustomerSchema = z
  .object({
    name: text(200),
    type: CustomerTypeSchema,
    businessNature: BusinessNatureSchema,
    creditCode: CreditCodeSchema.optional(),
    address: text(300).optional(),
    /**
     * Who signs for the customer. Defaults to an authorised agent, which asks for the larger document
     * set (agent ID + authorisation letter, 002 clause 9.6) rather than the smaller.
     */
    signatory: z.enum(['legal-representative', 'authorised-agent']).default('authorised-agent'),
  })
  .strict();

export const ProviderSchema = z
  .object({ name: text(200), creditCode: CreditCodeSchema.optional(), address: text(300).optional() })
  .strict();

export const PartiesSchema = z.object({ customer: CustomerSchema, provider: ProviderSchema }).strict();

export const ContactRoleSchema = z.enum([
  'customer-legal-representative', // 法定代表人/负责人
  'customer-notice', // 通知联系人 (e.g. 000 clause 11.9.3)
  'customer-service', // the customer's own service line (004 clause 4.2)
  'provider-legal-representative',
  'provider-notice',
]);

const personal = { personalData: true };

/** Names, phones and e-mails of natural persons: personal information under PIPL (个人信息保护法). */
export const ContactSchema = z
  .object({
    role: ContactRoleSchema,
    name: text(100).optional().meta(personal),
    phone: z
      .string()
      .regex(/^[0-9+\-() ]{3,30}$/, 'must be a phone number')
      .optional()
      .meta(personal),
    fax: z
      .string()
      .regex(/^[0-9+\-() ]{3,30}$/, 'must be a fax number')
      .optional()
      .meta(personal),
    email: z.email('must be an e-mail address').optional().meta(personal),
    address: text(300).optional().meta(personal),
    postcode: z
      .string()
      .regex(/^\d{6}$/, 'must be a 6-digit postcode')
      .optional(),
  })
  .strict()
  .meta(personal);

export const ContactsSchema = z.array(ContactSchema).default([]).meta({
  personalData: true,
  description: 'Personal data: keep out of logs, events and search attributes',
});

export const RegionSchema = z
  .object({ province: text(50), city: text(50).optional(), district: text(50).optional() })
  .strict()
  .describe('Where the service is delivered (Chinese administrative names)');

export const UsageSchema = z
  .object({
    ref: ClauseRefSchema,
    description: text(2000),
    /** 为他人提供外包服务: selling the service on needs a value-added telecom licence (000 clause 3.1(2)). */
    servesThirdParties: z.boolean().default(false),
    callingHours: text(100).optional(),
  })
  .strict();
