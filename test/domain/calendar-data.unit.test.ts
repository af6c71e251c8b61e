import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkday } from 'chinese-days';
import { addDays, isoDate, isWorkingDay } from '../../domain/calendar';
import { BUNDLED_CALENDAR_SOURCE, BUNDLED_HOLIDAY_DATA } from '../../domain/calendar-data';
import { readChineseDays, renderCalendarData } from '../../scripts/gen-calendar-data';

describe('bundled calendar data (generated from chinese-days)', () => {
  test('domain/calendar-data.ts is what the generator makes from the installed package (else run scripts/gen-calendar-data.ts)', () => {
    const { data, version } = readChineseDays();
    const onDisk = readFileSync(join(__dirname, '..', '..', 'domain', 'calendar-data.ts'), 'utf8');
    expect(onDisk).toBe(renderCalendarData(data, version));
    expect(BUNDLED_CALENDAR_SOURCE).toBe(`chinese-days@${version}`);
  });

  test('it covers every year from 2004 to 2026', () => {
    expect(Object.keys(BUNDLED_HOLIDAY_DATA)).toEqual(Array.from({ length: 23 }, (_, i) => String(2004 + i)));
  });

  test('for every day of 2004–2026 our working-day answer matches chinese-days', () => {
    const disagreements: string[] = [];
    for (let day = isoDate('2004-01-01'); day <= '2026-12-31'; day = addDays(day, 1)) {
      if (isWorkingDay(day).working !== isWorkday(day)) disagreements.push(day);
    }
    expect(disagreements).toEqual([]);
  });
});
