/** FROZEN with workflows/legacy (see its lifecycle.ts): the calculators as they were before the decider. */
/**
 * The stop-billing date of an unsubscribe (退订日).
 * 000 3.6: written notice at least 30 days ahead; the stop date is the one named in the notice, never
 * earlier than 30 days after it; a notice naming a date less than 30 days out stops billing on the 31st
 * day after the notice. (Note the jump: a date 30 days out is kept, 29 days out becomes day 31.)
 * 004 4.4: 90 days' written notice to stop the business; an earlier date moves to the earliest allowed.
 */
import { addDays, type IsoDate } from '../../../domain/calendar';
import type { ContractSpec } from '../../../domain/contract-spec';
import { assertNever } from '../../../domain/never';

export type UnsubscribeStop =
  | { kind: 'no-unsubscribe-clause' }
  | { kind: 'stop'; ref: string; stopDate: IsoDate; earliestAllowed: IsoDate; adjusted: boolean };

/** `requestedStopDate` absent means the notice named no date: treated like a date that is too early. */
export function unsubscribeStopDate(
  spec: ContractSpec,
  noticeDate: IsoDate,
  requestedStopDate?: IsoDate,
): UnsubscribeStop {
  const clause = spec.clauses.unsubscribe;
  if (!clause) return { kind: 'no-unsubscribe-clause' };
  const earliestAllowed = addDays(noticeDate, clause.minNoticeDays ?? 0);
  if (requestedStopDate && requestedStopDate >= earliestAllowed) {
    return { kind: 'stop', ref: clause.ref, stopDate: requestedStopDate, earliestAllowed, adjusted: false };
  }
  const rule = clause.shortNotice;
  let stopDate: IsoDate;
  switch (rule.kind) {
    case 'nth-day-after-notice':
      stopDate = addDays(noticeDate, rule.day);
      break;
    case 'earliest-allowed':
      stopDate = earliestAllowed;
      break;
    default:
      return assertNever(rule, 'short-notice rule');
  }
  return { kind: 'stop', ref: clause.ref, stopDate, earliestAllowed, adjusted: true };
}
