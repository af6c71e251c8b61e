/** From the signed contract to an approved customer: onboarding and qualification review (资质审核). */
import { z } from 'zod';
import { DocumentTypeSchema } from '../../text';
import { base, clauseRef, code, identifier, localDate, text } from '../fields';
import { DocumentsRequestedReasonSchema, QualificationRejectedReasonSchema } from '../reason-codes';
import { defineEvents } from './define';

const documentTypes = z.array(DocumentTypeSchema).min(1, 'must name at least one document');

// v1 of documents-requested and qualification-rejected published the reviewer's words; v2 publishes a
// reason code instead (domain/events/reason-codes.ts). v1 stays documented for events already on the topics.
const V1 = 'Version 1, superseded by .v2 (a reason code instead of free text); no longer published. ';

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
    meaning: V1 + 'The reviewer asked for further or replacement documents.',
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
  'telecom.contract.documents-requested.v2': {
    meaning: 'The reviewer asked for further or replacement documents, and why (a code).',
    billing: false,
    keyFields: ['documentTypes', 'reasonCode'],
    schema: z
      .object({
        ...base,
        documentTypes,
        reasonCode: DocumentsRequestedReasonSchema,
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
    meaning: V1 + 'Qualification failed; the contract will not be provisioned.',
    billing: false,
    keyFields: ['rejectedDate', 'reason'],
    schema: z
      .object({ ...base, rejectedDate: localDate, reason: text(), clauseRef: clauseRef.optional() })
      .strict(),
  },
  'telecom.contract.qualification-rejected.v2': {
    meaning: 'Qualification failed, and why (a code); the contract will not be provisioned.',
    billing: false,
    keyFields: ['rejectedDate', 'reasonCode'],
    schema: z
      .object({
        ...base,
        rejectedDate: localDate,
        reasonCode: QualificationRejectedReasonSchema,
        clauseRef: clauseRef.optional(),
      })
      .strict(),
  },
  'telecom.contract.qualification-escalated.v1': {
    meaning: 'Qualification review is waiting too long and was escalated to a supervisor.',
    billing: false,
    keyFields: ['pendingSince', 'escalatedDate', 'reason'],
    schema: z.object({ ...base, pendingSince: localDate, escalatedDate: localDate, reason: text() }).strict(),
  },
});
