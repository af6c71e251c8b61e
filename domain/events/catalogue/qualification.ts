/** From the signed contract to an approved customer: onboarding and qualification review (资质审核). */
import { z } from 'zod';
import { base, clauseRef, code, identifier, localDate, text } from '../fields';
import { defineEvents } from './define';

const documentTypes = z
  .array(code.describe('Document type, e.g. business-licence, authorisation-letter, number-approval'))
  .min(1, 'must name at least one document');

export const qualificationEvents = defineEvents({
  'telecom.contract.onboarding-received.v1': {
    meaning: 'A sales system handed over a signed contract; its lifecycle workflow has started.',
    billing: false,
    keyFields: ['requestId', 'receivedDate', 'productOfferings'],
    schema: z
      .object({
        ...base,
        requestId: identifier.describe('Id of the onboarding request (TMF622 productOrder externalId)'),
        requestedBy: identifier.describe('Sales system that sent it'),
        receivedDate: localDate,
        productOfferings: z.array(code).min(1).describe('TMF620 productOffering codes on the contract'),
      })
      .strict(),
  },
  'telecom.contract.qualification-requested.v1': {
    meaning: 'Qualification review opened: the customer must hand in the listed documents.',
    billing: false,
    keyFields: ['customerCategory', 'requiredDocuments', 'dueDate'],
    schema: z
      .object({
        ...base,
        customerCategory: z
          .enum(['non-operating', 'operating'])
          .describe('Contract 002 clause 9.6: type 1 (non-operating) or type 2 (operating) customer'),
        requiredDocuments: documentTypes,
        requestedDate: localDate,
        dueDate: localDate.optional(),
      })
      .strict(),
  },
  'telecom.contract.documents-requested.v1': {
    meaning: 'The reviewer asked for further or replacement documents.',
    billing: false,
    keyFields: ['documentTypes', 'reason'],
    schema: z
      .object({
        ...base,
        documentTypes,
        reason: text(),
        requestedDate: localDate,
        dueDate: localDate.optional(),
      })
      .strict(),
  },
  'telecom.contract.qualification-approved.v1': {
    meaning: 'Qualification passed; resource provisioning may start.',
    billing: false,
    keyFields: ['approvedDate'],
    schema: z.object({ ...base, approvedDate: localDate }).strict(),
  },
  'telecom.contract.qualification-rejected.v1': {
    meaning: 'Qualification failed; the contract will not be provisioned.',
    billing: false,
    keyFields: ['rejectedDate', 'reason'],
    schema: z
      .object({ ...base, rejectedDate: localDate, reason: text(), clauseRef: clauseRef.optional() })
      .strict(),
  },
  'telecom.contract.qualification-escalated.v1': {
    meaning: 'Qualification review is waiting too long and was escalated to a supervisor.',
    billing: false,
    keyFields: ['pendingSince', 'escalatedDate', 'reason'],
    schema: z.object({ ...base, pendingSince: localDate, escalatedDate: localDate, reason: text() }).strict(),
  },
});
