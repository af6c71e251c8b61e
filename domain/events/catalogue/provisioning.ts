/** Resources (numbers, lines, IPs, ports, seats) and the road to acceptance (竣工验收). */
import { z } from 'zod';
import { base, clauseRef, count, fen, localDate, resourceRef, text } from '../fields';
import { AcceptanceObjectedReasonSchema } from '../reason-codes';
import { defineEvents } from './define';

const resources = z.array(resourceRef).min(1, 'must name at least one resource');

export const provisioningEvents = defineEvents({
  'telecom.contract.resource-reserved.v1': {
    meaning: 'Resources were reserved in inventory for the contract (not yet in service).',
    billing: false,
    keyFields: ['resources', 'reservedDate'],
    schema: z
      .object({ ...base, resources, reservedDate: localDate, reservedUntil: localDate.optional() })
      .strict(),
  },
  'telecom.contract.resource-committed.v1': {
    meaning: 'Reserved resources were put into service for the contract.',
    billing: false,
    keyFields: ['resources', 'committedDate'],
    schema: z.object({ ...base, resources, committedDate: localDate }).strict(),
  },
  'telecom.contract.resource-released.v1': {
    meaning: 'Resources went back to inventory (reservation dropped, or quarantine over).',
    billing: false,
    keyFields: ['resources', 'releasedDate', 'reason'],
    schema: z.object({ ...base, resources, releasedDate: localDate, reason: text() }).strict(),
  },
  'telecom.contract.resource-quarantined.v1': {
    meaning: 'Resources left the contract and may not be given to anyone else before availableFromDate.',
    billing: false,
    keyFields: ['resources', 'quarantinedDate', 'availableFromDate'],
    schema: z
      .object({
        ...base,
        resources,
        quarantinedDate: localDate,
        availableFromDate: localDate.describe(
          'First day the resources may be reassigned (e.g. 001 clause 3.2.10: 90 days)',
        ),
        clauseRef: clauseRef.optional(),
      })
      .strict(),
  },
  'telecom.contract.activation-overdue.v1': {
    meaning:
      'Provider-caused activation delay: penalty accrued so far (credited on the first bill) and whether the customer may now terminate.',
    billing: true,
    keyFields: ['activationDueDate', 'overdueDays', 'penaltyAccruedFen', 'customerMayTerminate'],
    schema: z
      .object({
        ...base,
        activationDueDate: localDate.describe(
          'Last day activation was due (e.g. 10 working days after resources ready)',
        ),
        asOfDate: localDate,
        overdueDays: count.min(1, 'must be at least 1'),
        penaltyAccruedFen: fen.describe('Penalty owed to the customer so far, already capped'),
        penaltyCapFen: fen
          .optional()
          .describe("Cap: the service's monthly fee (000 clause 7.4); absent when the contract sets no cap"),
        customerMayTerminate: z
          .boolean()
          .describe('The delay reached the threshold that lets the customer terminate'),
        clauseRef,
      })
      .strict()
      .refine((d) => d.penaltyCapFen === undefined || d.penaltyAccruedFen <= d.penaltyCapFen, {
        message: 'must not exceed penaltyCapFen',
        path: ['penaltyAccruedFen'],
      }),
  },
  'telecom.contract.completion-notice-issued.v1': {
    meaning:
      'Provisioning finished and the completion notice (竣工通知) went to the customer; the acceptance window is open.',
    billing: false,
    keyFields: ['noticeDate', 'acceptanceDueDate'],
    schema: z
      .object({
        ...base,
        noticeDate: localDate.describe('Date on the completion notice'),
        acceptanceDueDate: localDate.describe(
          'Last day to sign or object; silence after it = deemed accepted',
        ),
      })
      .strict(),
  },
  'telecom.contract.acceptance-signed.v1': {
    meaning: 'The customer signed acceptance (验收); the actual activation date is fixed.',
    billing: false,
    keyFields: ['signedDate', 'activationDate'],
    schema: z.object({ ...base, signedDate: localDate, activationDate: localDate }).strict(),
  },
  'telecom.contract.acceptance-deemed.v1': {
    meaning:
      'The customer neither signed nor objected in the window: accepted by silence, activation = completion-notice date.',
    billing: false,
    keyFields: ['noticeDate', 'deemedDate', 'activationDate'],
    schema: z
      .object({ ...base, noticeDate: localDate, deemedDate: localDate, activationDate: localDate, clauseRef })
      .strict(),
  },
  'telecom.contract.acceptance-objected.v1': {
    meaning:
      'Version 1, superseded by .v2 (a reason code instead of free text); no longer published. ' +
      'The customer objected in writing; provisioning resumes to remedy it.',
    billing: false,
    keyFields: ['objectedDate', 'reason'],
    schema: z.object({ ...base, objectedDate: localDate, reason: text(2000) }).strict(),
  },
  'telecom.contract.acceptance-objected.v2': {
    meaning: 'The customer objected in writing, and why (a code); provisioning resumes to remedy it.',
    billing: false,
    keyFields: ['objectedDate', 'reasonCode'],
    schema: z
      .object({ ...base, objectedDate: localDate, reasonCode: AcceptanceObjectedReasonSchema })
      .strict(),
  },
});
