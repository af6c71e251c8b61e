/**
 * Mainland China working-day calendar (工作日): Monday–Friday, minus statutory holidays (法定节假日), plus
 * the weekend days the State Council makes working days (调休上班). The holiday data is published a year
 * at a time, so a year without data falls back to plain Monday–Friday and every answer says so through
 * `calendarDataMissing` — a deadline computed on guessed data must never look authoritative.
 */
import { z } from 'zod';
import { BUNDLED_HOLIDAY_DATA } from './calendar-data';
import {
  addDays,
  isoDate,
  IsoDateSchema,
  isoWeekday,
  shanghaiDateOf,
  shanghaiDayStart,
  yearOf,
  type IsoDate,
} from './dates';

export * from './dates';

/** The plain JSON an operator can pass in to update the calendar: `{ "2027": { holidays, workdays } }`. */
export const HolidayDataSetSchema = z.record(
  z.string().regex(/^\d{4}$/, 'year keys must be YYYY'),
  z.object({ holidays: z.array(IsoDateSchema), workdays: z.array(IsoDateSchema) }).strict(),
);
export type HolidayDataSet = z.input<typeof HolidayDataSetSchema>;

/** Carried by every answer: true when a year the answer depended on had no holiday data. */
export interface CalendarFlags {
  calendarDataMissing: boolean;
  /** The years, ascending, for which Monday–Friday was assumed. */
  missingYears: number[];
}

export interface WorkingDayCheck extends CalendarFlags {
  working: boolean;
}
export interface WorkingDayResult extends CalendarFlags {
  date: IsoDate;
}
export interface WorkingDayCount extends CalendarFlags {
  days: number;
}

export interface WorkingCalendar {
  /** Years with holiday data, ascending. */
  readonly years: readonly number[];
  isWorkingDay(date: IsoDate): WorkingDayCheck;
  /** The n-th working day after `date` (`date` itself not counted); n = 0 returns `date` unchanged. */
  addWorkingDays(date: IsoDate, n: number): WorkingDayResult;
  /** Working days in (a, b]; negative when b is before a. Inverse of addWorkingDays for n ≥ 1. */
  workingDaysBetween(a: IsoDate, b: IsoDate): WorkingDayCount;
}

class MissingYears {
  private readonly years = new Set<number>();
  note(year: number): void {
    this.years.add(year);
  }
  flags(): CalendarFlags {
    const missingYears = [...this.years].sort((a, b) => a - b);
    return { calendarDataMissing: missingYears.length > 0, missingYears };
  }
}

/** Rejects a data set that contradicts itself, listing every problem. */
function validate(data: HolidayDataSet): void {
  const parsed = HolidayDataSetSchema.safeParse(data);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  for (const [year, { holidays, workdays }] of Object.entries(data)) {
    if (!Array.isArray(holidays) || !Array.isArray(workdays)) continue; // already reported by the schema
    const rest = new Set(holidays);
    for (const d of [...holidays, ...workdays]) {
      if (!d.startsWith(`${year}-`)) problems.push(`${year}: ${d} belongs to another year`);
    }
    for (const d of workdays) {
      if (rest.has(d)) problems.push(`${year}: ${d} is both a holiday and a working day`);
    }
  }
  if (problems.length > 0) throw new RangeError(`invalid holiday data:\n${problems.join('\n')}`);
}

export function createWorkingCalendar(data: HolidayDataSet): WorkingCalendar {
  validate(data);
  const holidays = new Set(Object.values(data).flatMap((y) => y.holidays));
  const workdays = new Set(Object.values(data).flatMap((y) => y.workdays));
  const years = new Set(Object.keys(data).map(Number));

  const working = (date: IsoDate, missing: MissingYears): boolean => {
    const year = yearOf(date);
    if (!years.has(year)) missing.note(year);
    if (workdays.has(date)) return true;
    if (holidays.has(date)) return false;
    return isoWeekday(date) <= 5;
  };

  return {
    years: [...years].sort((a, b) => a - b),
    isWorkingDay(date) {
      const missing = new MissingYears();
      return { working: working(date, missing), ...missing.flags() };
    },
    addWorkingDays(date, n) {
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0: ${n}`);
      const missing = new MissingYears();
      let current = date;
      let found = 0;
      while (found < n) {
        current = addDays(current, 1);
        if (working(current, missing)) found += 1;
      }
      return { date: current, ...missing.flags() };
    },
    workingDaysBetween(a, b) {
      const [from, to, sign] = a <= b ? [a, b, 1] : [b, a, -1];
      const missing = new MissingYears();
      let count = 0;
      for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
        if (working(day, missing)) count += 1;
      }
      return { days: sign * count, ...missing.flags() };
    },
  };
}

/** Later years replace earlier ones wholesale: a State Council notice defines a whole year. */
export function mergeHolidayData(base: HolidayDataSet, update: HolidayDataSet): HolidayDataSet {
  return { ...base, ...update };
}

/** The calendar built from the bundled chinese-days data (see domain/calendar-data.ts). */
export const defaultCalendar: WorkingCalendar = createWorkingCalendar(BUNDLED_HOLIDAY_DATA);

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar = defaultCalendar): WorkingDayCheck {
  return calendar.isWorkingDay(date);
}

export function addWorkingDays(
  date: IsoDate,
  n: number,
  calendar: WorkingCalendar = defaultCalendar,
): WorkingDayResult {
  return calendar.addWorkingDays(date, n);
}

export function workingDaysBetween(
  a: IsoDate,
  b: IsoDate,
  calendar: WorkingCalendar = defaultCalendar,
): WorkingDayCount {
  return calendar.workingDaysBetween(a, b);
}

/** Combines the flags of several calendar answers (e.g. a deadline built from two lookups). */
export function combineFlags(...answers: CalendarFlags[]): CalendarFlags {
  const years = [...new Set(answers.flatMap((a) => a.missingYears))].sort((a, b) => a - b);
  return { calendarDataMissing: years.length > 0, missingYears: years };
}

/** Workflow-facing name: the Asia/Shanghai business date an instant (epoch ms or Date) falls on. */
export const localDateOf: (instant: number | Date) => IsoDate = shanghaiDateOf;

/** Workflow-facing name: epoch ms of 00:00 Asia/Shanghai on `date` (validated; throws on a bad date). */
export function startOfLocalDay(date: string): number {
  return shanghaiDayStart(isoDate(date));
}
