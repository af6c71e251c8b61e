/** The active service: suspension, compliance (violations, complaints), 400-number service requests. */
import { z } from 'zod';
import { base, clauseRef, count, fen, identifier, localDate, resourceRef, text } from '../fields';
import { ComplaintCategorySchema, ViolationTierSchema } from '../intake';
import { defineEvents } from './define';

const suspensionReason = z.enum(['arrears', 'violation', 'complaints', 'fraud-risk', 'customer-request']);

/** Request types of contract 003 annex 2, plus resume (the way back from suspend-keep-number). */
const serviceRequestType = z.enum([
  'open',
  'cancel',
  'suspend-keep-number',
  'resume',
  'customer-data-change',
  'service-data-change',
  'number-change',
  'destination-change',
]);

export const serviceEvents = defineEvents({
  'telecom.contract.service-suspended.v1': {
    meaning:
      "Service was suspended (停机): for arrears, a violation, complaints, fraud risk, or at the customer's request.",
    billing: true,
    keyFields: ['suspendedDate', 'reason', 'chargesContinue'],
    schema: z
      .object({
        ...base,
        suspendedDate: localDate,
        reason: suspensionReason,
        clauseRef: clauseRef.optional(),
        chargesContinue: z
          .boolean()
          .describe('Recurring fees keep running while suspended (e.g. number kept)'),
        arrearsFen: fen.optional().describe('Overdue and unpaid when suspended for arrears'),
        lateFeeAccruedFen: fen.optional().describe('Late fee accrued on those arrears so far'),
      })
      .strict(),
  },
  'telecom.contract.service-resumed.v1': {
    meaning: 'Suspended service runs again.',
    billing: true,
    keyFields: ['resumedDate', 'suspendedDate'],
    schema: z.object({ ...base, resumedDate: localDate, suspendedDate: localDate }).strict(),
  },
  'telecom.contract.violation-recorded.v1': {
    meaning: 'A compliance violation was recorded, with its tier and the remediation deadline.',
    billing: false,
    keyFields: ['violationId', 'tier', 'remediationDueDate', 'penaltyIfUnremediedFen'],
    schema: z
      .object({
        ...base,
        violationId: identifier,
        tier: ViolationTierSchema.describe('Contract 004 clause 7.3 (一般 / 严重 / 重大)'),
        detectedDate: localDate,
        remediationDueDate: localDate.optional().describe('Absent when the tier terminates immediately'),
        penaltyIfUnremediedFen: fen.optional(),
        portBlocked: z.boolean(),
        clauseRef,
      })
      .strict(),
  },
  'telecom.contract.violation-remediated.v1': {
    meaning: 'A recorded violation was remedied in time and checked by the provider.',
    billing: false,
    keyFields: ['violationId', 'remediatedDate'],
    schema: z.object({ ...base, violationId: identifier, remediatedDate: localDate }).strict(),
  },
  'telecom.contract.complaint-recorded.v1': {
    meaning:
      "A complaint about the customer's use was recorded, with the month's count against the threshold.",
    billing: false,
    keyFields: ['complaintId', 'complaintsThisMonth', 'monthlyThreshold', 'thresholdReached'],
    schema: z
      .object({
        ...base,
        complaintId: identifier,
        receivedDate: localDate,
        category: ComplaintCategorySchema,
        complaintsThisMonth: count.min(1),
        monthlyThreshold: count.min(1).optional(),
        thresholdReached: z.boolean().describe('The provider may now stop the service'),
      })
      .strict(),
  },
  'telecom.contract.service-request-completed.v1': {
    meaning:
      'A service request (003 annex 2: suspend-keep-number, number change, data change…) was carried out.',
    billing: true,
    keyFields: ['requestId', 'requestType', 'completedDate', 'resources'],
    schema: z
      .object({
        ...base,
        requestId: identifier,
        requestType: serviceRequestType,
        completedDate: localDate,
        resources: z
          .array(resourceRef)
          .optional()
          .describe('Resources after the change (e.g. the new number)'),
        // Destination numbers may be people's phones, so only their count is published.
        destinationCount: count.max(3).optional(),
        note: text().optional(),
      })
      .strict(),
  },
});
