import fc from 'fast-check';
import {
  addDays,
  addWorkingDays,
  createWorkingCalendar,
  fromDayNumber,
  isoDate,
  isWorkingDay,
  isoWeekday,
  localDateOf,
  mergeHolidayData,
  startOfLocalDay,
  toDayNumber,
  workingDaysBetween,
  type HolidayDataSet,
} from '../../domain/calendar';
import { BUNDLED_HOLIDAY_DATA } from '../../domain/calendar-data';

const d = isoDate;

describe('working-day calendar (mainland China)', () => {
  test('statutory holidays are rest days and adjusted weekends (调休) are working days', () => {
    expect(isWorkingDay(d('2024-10-01')).working).toBe(false); // National Day, Tuesday
    expect(isWorkingDay(d('2024-10-12')).working).toBe(true); // Saturday made a working day
    expect(isWorkingDay(d('2025-09-28')).working).toBe(true); // Sunday made a working day
    expect(isWorkingDay(d('2025-09-27')).working).toBe(false); // ordinary Saturday
    expect(isWorkingDay(d('2026-02-16')).working).toBe(false); // Spring Festival, Monday
    expect(isWorkingDay(d('2026-02-16')).calendarDataMissing).toBe(false);
  });

  test('given 002 signed 2025-09-09, 15 working days later is 2025-09-29 (counting Sunday 09-28)', () => {
    expect(addWorkingDays(d('2025-09-09'), 15)).toEqual({
      date: '2025-09-29',
      calendarDataMissing: false,
      missingYears: [],
    });
  });

  test('given resources ready on 2024-09-27, 10 working days run across National Day to 2024-10-16', () => {
    expect(addWorkingDays(d('2024-09-27'), 10).date).toBe('2024-10-16');
    expect(workingDaysBetween(d('2024-09-27'), d('2024-10-16')).days).toBe(10);
  });

  test('counting backwards gives a negative count; zero days leaves the date alone', () => {
    expect(workingDaysBetween(d('2024-10-16'), d('2024-09-27')).days).toBe(-10);
    expect(addWorkingDays(d('2024-10-01'), 0).date).toBe('2024-10-01');
    expect(() => addWorkingDays(d('2024-10-01'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(d('2024-10-01'), 1.5)).toThrow(RangeError);
  });

  test('a year without holiday data falls back to Monday–Friday and says so', () => {
    const result = addWorkingDays(d('2026-12-30'), 5);
    expect(result).toEqual({ date: '2027-01-06', calendarDataMissing: true, missingYears: [2027] });
    expect(isWorkingDay(d('2027-01-01'))).toEqual({
      working: true,
      calendarDataMissing: true,
      missingYears: [2027],
    });
    expect(workingDaysBetween(d('2026-12-01'), d('2026-12-31')).calendarDataMissing).toBe(false);
  });

  test('an updated data set passed in takes effect and clears the flag for its year', () => {
    const update: HolidayDataSet = { '2027': { holidays: ['2027-01-01'], workdays: ['2027-01-09'] } };
    const calendar = createWorkingCalendar(mergeHolidayData(BUNDLED_HOLIDAY_DATA, update));
    expect(calendar.isWorkingDay(d('2027-01-01'))).toEqual({
      working: false,
      calendarDataMissing: false,
      missingYears: [],
    });
    expect(calendar.isWorkingDay(d('2027-01-09')).working).toBe(true); // a Saturday made a working day
    expect(calendar.isWorkingDay(d('2026-10-01')).working).toBe(false); // bundled data kept
    expect(addWorkingDays(d('2026-12-31'), 1, calendar)).toMatchObject({
      date: '2027-01-04',
      calendarDataMissing: false,
    });
  });

  test('a calendar given only one year flags every other year it is asked about', () => {
    const calendar = createWorkingCalendar({ '2027': { holidays: [], workdays: [] } });
    expect(calendar.years).toEqual([2027]);
    expect(calendar.isWorkingDay(d('2026-10-01'))).toEqual({
      working: true,
      calendarDataMissing: true,
      missingYears: [2026],
    });
  });

  test('a self-contradicting data set is refused with every problem listed', () => {
    const bad = { '2027': { holidays: ['2027-01-01', '2028-01-01'], workdays: ['2027-01-01', 'x'] } };
    expect(() => createWorkingCalendar(bad)).toThrow(
      /2027.workdays.1: must be a date YYYY-MM-DD[\s\S]*2028-01-01 belongs to another year[\s\S]*2027-01-01 is both/,
    );
  });

  test('a data set of the wrong shape is refused, not half-read', () => {
    expect(() => createWorkingCalendar({ '2027': { holidays: '2027-01-01' } } as never)).toThrow(
      'invalid holiday data:\n2027.holidays: Invalid input: expected array, received string\n' +
        '2027.workdays: Invalid input: expected array, received undefined',
    );
  });

  test('the workflow-facing helpers map instants and dates through Asia/Shanghai', () => {
    expect(localDateOf(Date.parse('2025-09-08T16:00:00Z'))).toBe('2025-09-09');
    expect(startOfLocalDay('2025-09-09')).toBe(Date.parse('2025-09-08T16:00:00Z'));
    expect(() => startOfLocalDay('2025-9-9')).toThrow(RangeError);
  });

  describe('properties (2004–2026, the years with data)', () => {
    const date = fc
      .integer({ min: toDayNumber(d('2004-01-01')), max: toDayNumber(d('2026-10-31')) })
      .map(fromDayNumber);
    const n = fc.integer({ min: 1, max: 40 });

    test('adding N working days then counting back gives N', () => {
      fc.assert(
        fc.property(
          date,
          n,
          (start, days) => workingDaysBetween(start, addWorkingDays(start, days).date).days === days,
        ),
      );
    });

    test('the result is always a working day: never a holiday nor a weekend rest day', () => {
      fc.assert(
        fc.property(date, n, (start, days) => {
          const end = addWorkingDays(start, days);
          return isWorkingDay(end.date).working && !end.calendarDataMissing;
        }),
      );
    });

    test('beyond the data (2027–2030) results fall on Monday–Friday and are always flagged', () => {
      const later = fc
        .integer({ min: toDayNumber(d('2027-01-01')), max: toDayNumber(d('2030-12-31')) })
        .map(fromDayNumber);
      fc.assert(
        fc.property(later, n, (start, days) => {
          const end = addWorkingDays(start, days);
          return isoWeekday(end.date) <= 5 && end.calendarDataMissing && end.missingYears.length > 0;
        }),
      );
    });

    test('the result is the first working day after the previous one: nothing is skipped', () => {
      fc.assert(
        fc.property(date, n, (start, days) => {
          const before = addWorkingDays(start, days - 1).date;
          const after = addWorkingDays(start, days).date;
          for (let day = addDays(before, 1); day < after; day = addDays(day, 1)) {
            if (isWorkingDay(day).working) return false;
          }
          return true;
        }),
      );
    });
  });
});
