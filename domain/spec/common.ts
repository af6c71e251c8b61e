/** Building blocks shared by the ContractSpec schema files: clause references and number rules. */
import { z } from 'zod';

/**
 * Marks a clause the contract is silent on, filled in by the schema's default. Every clause carries
 * `ref` so an auditor can go from a computed deadline back to the text; "default" says there is none.
 */
export const DEFAULT_REF = 'default';

/** The contract's own clause number, e.g. "3.4", "annex 2 #3", "7.3 (2nd)". */
export const ClauseRefSchema = z
  .string()
  .min(1, 'must cite the clause (or "default")')
  .max(60, 'must be at most 60 characters')
  .describe('Clause reference in the contract text, for audit; "default" when the contract is silent');

export const positiveInt = () => z.number().int('must be a whole number').positive('must be > 0');
export const nonNegativeInt = () => z.number().int('must be a whole number').nonnegative('must be ≥ 0');
export const text = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

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
