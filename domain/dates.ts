/**
 * Local business dates (Asia/Shanghai) as `YYYY-MM-DD` strings. Contracts speak in dates, not instants:
 * "within 5 days", "by 2025-04-30". Arithmetic goes through a day number (days since 1970-01-01) built
 * with Date.UTC, so no host time zone or DST can shift a date. Pure and deterministic: safe inside the
 * Temporal workflow sandbox.
 */
import { z } from 'zod';

/** A valid calendar date `YYYY-MM-DD` (zod checks month lengths and leap years). */
export const IsoDateSchema = z.iso
  .date({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a date YYYY-MM-DD') })
  .brand<'IsoDate'>();
export type IsoDate = z.infer<typeof IsoDateSchema>;

/** A natural month `YYYY-MM`, e.g. the SMS free month (004 clause 5.2). */
export const YearMonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .brand<'YearMonth'>();
export type YearMonth = z.infer<typeof YearMonthSchema>;

/**
 * The years a date given by a person or another system may fall in. Nothing this system handles was
 * signed before 2000 (the contract templates cite the 2000 Telecom Regulations and the 2021 Civil Code),
 * and 2099 leaves room for terms and renewals while every computed date keeps four digits. A year like
 * 0250 or 9999 is a typing slip, never a contract date, and would otherwise close a contract at once.
 */
export const PLAUSIBLE_YEARS = { from: 2000, to: 2099 } as const;
const plausibleRule = `must be within ${PLAUSIBLE_YEARS.from}-01-01..${PLAUSIBLE_YEARS.to}-12-31`;
const plausibleYear = (text: string) => {
  const year = Number(text.slice(0, 4));
  return year >= PLAUSIBLE_YEARS.from && year <= PLAUSIBLE_YEARS.to;
};

// The years as JSON Schema patterns (OpenAPI, JSON Schemas), so generated clients and fuzzers know the
// rule a refinement alone would hide; the range 2000..2099 is exactly the century prefix "20".
const YEAR_PATTERN = '20[0-9]{2}';

/** A date in an input (spec, action, intake fact): a valid date within the plausible years. */
export const PlausibleDateSchema = IsoDateSchema.refine(plausibleYear, { message: plausibleRule }).meta({
  pattern: `^${YEAR_PATTERN}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`,
});
/** A month in an input, within the plausible years. */
export const PlausibleMonthSchema = YearMonthSchema.refine(plausibleYear, {
  message: `must be within ${PLAUSIBLE_YEARS.from}-01..${PLAUSIBLE_YEARS.to}-12`,
}).meta({ pattern: `^${YEAR_PATTERN}-(0[1-9]|1[0-2])$` });

const MS_PER_DAY = 86_400_000;
/** China has kept UTC+8 all year since 1991, so a fixed offset is exact for every contract date. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Validates and brands a date string; throws RangeError on anything else (a programming error). */
export function isoDate(text: string): IsoDate {
  const parsed = IsoDateSchema.safeParse(text);
  if (!parsed.success) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(text)}`);
  return parsed.data;
}

export function yearMonth(text: string): YearMonth {
  const parsed = YearMonthSchema.safeParse(text);
  if (!parsed.success) throw new RangeError(`not a month YYYY-MM: ${JSON.stringify(text)}`);
  return parsed.data;
}

function parts(date: IsoDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01. setUTCFullYear avoids Date.UTC's mapping of years 0–99 to 1900–1999. */
export function toDayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / MS_PER_DAY);
}

export function fromDayNumber(day: number): IsoDate {
  if (!Number.isSafeInteger(day)) throw new RangeError(`day number must be an integer: ${day}`);
  const t = new Date(day * MS_PER_DAY);
  const y = t.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`date out of range (year ${y})`);
  return format(y, t.getUTCMonth() + 1, t.getUTCDate());
}

function format(y: number, m: number, d: number): IsoDate {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}` as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const days = MONTH_LENGTHS[month - 1];
  if (days === undefined) throw new RangeError(`month must be 1-12: ${month}`);
  return days;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Same day `months` later; a day that does not exist in the target month clamps to its last day
 * (2024-01-31 + 1 month = 2024-02-29), as 民法典 art. 203 does for periods ending in a shorter month.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer: ${months}`);
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0; // the fixed-width format sorts lexically
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday (4). */
export function isoWeekday(date: IsoDate): number {
  const n = (((toDayNumber(date) + 3) % 7) + 7) % 7;
  return n + 1;
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7) as YearMonth;
}

export function firstDayOfMonth(month: YearMonth): IsoDate {
  return `${month}-01` as IsoDate;
}

export function lastDayOfMonth(month: YearMonth): IsoDate {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return format(y, m, daysInMonth(y, m));
}

export function addMonthsToMonth(month: YearMonth, months: number): YearMonth {
  return monthOf(addMonths(firstDayOfMonth(month), months));
}

/**
 * "N days after X" in the contracts follows 民法典 art. 201: the day of X is not counted, the period
 * runs X+1 … X+N, and whatever happens "after N days" happens on X+N+1.
 */
export function firstDayAfterPeriod(anchor: IsoDate, days: number): IsoDate {
  return addDays(anchor, days + 1);
}

/** The instant (epoch ms) when the Shanghai natural day `date` begins, 00:00 +08:00. */
export function shanghaiDayStart(date: IsoDate): number {
  return toDayNumber(date) * MS_PER_DAY - SHANGHAI_OFFSET_MS;
}

/** The instant the next Shanghai day begins: the end of `date`, exclusive. */
export function shanghaiDayEnd(date: IsoDate): number {
  return shanghaiDayStart(addDays(date, 1));
}

/** The Shanghai business date an instant falls on. */
export function shanghaiDateOf(instant: number | Date): IsoDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('instant must be a finite epoch-millisecond value');
  return fromDayNumber(Math.floor((ms + SHANGHAI_OFFSET_MS) / MS_PER_DAY));
}
