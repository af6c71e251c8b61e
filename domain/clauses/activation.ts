/**
 * Activation deadline and the provider's delay penalty.
 * 000 3.2: activate within 10 working days after resources are ready and the order formally accepted.
 * 000 7.4: provider-caused delay costs 1% of the one-time fees per day, deducted from the first month's
 * fee and capped at the monthly fee; 90 days late, the customer may terminate.
 * 001 3.2.4 and 002 have no working-day SLA: activation is agreed between the parties.
 */
import { daysBetween, defaultCalendar, type IsoDate, type WorkingCalendar } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import { applyBasisPoints, minFen, type Fen } from '../money';
import { assertNever } from '../never';
import { monthlyFeeFen, oneTimeFeesFen } from './charges';
import { dayAfter, endOfPeriod } from './periods';

export type ActivationDeadline =
  | { kind: 'no-activation-clause' }
  | { kind: 'negotiated'; ref: string; from: string }
  | {
      kind: 'deadline';
      ref: string;
      /** Last working day to activate, inclusive. */
      deadline: IsoDate;
      calendarDataMissing: boolean;
      missingYears: number[];
    };

/** `slaStartDate`: the day the SLA clock starts (e.g. resources ready and order formally accepted). */
export function activationDeadline(
  spec: ContractSpec,
  slaStartDate: IsoDate,
  calendar: WorkingCalendar = defaultCalendar,
): ActivationDeadline {
  const clause = spec.clauses.activation;
  if (!clause) return { kind: 'no-activation-clause' };
  const { sla } = clause;
  switch (sla.kind) {
    case 'negotiated':
      return { kind: 'negotiated', ref: clause.ref, from: sla.from };
    case 'working-days': {
      const { date, ...flags } = endOfPeriod(slaStartDate, sla.days, 'working', calendar);
      return { kind: 'deadline', ref: clause.ref, deadline: date, ...flags };
    }
    default:
      return assertNever(sla, 'activation SLA');
  }
}

export interface DelayPenalty {
  ref: string;
  lateDays: number;
  dailyPenaltyFen: Fen;
  uncappedFen: Fen;
  capFen: Fen | null;
  /** What the provider owes, credited against the first month's fee. */
  penaltyFen: Fen;
  capped: boolean;
  /** From this day the customer may terminate (null when the clause gives no such right). */
  customerMayTerminateFrom: IsoDate | null;
}

/**
 * The penalty for activating on `activatedOn` (or, while still waiting, as of that day) against
 * `deadline`. Null when the contract has no delay penalty.
 */
export function activationDelayPenalty(
  spec: ContractSpec,
  deadline: IsoDate,
  activatedOn: IsoDate,
): DelayPenalty | null {
  const penalty = spec.clauses.activation?.delayPenalty;
  if (!penalty) return null;
  const lateDays = Math.max(0, daysBetween(deadline, activatedOn));
  const dailyPenaltyFen = applyBasisPoints(oneTimeFeesFen(spec.lineItems), penalty.rateBpPerDay);
  const uncappedFen = applyBasisPoints(oneTimeFeesFen(spec.lineItems), penalty.rateBpPerDay, lateDays);
  const capFen = penaltyCap(spec, penalty.cap);
  const penaltyFen = capFen === null ? uncappedFen : minFen(uncappedFen, capFen);
  const after = penalty.customerTerminationAfterDays;
  return {
    ref: penalty.ref,
    lateDays,
    dailyPenaltyFen,
    uncappedFen,
    capFen,
    penaltyFen,
    capped: penaltyFen < uncappedFen,
    customerMayTerminateFrom:
      after === undefined ? null : dayAfter(endOfPeriod(deadline, after, 'calendar')).date,
  };
}

type Cap = NonNullable<NonNullable<ContractSpec['clauses']['activation']>['delayPenalty']>['cap'];

function penaltyCap(spec: ContractSpec, cap: Cap): Fen | null {
  switch (cap.kind) {
    case 'monthly-fee':
      return monthlyFeeFen(spec.lineItems);
    case 'fixed':
      return cap.amountFen;
    case 'none':
      return null;
    default:
      return assertNever(cap, 'penalty cap');
  }
}
