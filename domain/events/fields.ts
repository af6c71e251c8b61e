/**
 * Field types shared by the contract event catalogue. Money is integer fen (no floating point in
 * billing), business dates are ISO `YYYY-MM-DD` read in Asia/Shanghai, identifiers are opaque strings.
 */
import { z } from 'zod';

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

export const count = z.number().int('must be a whole number').nonnegative('must not be negative');

export const identifier = z.string().min(1, 'must not be empty').max(100);

/** A clause of the contract as the contract numbers it, e.g. `7.4` or `annex 2 §17`. */
export const clauseRef = z.string().min(1, 'must name the clause').max(40).describe('Clause of the contract');

/**
 * kebab-case code from a closed or growing vocabulary (document types, products, resource types);
 * dots separate a namespace, as in the catalogue's `ccc.seat`.
 */
export const code = z
  .string()
  .regex(/^[a-z0-9]+([.-][a-z0-9]+)*$/, 'must be a kebab-case code (dots separate a namespace)')
  .max(60);

// Personal data must never reach the event log (it is kept for years and copied widely). Schemas have
// no field for it and are strict; free text is additionally screened for the shapes that leak most:
// mainland mobile numbers, and 15+ digit runs (resident ID and bank card numbers). Service numbers
// such as 96110 or a 400 number are resources, not people, and pass.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const LONG_DIGITS = /\d{15,}/;

export function text(max = 500) {
  return z
    .string()
    .min(1, 'must not be empty')
    .max(max)
    .refine((s) => !MOBILE.test(s) && !LONG_DIGITS.test(s), {
      message: 'must not contain personal data (mobile, ID or bank numbers)',
    })
    .describe('Free text without personal data');
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
    value: z.string().min(1).max(100).optional().describe('The number, CIDR or port itself, when it has one'),
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
