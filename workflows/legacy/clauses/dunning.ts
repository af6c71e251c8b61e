/** FROZEN with workflows/legacy (see its lifecycle.ts): the calculators as they were before the decider. */
/**
 * Late fees and the dunning ladder (催缴 → 停机 → 拆机).
 * Late fee: 000 7.3 0.3%/day, 001 2.3.3 3%/day (as written), 002 7.2 0.1%/day, 004 7.2 3‰/day — on the
 * overdue amount, per day after the due date.
 * Suspension / termination: 001 2.3.4 (more than 30 days overdue → suspension; 60 days after suspension
 * still unpaid → termination), 002 3.3 (unpaid in the month → suspended from the 1st of next month; more
 * than 30 days overdue → termination), 000 7.3 and 004 7.2 (the provider may suspend or terminate: a
 * human decision, no date rule).
 */
import {
  addMonths,
  daysBetween,
  firstDayAfterPeriod,
  firstDayOfMonth,
  monthOf,
  type IsoDate,
} from '../../../domain/calendar';
import type { ContractSpec } from '../../../domain/contract-spec';
import { applyBasisPoints, type Fen } from '../../../domain/money';
import { assertNever } from '../../../domain/never';

export interface LateFee {
  ref: string | null;
  overdueDays: number;
  rateBpPerDay: number;
  feeFen: Fen;
}

/** Late fee for `amountFen` due on `dueDate` and paid (or assessed) on `paidOn`; one rounding for the whole run. */
export function lateFee(spec: ContractSpec, amountFen: Fen, dueDate: IsoDate, paidOn: IsoDate): LateFee {
  const clause = spec.clauses.dunning.lateFee;
  const overdueDays = Math.max(0, daysBetween(dueDate, paidOn));
  if (!clause) return { ref: null, overdueDays, rateBpPerDay: 0, feeFen: 0 };
  return {
    ref: clause.ref,
    overdueDays,
    rateBpPerDay: clause.rateBpPerDay,
    feeFen: applyBasisPoints(amountFen, clause.rateBpPerDay, overdueDays),
  };
}

/** One rung of the ladder: a date from which the provider may act, a human call, or nothing in the contract. */
export type DunningStep =
  | { kind: 'from-date'; date: IsoDate; ref: string }
  | { kind: 'discretionary'; ref: string }
  | { kind: 'not-in-contract' }
  | { kind: 'awaiting-suspension'; ref: string };

export interface DunningLadder {
  suspension: DunningStep;
  termination: DunningStep;
}

/**
 * When the provider may suspend and terminate for a bill due on `dueDate` that stays unpaid.
 * `suspendedOn` is the day service was actually suspended, if it was: the termination count of 001
 * runs from that day, not from the earliest permitted one.
 */
export function dunningLadder(spec: ContractSpec, dueDate: IsoDate, suspendedOn?: IsoDate): DunningLadder {
  const suspension = suspensionStep(spec, dueDate);
  const from = suspendedOn ?? (suspension.kind === 'from-date' ? suspension.date : undefined);
  return { suspension, termination: terminationStep(spec, dueDate, from) };
}

function suspensionStep(spec: ContractSpec, dueDate: IsoDate): DunningStep {
  const rule = spec.clauses.dunning.suspension;
  if (!rule) return { kind: 'not-in-contract' };
  switch (rule.kind) {
    case 'after-overdue-days':
      return { kind: 'from-date', date: firstDayAfterPeriod(dueDate, rule.days), ref: rule.ref };
    case 'first-of-next-month':
      return { kind: 'from-date', date: firstDayOfMonth(monthOf(addMonths(dueDate, 1))), ref: rule.ref };
    case 'discretionary':
      return { kind: 'discretionary', ref: rule.ref };
    default:
      return assertNever(rule, 'suspension rule');
  }
}

function terminationStep(
  spec: ContractSpec,
  dueDate: IsoDate,
  suspendedOn: IsoDate | undefined,
): DunningStep {
  const rule = spec.clauses.dunning.termination;
  if (!rule) return { kind: 'not-in-contract' };
  switch (rule.kind) {
    case 'after-overdue-days':
      return { kind: 'from-date', date: firstDayAfterPeriod(dueDate, rule.days), ref: rule.ref };
    case 'after-suspension-days':
      return suspendedOn
        ? { kind: 'from-date', date: firstDayAfterPeriod(suspendedOn, rule.days), ref: rule.ref }
        : { kind: 'awaiting-suspension', ref: rule.ref };
    case 'discretionary':
      return { kind: 'discretionary', ref: rule.ref };
    default:
      return assertNever(rule, 'termination rule');
  }
}
