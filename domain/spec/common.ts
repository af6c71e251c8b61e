/** Building blocks shared by the ContractSpec schema files: clause references and number rules. */
import { z } from 'zod';
import { MAX_COUNT } from '../money';
import { freeText, safeText, TEXT_LIMITS } from '../text';

/**
 * Marks a clause the contract is silent on, filled in by the schema's default. Every clause carries
 * `ref` so an auditor can go from a computed deadline back to the text; "default" says there is none.
 */
export const DEFAULT_REF = 'default';

/** The contract's own clause number, e.g. "3.4", "annex 2 #3", "7.3 (2nd)". */
// Events publish the clause a figure comes from: the spec's limit is the event's, or a long ref could
// make a valid contract unpublishable.
export const ClauseRefSchema = safeText(
  TEXT_LIMITS.clauseRef,
  'must cite the clause (or "default")',
).describe('Clause reference in the contract text, for audit; "default" when the contract is silent');

// Counts, days and months are capped at MAX_COUNT so that a product with an amount stays a safe integer.
export const positiveInt = () =>
  z
    .number()
    .int('must be a whole number')
    .positive('must be > 0')
    .max(MAX_COUNT, `must be at most ${MAX_COUNT}`);
export const nonNegativeInt = () =>
  z
    .number()
    .int('must be a whole number')
    .nonnegative('must be ≥ 0')
    .max(MAX_COUNT, `must be at most ${MAX_COUNT}`);
/** One line of printable text (domain/text.ts); longer fields (descriptions, notes) may have line feeds. */
export const text = (max: number) => (max > 500 ? freeText(max) : safeText(max));

/** Contract numbers as the intake events carry them (domain/events/intake.ts). */
export const ContractNoSchema = z
  .string()
  .regex(/^[A-Z0-9-]{4,40}$/, 'must be 4-40 upper-case letters, digits or dashes');

/** 统一社会信用代码: 18 characters. */
export const CreditCodeSchema = z
  .string()
  .regex(/^[0-9A-Z]{18}$/, 'must be an 18-character unified credit code');

export const DayTypeSchema = z
  .enum(['calendar', 'working', 'strict-calendar'])
  .describe(
    'calendar = natural days (日), a last day on a rest day moves to the next working day (民法典 art. 203); ' +
      'working = Chinese working days (工作日); strict-calendar = natural days with no such move (art. 204)',
  );

/**
 * Lengths of windows, notices and terms. No clause runs longer than ten years (3,660 days) or a century
 * (1,200 months); the caps keep every computed date within four-digit years, so adding a clause's days
 * to a date can never fail inside a running contract.
 */
export const MAX_DAYS = 3660;
export const MAX_MONTHS = 1200;
const capped = (min: 0 | 1, max: number) =>
  z
    .number()
    .int('must be a whole number')
    .min(min, min === 1 ? 'must be > 0' : 'must be ≥ 0')
    .max(max, `must be at most ${max}`);
export const positiveDays = () => capped(1, MAX_DAYS);
export const nonNegativeDays = () => capped(0, MAX_DAYS);
export const positiveMonths = () => capped(1, MAX_MONTHS);
export const nonNegativeMonths = () => capped(0, MAX_MONTHS);
