/** Moving a seed contract in time: the demo, the API tests and the benchmarks sign seeds "today". */
import { addDays, daysBetween, isoDate } from '../../domain/calendar';
import { signedOn } from '../../domain/lifecycle/rebase';
import { seedContract } from '../../domain/seed-contracts';

test('signedOn moves the signing date and every other date of the contract by the same days', () => {
  const seed = seedContract('XJJCF2400252EGN00'); // signed 2024-04-01
  const moved = signedOn(seed, isoDate('2026-11-26'));
  expect(moved.signedDate).toBe('2026-11-26');
  const shift = daysBetween(seed.signedDate, moved.signedDate);
  const datesOf = (v: unknown): string[] =>
    typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
      ? [v]
      : v && typeof v === 'object'
        ? Object.values(v).flatMap(datesOf)
        : [];
  const before = datesOf(seed);
  expect(before.length).toBeGreaterThan(1);
  expect(datesOf(moved)).toEqual(before.map((d) => addDays(isoDate(d), shift)));
  expect({ ...moved, signedDate: seed.signedDate }).not.toEqual(seed); // the other dates moved too
});
