/** FROZEN with workflows/legacy (see its lifecycle.ts): the calculators as they were before the decider. */
/**
 * Term and renewal dates. 000 10.1–10.2 (36 months from actual activation, auto-renewing 36 months,
 * 90 days' notice), 001 11.1 (2022-01-01 to 2022-12-31, renewing 12 months), 002 3.1(1) (12 months from
 * signature), 003 §18–20 (from activation, renewing, 15 days' notice), 004 10.1 / 11.11.
 *
 * A term of N months starting on S covers S … (S + N months − 1 day), both ends inclusive — the reading
 * 001 spells out ("2022-01-01 to 2022-12-31" for 12 months).
 */
import { addDays, addMonths, type IsoDate } from '../../../domain/dates';
import { assertNever } from '../../../domain/never';
import type { ContractSpec, Term } from '../../../domain/contract-spec';

export interface TermPeriod {
  start: IsoDate;
  /** Last day of service, inclusive. */
  end: IsoDate;
}

/** Facts the contract text cannot know in advance. */
export interface TermFacts {
  /** 业务实际开通日: signed acceptance date or the completion-notice date (000 3.4). */
  activationDate?: IsoDate;
}

export class MissingFactError extends Error {
  constructor(
    readonly fact: string,
    readonly ref: string,
  ) {
    super(`${fact} is needed (clause ${ref}) and not known yet`);
    this.name = 'MissingFactError';
  }
}

/** When the first term starts; throws MissingFactError for an activation-based term before activation. */
export function termStart(spec: ContractSpec, facts: TermFacts = {}): IsoDate {
  const { start, ref } = spec.clauses.term;
  switch (start.kind) {
    case 'activation':
      if (!facts.activationDate) throw new MissingFactError('activationDate', ref);
      return facts.activationDate;
    case 'signature':
      return spec.signedDate;
    case 'fixed':
      return start.date;
    default:
      return assertNever(start, 'term start');
  }
}

export function periodOfMonths(start: IsoDate, months: number): TermPeriod {
  return { start, end: addDays(addMonths(start, months), -1) };
}

export function firstTerm(spec: ContractSpec, facts: TermFacts = {}): TermPeriod {
  const start = termStart(spec, facts);
  const { end } = spec.clauses.term;
  switch (end.kind) {
    case 'months':
      return periodOfMonths(start, end.months);
    case 'fixed':
      return { start, end: end.date };
    default:
      return assertNever(end, 'term end');
  }
}

/** Whole months a term lasts, or null when fixed dates do not span whole months (or start is unknown). */
export function termMonths(term: Term): number | null {
  if (term.end.kind === 'months') return term.end.months;
  if (term.start.kind !== 'fixed') return null;
  return monthsInPeriod({ start: term.start.date, end: term.end.date });
}

/** How many whole months `period` spans (2022-01-01 … 2022-12-31 → 12), or null if it is not whole months. */
export function monthsInPeriod(period: TermPeriod): number | null {
  for (let months = 1; months <= 1200; months++) {
    const last = periodOfMonths(period.start, months).end;
    if (last === period.end) return months;
    if (last > period.end) return null;
  }
  return null;
}

export type RenewalOutlook =
  | { kind: 'no-renewal'; ref: string }
  | { kind: 'negotiated'; ref: string }
  | { kind: 'renewals-exhausted'; ref: string }
  | {
      kind: 'auto';
      ref: string;
      /** Last day a written non-renewal notice still stops the renewal (届满前 N 日). */
      nonRenewalNoticeDeadline: IsoDate;
      next: TermPeriod;
    };

/**
 * What happens at the end of `current`, given how many renewals already happened. Notice "N days before
 * expiry" is read as: given on or before (last day − N days).
 */
export function renewalOutlook(spec: ContractSpec, current: TermPeriod, renewalsSoFar = 0): RenewalOutlook {
  const renewal = spec.clauses.renewal;
  switch (renewal.mode) {
    case 'none':
      return { kind: 'no-renewal', ref: renewal.ref };
    case 'negotiated':
      return { kind: 'negotiated', ref: renewal.ref };
    case 'auto': {
      if (renewal.maxRenewals !== null && renewalsSoFar >= renewal.maxRenewals) {
        return { kind: 'renewals-exhausted', ref: renewal.ref };
      }
      return {
        kind: 'auto',
        ref: renewal.ref,
        nonRenewalNoticeDeadline: addDays(current.end, -(renewal.nonRenewalNoticeDays ?? 0)),
        next: periodOfMonths(addDays(current.end, 1), renewal.renewalMonths),
      };
    }
    default:
      return assertNever(renewal, 'renewal mode');
  }
}
