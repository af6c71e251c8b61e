/** The end of the term: renewal, notices, termination, closing. */
import { z } from 'zod';
import { agreementPeriod, base, clauseRef, count, fen, instalment, localDate, party, text } from '../fields';
import { defineEvents } from './define';

/** How a contract ended (or is ending). */
export const EndReasonSchema = z.enum([
  'expired',
  'not-renewed',
  'unsubscribed',
  'arrears',
  'violation',
  'complaints',
  'fraud-risk',
  'activation-overdue',
  'false-registration-data',
  'qualification-rejected',
  'provisioning-failed',
  'customer-request',
]);

export const termEvents = defineEvents({
  'telecom.contract.renewal-due.v1': {
    meaning: 'The term ends soon; the last day for a non-renewal notice is near.',
    billing: false,
    keyFields: ['expiryDate', 'noticeDeadline', 'autoRenew'],
    schema: z
      .object({
        ...base,
        expiryDate: localDate,
        noticeDeadline: localDate.describe('Last day either side may give notice not to renew'),
        autoRenew: z.boolean(),
        renewalTermMonths: count.min(1).optional(),
      })
      .strict(),
  },
  'telecom.contract.renewed.v1': {
    meaning: 'The contract renewed for a new term on the same prices, with the bills of that term.',
    billing: true,
    keyFields: ['agreementPeriod', 'renewalCount'],
    schema: z
      .object({
        ...base,
        agreementPeriod,
        renewalCount: count.min(1),
        clauseRef,
        instalments: z
          .array(instalment)
          .min(1)
          .optional()
          .describe("The new term's scheduled bills, when its payment clause bills it again"),
      })
      .strict(),
  },
  'telecom.contract.non-renewal-noticed.v1': {
    meaning: 'A side gave written notice not to renew; billing stops at expiry if it was in time.',
    billing: true,
    keyFields: ['party', 'noticeDate', 'expiryDate', 'inTime'],
    schema: z
      .object({
        ...base,
        party,
        noticeDate: localDate,
        expiryDate: localDate,
        inTime: z.boolean().describe('Given before the notice deadline; if false the contract still renews'),
      })
      .strict(),
  },
  'telecom.contract.unsubscribe-noticed.v1': {
    meaning: 'The customer gave notice to unsubscribe (退订); stopBillingDate follows the notice rule.',
    billing: true,
    keyFields: ['noticeDate', 'requestedStopDate', 'stopBillingDate'],
    schema: z
      .object({
        ...base,
        noticeDate: localDate,
        requestedStopDate: localDate,
        stopBillingDate: localDate.describe('Never earlier than notice + 30 days (000 clause 3.6)'),
        clauseRef,
      })
      .strict(),
  },
  'telecom.contract.termination-requested.v1': {
    meaning:
      'A side asked to terminate before the term ends (or the provider exercised a termination right).',
    billing: false,
    keyFields: ['requestedBy', 'reason', 'requestedDate', 'effectiveDate'],
    schema: z
      .object({
        ...base,
        requestedBy: party,
        reason: EndReasonSchema,
        requestedDate: localDate,
        effectiveDate: localDate.optional(),
        clauseRef: clauseRef.optional(),
        note: text().optional(),
      })
      .strict(),
  },
  'telecom.contract.terminated.v1': {
    meaning: 'Service ended: billing stops at stopBillingDate and resources go into quarantine.',
    billing: true,
    keyFields: ['terminatedDate', 'reason', 'stopBillingDate', 'earlyTermination'],
    schema: z
      .object({
        ...base,
        terminatedDate: localDate,
        reason: EndReasonSchema,
        stopBillingDate: localDate,
        earlyTermination: z
          .boolean()
          .describe('Ended before the term: an early-termination charge may follow'),
        clauseRef: clauseRef.optional(),
      })
      .strict(),
  },
  'telecom.contract.closed.v1': {
    meaning: 'Final settlement done; nothing more will happen on this contract.',
    billing: true,
    keyFields: ['closedDate', 'reason', 'outstandingFen'],
    schema: z
      .object({
        ...base,
        closedDate: localDate,
        reason: EndReasonSchema,
        outstandingFen: fen.describe('Left unpaid at closing (handed to recovery when > 0)'),
        settlement: z
          .object({
            principalFen: fen.describe('Bills overdue and unpaid'),
            lateFeesFen: fen.describe('Late fees booked at the end on those bills'),
            terminationChargesFen: fen.describe('Early-termination charges and penalties booked at the end'),
            creditsFen: fen.describe('What the provider owes back at the end'),
            totalFen: z.number().int().describe('principal + late fees + charges − credits'),
          })
          .strict()
          .optional()
          .describe('Final settlement: what is recovered, by kind (001 2.3.4: arrears and late fees)'),
      })
      .strict(),
  },
});
