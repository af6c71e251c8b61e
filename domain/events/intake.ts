/**
 * Facts that other systems send us (over Kafka intake topics or the API) and that the contract
 * workflow receives as signals. One schema each; the TS types are derived from them.
 */
import { z } from 'zod';
import { IsoDateSchema, YearMonthSchema } from '../dates';

const localDate = IsoDateSchema;
const fen = z.number().int('must be whole fen').nonnegative('must not be negative');
const contractNo = z.string().regex(/^[A-Z0-9-]{4,40}$/, 'must be 4-40 upper-case letters, digits or dashes');

/** A sales system asks to onboard a signed contract (the spec is validated against ContractSpec). */
export const OnboardingRequestedSchema = z
  .object({
    requestId: z.string().min(1).max(100),
    requestedBy: z.string().min(1).max(100),
    contract: z.record(z.string(), z.unknown()),
  })
  .strict();

/** Billing saw money arrive for an invoice or instalment (TMF670 payment vocabulary). */
export const PaymentReceivedSchema = z
  .object({
    contractNo,
    paymentId: z.string().min(1).max(100),
    invoiceId: z.string().min(1).max(100).optional(),
    amountFen: fen,
    paidDate: localDate,
  })
  .strict();

/** Billing reports an invoice unpaid past its due date (TMF678 customer bill). */
export const InvoiceOverdueSchema = z
  .object({
    contractNo,
    invoiceId: z.string().min(1).max(100),
    amountDueFen: fen,
    dueDate: localDate,
  })
  .strict();

/** Billing issued an invoice (TMF678 customer bill): an instalment due after its invoice, or a post-paid month. */
export const InvoiceIssuedSchema = z
  .object({
    contractNo,
    invoiceId: z.string().min(1).max(100),
    amountFen: fen,
    invoiceDate: localDate,
    /** The natural month a post-paid bill is for (001 2.3.2: paid from the 6th of the next month). */
    billingMonth: YearMonthSchema.optional(),
  })
  .strict();

/** Messages attempted and delivered in one natural month for one per-usage line item (004 5.3, 3.2.4). */
export const UsageReportedSchema = z
  .object({
    contractNo,
    month: YearMonthSchema,
    itemId: z.string().min(1).max(100),
    attempted: z.number().int('must be a whole number').nonnegative('must not be negative'),
    delivered: z.number().int('must be a whole number').nonnegative('must not be negative'),
  })
  .strict()
  .refine((u) => u.delivered <= u.attempted, { message: 'must not exceed attempted', path: ['delivered'] });

export const ComplaintRecordedSchema = z
  .object({
    contractNo,
    complaintId: z.string().min(1).max(100),
    receivedDate: localDate,
    category: z.string().min(1).max(100),
  })
  .strict();

/** Violation tiers of contract 004 clause 7.3 (一般 / 严重 / 重大). */
export const ViolationTierSchema = z.enum(['general', 'serious', 'major']);

export const ViolationRecordedSchema = z
  .object({
    contractNo,
    violationId: z.string().min(1).max(100),
    tier: ViolationTierSchema,
    detectedDate: localDate,
    description: z.string().min(1).max(2000),
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
