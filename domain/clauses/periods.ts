/**
 * How every period of a contract is counted: 民法典 arts. 201–204 (../shared/LAW.md), one function per
 * rule, each answer carrying the calendar flags of the years it looked at.
 *
 * - art. 201: a period after an event starts the day after it; "within 5 days of 11 April" is 12–16 April.
 * - art. 202: a period of months ends on the corresponding day of the end month, or on that month's
 *   last day when it has none; a term that runs from a date includes that date (termEnd).
 * - art. 203: a period whose last day is a rest day (a weekend or statutory holiday, with the 调休
 *   make-up working days) ends on the first working day after it.
 * - art. 204: the contract may count otherwise: working days (工作日), or strictly calendar days
 *   (no art. 203 extension).
 */
import {
  addDays,
  addMonths,
  combineFlags,
  daysInMonth,
  defaultCalendar,
  type CalendarFlags,
  type IsoDate,
  type WorkingCalendar,
} from '../calendar';
import { assertNever } from '../never';

/** calendar = 日 (art. 203 applies); working = 工作日; strict-calendar = 自然日 with no holiday extension. */
export type DayType = 'calendar' | 'working' | 'strict-calendar';

export interface DatedResult extends CalendarFlags {
  date: IsoDate;
}

const NO_FLAGS: CalendarFlags = { calendarDataMissing: false, missingYears: [] };

/** art. 203: the last day of a period, moved off a rest day onto the next working day. */
export function restDayExtended(lastDay: IsoDate, calendar: WorkingCalendar = defaultCalendar): DatedResult {
  const seen: CalendarFlags[] = [];
  let date = lastDay;
  for (;;) {
    const check = calendar.isWorkingDay(date);
    seen.push(check);
    if (check.working) return { date, ...combineFlags(...seen) };
    date = addDays(date, 1);
  }
}

/** arts. 201, 203, 204: the last day of a period of `days` counted from the day after `anchor`. */
export function endOfPeriod(
  anchor: IsoDate,
  days: number,
  dayType: DayType,
  calendar: WorkingCalendar = defaultCalendar,
): DatedResult {
  switch (dayType) {
    case 'calendar':
      return restDayExtended(addDays(anchor, days), calendar);
    case 'strict-calendar':
      return { date: addDays(anchor, days), ...NO_FLAGS };
    case 'working':
      return calendar.addWorkingDays(anchor, days);
    default:
      return assertNever(dayType, 'day type');
  }
}

/** arts. 201–203: the last day of a period of `months` after `anchor` (the corresponding day, or the month's last). */
export function endOfMonthsPeriod(
  anchor: IsoDate,
  months: number,
  dayType: Exclude<DayType, 'working'> = 'calendar',
  calendar: WorkingCalendar = defaultCalendar,
): DatedResult {
  const last = addMonths(anchor, months); // clamps to the month's last day when it has no such day
  return dayType === 'calendar' ? restDayExtended(last, calendar) : { date: last, ...NO_FLAGS };
}

/** What happens "after" a period happens on the day after its last day. */
export function dayAfter(end: DatedResult): DatedResult {
  return { ...end, date: addDays(end.date, 1) };
}

/**
 * art. 202 for a term that runs from `start` and includes it (001: 2022-01-01 … 2022-12-31): it ends the
 * day before the same day `months` later, or on the last day of that month when it has no such day —
 * so one year from 2028-02-29 ends 2029-02-28, and 18 months from 2026-08-31 end 2028-02-29.
 */
export function termEnd(start: IsoDate, months: number): IsoDate {
  const same = addMonths(start, months);
  const [year, month] = [Number(same.slice(0, 4)), Number(same.slice(5, 7))];
  const clamped = Number(start.slice(8, 10)) > daysInMonth(year, month);
  return clamped ? same : addDays(same, -1);
}

/** How long before an end a notice must be given: days (calendar or working) or months. */
export type NoticeLead = { days: number; dayType: DayType } | { months: number };

/**
 * The last day a notice "N before `end`" can be given: N full days (or working days, or months) must
 * lie between the notice and the end, counted as art. 201 counts them (the notice day not included).
 */
export function latestNoticeDay(
  end: IsoDate,
  lead: NoticeLead,
  calendar: WorkingCalendar = defaultCalendar,
): DatedResult {
  if ('months' in lead) return { date: addMonths(end, -lead.months), ...NO_FLAGS };
  if (lead.dayType !== 'working') return { date: addDays(end, -lead.days), ...NO_FLAGS };
  const seen: CalendarFlags[] = [];
  let date = end;
  for (let counted = 0; counted < lead.days;) {
    const check = calendar.isWorkingDay(date);
    seen.push(check);
    if (check.working) counted += 1;
    date = addDays(date, -1);
  }
  return { date, ...combineFlags(...seen) };
}
