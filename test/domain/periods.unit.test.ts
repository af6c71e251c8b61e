/**
 * Periods under 民法典 arts. 201–204 (../shared/LAW.md), one rule at a time, at National Day, Spring
 * Festival, month-ends, 29 February and year-ends.
 */
import {
  dayAfter,
  endOfMonthsPeriod,
  endOfPeriod,
  latestNoticeDay,
  restDayExtended,
  termEnd,
} from '../../domain/clauses/periods';
import { isoDate } from '../../domain/dates';

const d = isoDate;

describe('art. 201: a period after an event starts the next day and ends on its Nth day', () => {
  test('"within 5 days of the notice of 11 April 2024" runs 12–16 April (a Tuesday)', () => {
    expect(endOfPeriod(d('2024-04-11'), 5, 'calendar')).toEqual({
      date: '2024-04-16',
      calendarDataMissing: false,
      missingYears: [],
    });
  });

  test('what follows "after 90 days" from 2023-04-04 happens on day 91, 2023-07-04', () => {
    expect(dayAfter(endOfPeriod(d('2023-04-04'), 90, 'calendar')).date).toBe('2023-07-04');
  });
});

describe('art. 203: a last day on a rest day moves to the next working day', () => {
  test('a 5-day window from 2025-09-26 would end on 1 October (National Day): it ends on 9 October', () => {
    expect(endOfPeriod(d('2025-09-26'), 5, 'calendar').date).toBe('2025-10-09');
  });

  test('ending on 28 September 2025, a Sunday worked as 调休, it stays there', () => {
    expect(endOfPeriod(d('2025-09-23'), 5, 'calendar').date).toBe('2025-09-28');
  });

  test('a period ending in Spring Festival 2026 (15–23 February) ends on 24 February', () => {
    expect(endOfPeriod(d('2026-02-10'), 7, 'calendar').date).toBe('2026-02-24');
    expect(restDayExtended(d('2026-02-23')).date).toBe('2026-02-24');
  });

  test('a last day on a plain Saturday moves to Monday', () => {
    expect(endOfPeriod(d('2024-04-06'), 7, 'calendar').date).toBe('2024-04-15');
  });

  test('a period running into 2027, whose holidays are not published yet, is flagged', () => {
    expect(endOfPeriod(d('2026-12-28'), 5, 'calendar')).toEqual({
      date: '2027-01-04',
      calendarDataMissing: true,
      missingYears: [2027],
    });
  });
});

describe('art. 204: the contract may count otherwise', () => {
  test('strictly calendar days end on the holiday itself', () => {
    expect(endOfPeriod(d('2025-09-26'), 5, 'strict-calendar').date).toBe('2025-10-01');
  });

  test('15 working days from 2025-09-09 (002 3.2) end 2025-09-29, counting 调休 Sunday 28 September', () => {
    expect(endOfPeriod(d('2025-09-09'), 15, 'working').date).toBe('2025-09-29');
  });
});

describe('art. 202: periods of months', () => {
  test('one month from 31 January 2024 ends on 29 February, the month having no 31st', () => {
    expect(endOfMonthsPeriod(d('2024-01-31'), 1).date).toBe('2024-02-29');
  });

  test('a month from 31 August 2026 would end on 30 September; a month from 31 December 2026 on 31 January 2027', () => {
    expect(endOfMonthsPeriod(d('2026-08-31'), 1).date).toBe('2026-09-30');
    expect(endOfMonthsPeriod(d('2026-12-31'), 1, 'strict-calendar').date).toBe('2027-01-31');
  });

  test('a month from 1 September 2025 would end on 1 October: National Day moves it to 9 October', () => {
    expect(endOfMonthsPeriod(d('2025-09-01'), 1).date).toBe('2025-10-09');
  });
});

describe('art. 202: a term that runs from a date includes it', () => {
  test.each([
    ['2022-01-01', 12, '2022-12-31'], // 001 11.1 as written
    ['2024-04-11', 36, '2027-04-10'], // 000 10.1 from activation
    ['2028-02-29', 12, '2029-02-28'], // no 29 February in 2029: its last day
    ['2026-08-31', 18, '2028-02-29'], // no 31 February: the month's last day
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2023-12-01', 36, '2026-11-30'], // 004 10.1
  ])('%s for %i months ends %s', (start, months, end) => {
    expect(termEnd(d(start), months)).toBe(end);
  });
});

describe('a notice due "N before expiry"', () => {
  test('90 days before 2027-04-10 (000 10.2) is 2027-01-10; one month before 2027-03-31 is 2027-02-28', () => {
    expect(latestNoticeDay(d('2027-04-10'), { days: 90, dayType: 'calendar' }).date).toBe('2027-01-10');
    expect(latestNoticeDay(d('2027-03-31'), { months: 1 }).date).toBe('2027-02-28');
  });

  test('5 working days before 2025-10-10 skip National Day: the notice is due by Saturday 2025-09-27', () => {
    // Working days before the end: 10, 9 October, 30, 29, 28 (调休) September.
    expect(latestNoticeDay(d('2025-10-10'), { days: 5, dayType: 'working' }).date).toBe('2025-09-27');
  });
});
