/**
 * Network resources the contract asks for. Kinds match domain/lifecycle/resources.ts so provisioning can
 * turn a request into held resources one to one.
 */
import { z } from 'zod';
import { ClauseRefSchema, positiveInt, text } from './common';

const digits = z.string().regex(/^\d{3,20}$/, 'must be 3-20 digits');

export const NumberKindSchema = z.enum([
  'special-number', // 95/96 特服号
  'number-400', // 400 号码
  'display-number', // 固话外显号码
  'sms-access-number', // 短信接入号
]);

export const NumberRequestSchema = z
  .object({
    ref: ClauseRefSchema,
    kind: NumberKindSchema,
    count: positiveInt().default(1),
    preferred: digits.optional().describe('The number asked for (or owned), when there is one'),
    /** customer-owned: the customer brings a number approved for it (000 clause 3.1(3)). */
    ownership: z.enum(['provider-assigned', 'customer-owned']).default('provider-assigned'),
    scope: z.enum(['international', 'national', 'province']).optional().describe('400 开放范围 (003 §1)'),
    use: z.enum(['office', 'marketing', 'hotline', 'notification', 'other']).optional(),
  })
  .strict();

const Bandwidth = z.object({ upMbps: positiveInt(), downMbps: positiveInt() }).strict();

export const DedicatedLineRequestSchema = z
  .object({
    ref: ClauseRefSchema,
    id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be 1-40 letters, digits, dot, dash or underscore'),
    count: positiveInt(),
    kind: z.enum(['vpn', 'internet', 'e-government', 'cloud']),
    /** null when the contract does not state it: agreed at provisioning, never guessed here. */
    bandwidth: Bandwidth.nullable(),
    purpose: text(300),
    endpoints: z.object({ a: text(300), z: text(300) }).strict(),
  })
  .strict();

export const SmsPortRequestSchema = z
  .object({
    ref: ClauseRefSchema,
    count: positiveInt().default(1),
    /** direct = the group sends for itself (直销型); agent = an SP sends for a client (代理型), 004 clause 1.2–1.3. */
    mode: z.enum(['direct', 'agent']),
    services: z.array(z.enum(['ordinary', 'multimedia', 'fast-lane', 'smart'])).min(1, 'must name a service'),
    /** miit-issued: the customer uses an MIIT-issued access number and must show its certificate (2.2). */
    accessNumber: z
      .object({ source: z.enum(['provider-assigned', 'miit-issued']), preferred: digits.optional() })
      .strict(),
    /** 企业代码, assigned by the provider during provisioning (3.2.2). */
    enterpriseCode: z
      .string()
      .regex(/^[A-Za-z0-9]{1,20}$/, 'must be 1-20 letters or digits')
      .optional(),
  })
  .strict();

export const Ipv4BlockRequestSchema = z
  .object({
    ref: ClauseRefSchema,
    prefixLength: z.number().int('must be a whole number').min(16, 'must be ≥ 16').max(32, 'must be ≤ 32'),
    count: positiveInt(),
  })
  .strict();

const Counted = z.object({ ref: ClauseRefSchema, count: positiveInt() }).strict();

export const ResourcesSchema = z
  .object({
    numbers: z.array(NumberRequestSchema).default([]),
    dedicatedLines: z.array(DedicatedLineRequestSchema).default([]),
    smsPorts: z.array(SmsPortRequestSchema).default([]),
    ipv4Blocks: z.array(Ipv4BlockRequestSchema).default([]),
    seats: Counted.optional().describe('Call-centre agent seats (坐席)'),
    robots: Counted.optional().describe('Smart voice robots (智能机器人)'),
    cloudHosts: Counted.optional().describe('Cloud hosts or host shares (云主机)'),
  })
  .strict();
