/**
 * The stop-billing date of an unsubscribe (退订日).
 * 000 3.6: written notice at least 30 days ahead; the stop date is the one named in the notice, never
 * earlier than 30 days after it; a notice naming a date less than 30 days out stops billing on the 31st
 * day after the notice. (Note the jump: a date 30 days out is kept, 29 days out becomes day 31.)
 * 004 4.4: 90 days' written notice to stop the business; an earlier date moves to the earliest allowed.
 */
import { addDays, type IsoDate } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import { assertNever } from '../never';
import { endOfMonthsPeriod, endOfPeriod } from './periods';

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
  // The notice period follows the notice day (art. 201); a stop on its last day is in time.
  const earliestAllowed =
    clause.minNoticeMonths !== undefined
      ? endOfMonthsPeriod(
          noticeDate,
          clause.minNoticeMonths,
          clause.dayType === 'working' ? 'calendar' : clause.dayType,
        ).date
      : endOfPeriod(noticeDate, clause.minNoticeDays ?? 0, clause.dayType).date;
  if (requestedStopDate && requestedStopDate >= earliestAllowed) {
    return { kind: 'stop', ref: clause.ref, stopDate: requestedStopDate, earliestAllowed, adjusted: false };
  }
  const rule = clause.shortNotice;
  let stopDate: IsoDate;
  switch (rule.kind) {
    case 'nth-day-after-notice': {
      // "the 31st day after the notice", but never before the notice period has run (art. 203 may stretch it).
      const nth = addDays(noticeDate, rule.day);
      stopDate = nth > earliestAllowed ? nth : earliestAllowed;
      break;
    }
    case 'earliest-allowed':
      stopDate = earliestAllowed;
      break;
    default:
      return assertNever(rule, 'short-notice rule');
  }
  return { kind: 'stop', ref: clause.ref, stopDate, earliestAllowed, adjusted: true };
}
