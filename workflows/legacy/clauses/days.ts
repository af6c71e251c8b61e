/** FROZEN with workflows/legacy (see its lifecycle.ts): the calculators as they were before the decider. */
/** Counting "N days" or "N working days" the same way everywhere, with the calendar flags carried along. */
import {
  addDays,
  addWorkingDays,
  defaultCalendar,
  type CalendarFlags,
  type IsoDate,
  type WorkingCalendar,
} from '../../../domain/calendar';
import { assertNever } from '../../../domain/never';

export type DayType = 'calendar' | 'working' | 'strict-calendar';

export interface DatedResult extends CalendarFlags {
  date: IsoDate;
}

const NO_FLAGS: CalendarFlags = { calendarDataMissing: false, missingYears: [] };

/** The last day of a period of `days` after `anchor` (anchor not counted, 民法典 art. 201). */
export function endOfPeriod(
  anchor: IsoDate,
  days: number,
  dayType: DayType,
  calendar: WorkingCalendar = defaultCalendar,
): DatedResult {
  switch (dayType) {
    case 'calendar':
    case 'strict-calendar':
      return { date: addDays(anchor, days), ...NO_FLAGS };
    case 'working':
      return addWorkingDays(anchor, days, calendar);
    default:
      return assertNever(dayType, 'day type');
  }
}
