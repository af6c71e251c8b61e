// Keeps inventory/bench.ts working: a tiny run on the embedded store.
import { runBench } from '../../inventory/bench';

test('the benchmark measures reservations against plain inserts', async () => {
  const figures = await runBench({ engine: 'pglite', count: 40, clients: 1 });
  expect(figures.map((f) => [f.operation, f.count])).toEqual([
    ['reserve', 40],
    ['plain INSERT', 40],
  ]);
  expect(figures.every((f) => f.perSecond > 0)).toBe(true);
});
