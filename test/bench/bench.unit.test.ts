// The benchmark's arithmetic and rendering: percentiles, spreads, paired ratios, the SVG chart, options.
import { barChartSvg } from '../../bench/chart';
import { parseOptions } from '../../bench/options';
import { slope } from '../../bench/scale';
import { ratiosChart } from '../../bench/report/ratios';
import type { BenchResults } from '../../bench/report';
import { heldStageOf, pickEvenly, stageSpread } from '../../bench/scale-place';
import { checkAllocations, checkEvents, lostWork, takeover } from '../../bench/workers-checks';
import { pairedRatio, percentile, percentiles, round, spread } from '../../bench/stats';
import { benchPools, campaign, resourceNeeds } from '../../bench/onboarding/contracts';

test('nearest-rank percentiles of unsorted samples', () => {
  const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
  expect(percentile(samples, 50)).toBe(5);
  expect(percentile(samples, 95)).toBe(10);
  expect(percentile(samples, 0)).toBe(1);
  expect(percentile([], 50)).toBeUndefined();
  expect(() => percentile(samples, 101)).toThrow('between 0 and 100');
  expect(percentiles(Array.from({ length: 100 }, (_, i) => i + 1))).toEqual({
    count: 100,
    p50: 50,
    p95: 95,
    p99: 99,
    max: 100,
  });
});

test('spread over repeats and ratios paired by repeat', () => {
  expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3, runs: [3, 1, 2] });
  expect(spread([4, 1, 2, 3]).median).toBe(2.5);
  // Paired: each repeat's ratio, not the ratio of medians.
  expect(pairedRatio([10, 20], [5, 40]).runs).toEqual([2, 0.5]);
  expect(() => pairedRatio([1], [1, 2])).toThrow('equal');
  expect(round(1234.56)).toBe(1235);
  expect(round(0.012345)).toBe(0.0123);
});

test('least-squares slope of memory against cached workflows', () => {
  expect(
    slope([
      [0, 100],
      [1000, 600],
      [2000, 1100],
    ]),
  ).toBeCloseTo(0.5);
  expect(slope([[5, 1]])).toBe(0);
});

test('the chart draws one bar per value, scaled to the largest, and escapes labels', () => {
  const svg = barChartSvg({
    title: 'Latency <per> stage',
    unit: 'ms',
    categories: ['review', 'provisioning'],
    series: [
      { name: 'ours', values: [100, 200] },
      { name: 'floor', values: [50, undefined] },
    ],
  });
  expect(svg).toContain('Latency &lt;per&gt; stage');
  const widths = [...svg.matchAll(/<rect x="170" y="\d+" width="([\d.]+)"/g)].map((m) => Number(m[1]));
  expect(widths).toEqual([210, 105, 420]);
  expect(svg.trim().endsWith('</svg>')).toBe(true);
});

test('options: defaults, quick sizes and refusals name the flag', () => {
  const defaults = parseOptions([]);
  expect(defaults).toMatchObject({ quick: false, contracts: 500, repeats: 3 });
  expect(parseOptions(['--quick'])).toMatchObject({ quick: true, contracts: 5, repeats: 1 });
  expect(parseOptions(['--quick', '--contracts', '40']).contracts).toBe(40);
  expect(() => parseOptions(['--contracts', '0'])).toThrow('--contracts: must be a whole number');
  expect(() => parseOptions(['--only', 'onboarding,bogus'])).toThrow('unknown section(s) bogus');
});

test('options: the profile names the server, the cluster holds 10,000 by default, and workers need two', () => {
  expect(parseOptions([])).toMatchObject({
    profile: 'dev',
    scale: 1000,
    workers: 3,
    scaleBoundedCache: 1000,
  });
  expect(parseOptions(['--profile', 'cluster'])).toMatchObject({
    profile: 'cluster',
    scale: 10_000,
    scaleSeconds: 7_200,
  });
  expect(parseOptions(['--profile', 'cluster', '--scale', '500']).scale).toBe(500);
  expect(parseOptions(['--quick', '--profile', 'cluster'])).toMatchObject({ scale: 20, workers: 2 });
  expect(parseOptions([]).sections).toContain('workers');
  expect(() => parseOptions(['--profile', 'sqlite'])).toThrow('--profile: must be one of dev, cluster');
  expect(() => parseOptions(['--workers', '1'])).toThrow('--workers: must be at least 2');
});

test('the scale book: half in qualification, a quarter each in provisioning and active, every shape in every stage', () => {
  const contracts = campaign(40, 'unit');
  expect(stageSpread(contracts)).toEqual({ qualification: 20, provisioning: 10, active: 10 });
  for (const stage of ['qualification', 'provisioning', 'active'] as const) {
    const shapes = new Set(contracts.filter((_, i) => heldStageOf(i) === stage).map((c) => c.shape));
    expect(shapes.size).toBe(5);
  }
  expect(pickEvenly([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([1, 3, 5, 7]);
  expect(pickEvenly([1, 2], 5)).toEqual([1, 2]);
});

test('workers verdicts: a lost event, an event emitted twice under a new id and a double allocation are caught', () => {
  const emitted = new Map([
    ['A', ['a1', 'a2']],
    ['B', ['b1']],
  ]);
  expect(
    checkEvents(
      emitted,
      new Map([
        ['A', ['a1', 'a2', 'a2']],
        ['B', ['b1']],
      ]),
    ),
  ).toEqual({
    missing: [],
    phantom: [],
    redelivered: 1,
  });
  expect(checkEvents(emitted, new Map([['A', ['a1', 'a3']]]))).toEqual({
    missing: ['A a2', 'B b1'],
    phantom: ['A a3'],
    redelivered: 0,
  });
  expect(lostWork([{ check: 'no workflow task failed', ok: true, detail: '0' }])).toBeUndefined();
  expect(
    lostWork([
      { check: 'no workflow task failed', ok: true, detail: '0' },
      { check: 'every emitted event delivered', ok: false, detail: 'A a2' },
    ]),
  ).toBe('lost work after SIGKILL: every emitted event delivered (A a2)');
  expect(
    checkAllocations(
      new Map([
        ['A', 3],
        ['B', 1],
      ]),
      new Map([
        ['A', 3],
        ['B', 2],
      ]),
    ),
  ).toEqual(['B 2/1']);
});

test('takeover: from the kill to the last answer to a call in flight then, and calls per second either side', () => {
  const spans = [
    { name: 'get', start: 0, end: 100 },
    { name: 'approve', start: 900, end: 1_100 },
    { name: 'submit-document', start: 1_500, end: 12_000 },
    { name: 'get', start: 5_000, end: 5_100 },
  ];
  const t = takeover(spans, 1_000, 13_000);
  expect(t.takeoverMs).toBe(11_000);
  expect(t.slowest).toBe('submit-document');
  expect(t.before).toMatchObject({ calls: 1, perSecond: 1 });
  expect(t.after.calls).toBe(3);
  expect(takeover([], 1_000, 2_000).takeoverMs).toBe(0);
});

test('the campaign cycles the five seed shapes with unique numbers, and the pools cover what it takes', () => {
  const contracts = campaign(10, 'unit');
  expect(new Set(contracts.map((c) => c.spec.contractNo)).size).toBe(10);
  expect(new Set(contracts.map((c) => c.shape)).size).toBe(5);
  expect(contracts.every((c) => c.spec.resources.numbers.every((n) => n.preferred === undefined))).toBe(true);
  const pools = benchPools(contracts.map((c) => c.spec));
  for (const contract of contracts) {
    for (const [kind, needed] of Object.entries(resourceNeeds(contract.spec))) {
      const pool = pools.find((p) => p.kind === kind);
      expect(pool?.ranges?.[0]?.count).toBeGreaterThanOrEqual(needed * 2);
    }
  }
});

test('the ratios chart shows the ratios a run measured and leaves out the sections it did not run', () => {
  const ratio = (median: number) => ({ min: median, median, max: median, runs: [median] });
  const partial = {
    publish: { ratio: { concurrent: ratio(0.7), sequential: ratio(0.9) } },
    scale: { memoryRatio: 4 },
  } as unknown as BenchResults;
  const svg = ratiosChart(partial)['ratios.svg']!;
  expect(svg).toContain('publish 32-way, activity / raw');
  expect(svg).toContain('memory per cached, floor / ours');
  expect(svg).not.toContain('onboarding');
  expect([...svg.matchAll(/>([\d.]+)<\/text>/g)].map((m) => Number(m[1]))).toEqual([0.7, 0.9, 0.25]);
  expect(ratiosChart({} as BenchResults)).toEqual({});
});
