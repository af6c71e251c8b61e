/** FROZEN with workflows/legacy (see its lifecycle.ts): the calculators as they were before the decider. */
/**
 * Completion acceptance (竣工验收), 000 clause 3.4: the customer verifies and signs within 5 days of
 * receiving the completion notice; silent and no written objection → deemed accepted, and the date on the
 * completion notice becomes the actual activation date (fees run from it, 3.5).
 */
import { addDays, defaultCalendar, type IsoDate, type WorkingCalendar } from '../../../domain/calendar';
import type { ContractSpec } from '../../../domain/contract-spec';
import { assertNever } from '../../../domain/never';
import { endOfPeriod, type DatedResult } from './days';

export interface AcceptanceFacts {
  /** The day the customer received the completion notice. */
  noticeReceivedOn: IsoDate;
  /** The activation date printed on the completion notice. */
  completionNoticeDate: IsoDate;
}

export type AcceptanceWindow =
  | { kind: 'no-acceptance-clause' }
  | {
      kind: 'window';
      ref: string;
      /** Last day to sign or object in writing. */
      lastDayToRespond: IsoDate;
      /** The day silence turns into acceptance (null when silence does not count). */
      deemedAcceptedOn: IsoDate | null;
      /** The activation date if deemed accepted (null when silence does not count). */
      activationDateIfDeemed: IsoDate | null;
      calendarDataMissing: boolean;
      missingYears: number[];
    };

export function acceptanceWindow(
  spec: ContractSpec,
  facts: AcceptanceFacts,
  calendar: WorkingCalendar = defaultCalendar,
): AcceptanceWindow {
  const clause = spec.clauses.acceptance;
  if (!clause) return { kind: 'no-acceptance-clause' };
  const last: DatedResult = endOfPeriod(facts.noticeReceivedOn, clause.windowDays, clause.dayType, calendar);
  const deemedOn = clause.deemedAcceptedOnSilence ? addDays(last.date, 1) : null;
  return {
    kind: 'window',
    ref: clause.ref,
    lastDayToRespond: last.date,
    deemedAcceptedOn: deemedOn,
    activationDateIfDeemed: deemedOn && activationDate(clause.activationDateOnDeemed, facts, deemedOn),
    calendarDataMissing: last.calendarDataMissing,
    missingYears: last.missingYears,
  };
}

function activationDate(
  rule: 'completion-notice-date' | 'deemed-date',
  facts: AcceptanceFacts,
  deemedOn: IsoDate,
): IsoDate {
  switch (rule) {
    case 'completion-notice-date':
      return facts.completionNoticeDate;
    case 'deemed-date':
      return deemedOn;
    default:
      return assertNever(rule, 'activation date rule');
  }
}
