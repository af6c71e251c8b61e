import {
  addDays,
  addMonths,
  daysBetween,
  firstDayAfterPeriod,
  isoDate,
  isoWeekday,
  lastDayOfMonth,
  shanghaiDateOf,
  shanghaiDayEnd,
  shanghaiDayStart,
  yearMonth,
} from '../../domain/dates';

const d = isoDate;

describe('dates: local business dates', () => {
  test('only real calendar dates are accepted', () => {
    expect(d('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '2024-04-31', '']) {
      expect(() => d(bad)).toThrow(RangeError);
    }
  });

  test('adding days crosses months, years and leap days', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01');
    expect(addDays(d('2025-03-01'), -1)).toBe('2025-02-28');
    expect(daysBetween(d('2024-05-06'), d('2027-05-05'))).toBe(1094);
  });

  test('adding months clamps to the end of a shorter month', () => {
    expect(addMonths(d('2024-01-31'), 1)).toBe('2024-02-29');
    expect(addMonths(d('2023-01-31'), 1)).toBe('2023-02-28');
    expect(addMonths(d('2024-03-31'), -1)).toBe('2024-02-29');
    expect(addMonths(d('2023-12-01'), 36)).toBe('2026-12-01');
    expect(lastDayOfMonth(yearMonth('2100-02'))).toBe('2100-02-28');
  });

  test('weekdays: 2025-09-28 is a Sunday, 2024-10-12 a Saturday', () => {
    expect(isoWeekday(d('2025-09-28'))).toBe(7);
    expect(isoWeekday(d('2024-10-12'))).toBe(6);
    expect(isoWeekday(d('1970-01-01'))).toBe(4);
  });

  test('"after N days" starts counting the next day (民法典 art. 201)', () => {
    expect(firstDayAfterPeriod(d('2025-01-31'), 30)).toBe('2025-03-03');
  });

  describe('Asia/Shanghai natural-day boundaries', () => {
    test('a Shanghai day starts at 16:00 UTC the day before and ends 24 hours later', () => {
      expect(new Date(shanghaiDayStart(d('2025-09-09'))).toISOString()).toBe('2025-09-08T16:00:00.000Z');
      expect(shanghaiDayEnd(d('2025-09-09')) - shanghaiDayStart(d('2025-09-09'))).toBe(86_400_000);
    });

    test('an instant maps to the Shanghai date it falls on, whatever the host time zone', () => {
      expect(shanghaiDateOf(Date.parse('2025-09-08T15:59:59.999Z'))).toBe('2025-09-08');
      expect(shanghaiDateOf(Date.parse('2025-09-08T16:00:00.000Z'))).toBe('2025-09-09');
      expect(shanghaiDateOf(new Date('2025-12-31T23:30:00+08:00'))).toBe('2025-12-31');
      expect(() => shanghaiDateOf(Number.NaN)).toThrow(RangeError);
    });

    test('the start of a day maps back to that day', () => {
      for (const date of ['1999-12-31', '2024-02-29', '2026-11-30'].map(d)) {
        expect(shanghaiDateOf(shanghaiDayStart(date))).toBe(date);
        expect(shanghaiDateOf(shanghaiDayEnd(date) - 1)).toBe(date);
      }
    });
  });
});
