/**
 * Facts that other systems send us (over Kafka intake topics or the API) and that the contract
 * workflow receives as signals. One schema each; the TS types are derived from them.
 */
import { z } from 'zod';
import { PlausibleDateSchema, PlausibleMonthSchema } from '../dates';
import { FenSchema, MAX_COUNT } from '../money';
import { ContractNoSchema } from '../spec/common';
import { freeText, IdentifierSchema, publicText } from '../text';

// Dates within the plausible years and amounts within MAX_FEN: a fact beyond them is refused here, so
// no sum the contract computes from facts can overflow (domain/money.ts).
const localDate = PlausibleDateSchema;
const fen = FenSchema;
const contractNo = ContractNoSchema;
const id = IdentifierSchema;
const usageCount = z
  .number()
  .int('must be a whole number')
  .nonnegative('must not be negative')
  .max(MAX_COUNT, `must be at most ${MAX_COUNT}`);

/** A sales system asks to onboard a signed contract (the spec is validated against ContractSpec). */
export const OnboardingRequestedSchema = z
  .object({
    requestId: id,
    requestedBy: id,
    contract: z.record(z.string(), z.unknown()),
  })
  .strict();

/** Billing saw money arrive for an invoice or instalment (TMF670 payment vocabulary). */
export const PaymentReceivedSchema = z
  .object({
    contractNo,
    paymentId: id,
    invoiceId: id.optional(),
    amountFen: fen,
    paidDate: localDate,
  })
  .strict();

/** Billing reports an invoice unpaid past its due date (TMF678 customer bill). */
export const InvoiceOverdueSchema = z
  .object({
    contractNo,
    invoiceId: id,
    amountDueFen: fen,
    dueDate: localDate,
  })
  .strict();

/** Billing issued an invoice (TMF678 customer bill): an instalment due after its invoice, or a post-paid month. */
export const InvoiceIssuedSchema = z
  .object({
    contractNo,
    invoiceId: id,
    amountFen: fen,
    invoiceDate: localDate,
    /** The natural month a post-paid bill is for (001 2.3.2: paid from the 6th of the next month). */
    billingMonth: PlausibleMonthSchema.optional(),
  })
  .strict();

/** Messages attempted and delivered in one natural month for one per-usage line item (004 5.3, 3.2.4). */
export const UsageReportedSchema = z
  .object({
    contractNo,
    month: PlausibleMonthSchema,
    itemId: id,
    attempted: usageCount,
    delivered: usageCount,
  })
  .strict()
  .refine((u) => u.delivered <= u.attempted, { message: 'must not exceed attempted', path: ['delivered'] });

/** Published as is in complaint-recorded, so it obeys the event log's text rule. */
export const ComplaintCategorySchema = publicText(100);

export const ComplaintRecordedSchema = z
  .object({
    contractNo,
    complaintId: id,
    receivedDate: localDate,
    category: ComplaintCategorySchema,
  })
  .strict();

/** Violation tiers of contract 004 clause 7.3 (一般 / 严重 / 重大). */
export const ViolationTierSchema = z.enum(['general', 'serious', 'major']);

export const ViolationRecordedSchema = z
  .object({
    contractNo,
    violationId: id,
    tier: ViolationTierSchema,
    detectedDate: localDate,
    description: freeText(2000),
  })
  .strict();

export type OnboardingRequested = z.infer<typeof OnboardingRequestedSchema>;
export type PaymentReceived = z.infer<typeof PaymentReceivedSchema>;
export type InvoiceOverdue = z.infer<typeof InvoiceOverdueSchema>;
export type ComplaintRecorded = z.infer<typeof ComplaintRecordedSchema>;
export type InvoiceIssued = z.infer<typeof InvoiceIssuedSchema>;
export type UsageReported = z.infer<typeof UsageReportedSchema>;
export type ViolationTier = z.infer<typeof ViolationTierSchema>;
export type ViolationRecorded = z.infer<typeof ViolationRecordedSchema>;
