/**
 * Field types shared by the contract event catalogue. Money is integer fen (no floating point in
 * billing), business dates are ISO `YYYY-MM-DD` read in Asia/Shanghai, identifiers are opaque strings.
 */
import { z } from 'zod';
import { CodeSchema, IdentifierSchema, publicText, safeText, TEXT_LIMITS } from '../text';

/** Same rule as the intake facts, so a contract number accepted at intake is accepted everywhere. */
export const contractNo = z
  .string()
  .regex(/^[A-Z0-9-]{4,40}$/, 'must be 4-40 upper-case letters, digits or dashes')
  .describe('Contract number (TMF651 agreement id); also the CloudEvent subject and the Kafka key');

export const localDate = z.iso
  .date({ message: 'must be a date YYYY-MM-DD' })
  .describe('Date in Asia/Shanghai');

export const fen = z
  .number()
  .int('must be whole fen')
  .nonnegative('must not be negative')
  .describe('Amount in fen (1/100 CNY), tax-inclusive');

// Amounts and counts in events are computed (sums over terms and months), so they are not capped like
// the inputs are (domain/money.ts MAX_FEN): capping them here could make a valid contract unpublishable.
export const count = z.number().int('must be a whole number').nonnegative('must not be negative');

export const identifier = IdentifierSchema;

/** A clause of the contract as the contract numbers it, e.g. `7.4` or `annex 2 §17`. */
export const clauseRef = safeText(TEXT_LIMITS.clauseRef).describe('Clause of the contract');

export const code = CodeSchema;

/**
 * Free text an event may carry: composed by the decider from contract data (a charge's explanation),
 * never a person's words, which stay in the workflow history (events carry a reason code instead).
 * Personal data must never reach the event log (it is kept for years and copied widely); free text is
 * screened for the shapes that leak most, also when written in groups ("150 0908 3897"). Service numbers
 * such as 96110 or a 400 number are resources, not people, and pass.
 */
export function text(max = 500) {
  return publicText(max);
}

export const agreementPeriod = z
  .object({ startDate: localDate, endDate: localDate })
  .strict()
  .refine((p) => p.startDate <= p.endDate, { message: 'must not end before it starts', path: ['endDate'] })
  .describe('TMF651 agreementPeriod, both days inclusive');

/** A resource the contract holds: numbers, lines, IP blocks, ports, seats (TMF639 resource). */
/** One bill of the agreed payment schedule. */
export const instalment = z
  .object({
    invoiceId: identifier
      .optional()
      .describe('The id payments and dunning name it by (e.g. 4.5.1#2; 2.2#1/y2 in term year 2)'),
    dueDate: localDate,
    amountFen: fen.min(1, 'must be positive'),
  })
  .strict();

export const resourceRef = z
  .object({
    resourceId: identifier.describe('Inventory id of the resource'),
    resourceType: code.describe(
      'Inventory kind, e.g. special-number, number-400, circuit, ipv4-block, sms-access-number',
    ),
    value: safeText(100).optional().describe('The number, CIDR or port itself, when it has one'),
  })
  .strict();

export const party = z.enum(['customer', 'provider']);

/**
 * Set when a deadline was computed without the State Council working-day calendar for that year
 * (weekends only); consumers should treat the date as provisional.
 */
export const flags = {
  calendarDataMissing: z
    .boolean()
    .optional()
    .describe('Deadline computed without the official working-day calendar'),
};

/** Every event's data starts with these. */
export const base = { contractNo, ...flags };
