/** The scale section of the summary, and its charts: memory per contract and latency vs contracts held. */
import { barChartSvg } from '../chart';
import type { ScaleFigures } from '../scale';
import { f, p, table } from './format';

const GOAL_RSS_GIB_PER_10000 = 4;
const GOAL_EVICTED_P99_MS = 1000;

export function scaleSection(x: ScaleFigures): string {
  const per10000GiB = (x.defaultCache.rssMiBPer1000Cached * 10) / 1024;
  const evictedP99 = x.bounded.evictedProbes.actionMs?.p99;
  const history = Object.entries(x.historyPerStage).map(([stage, h]) => [
    stage,
    String(x.spread[stage as keyof typeof x.spread]),
    `${h.events} (${h.activities} act., ${h.timers} timers, ${h.updates} upd.)`,
  ]);
  const fl = x.floor;
  return [
    '## 6. Scale: a book of contracts held by one worker',
    '',
    `Up to ${x.parameters.contracts} contracts of the five seed shapes (time box ${x.parameters.timeBoxSeconds} s), placed ${x.parameters.stages} through the ContractsApi; **${x.held} held**, ${f(x.placedPerSecond)} placed per second (onboard call p50 / p99 ${p(x.onboardMs)} ms). Worker: ${x.parameters.worker}.`,
    '',
    ...(x.notPlaced.count
      ? [`Not placed (counted out): ${x.notPlaced.count}; first: ${x.notPlaced.first.join('; ')}`, '']
      : []),
    table(['stage', 'contracts', 'history events of one (at the end of placing)'], history),
    '',
    table(
      ['', 'ours', 'floor skeleton', 'ours / floor'],
      [
        [
          'RSS MiB per 1,000 cached (slope)',
          `**${f(x.defaultCache.rssMiBPer1000Cached)}**`,
          f(fl.rssMiBPer1000Cached),
          `**${f(x.memoryRatio)}**`,
        ],
        [
          'main-thread heap MiB per 1,000',
          f(x.defaultCache.heapMiBPer1000Cached),
          f(fl.heapMiBPer1000Cached),
          '',
        ],
        [
          'worker RSS MiB at the end (cached)',
          `${f(x.defaultCache.finalRssMiB)} (${x.defaultCache.cached})`,
          `${f(fl.finalRssMiB)} (${fl.samples[fl.samples.length - 1]?.cached ?? 0})`,
          '',
        ],
        [
          `worker RSS MiB, maxCachedWorkflows ${x.bounded.maxCachedWorkflows}`,
          `${f(x.bounded.rssMiB)} (${x.bounded.cached} cached)`,
          '',
          '',
        ],
        [
          'held / started per second',
          `${x.held} / ${f(x.placedPerSecond)}`,
          `${fl.held} / ${f(fl.startedPerSecond)}`,
          '',
        ],
      ],
    ),
    '',
    `At this slope 10,000 cached contracts take **${f(per10000GiB)} GiB** of worker RSS (goal ≤ ${GOAL_RSS_GIB_PER_10000} GiB: ${per10000GiB <= GOAL_RSS_GIB_PER_10000 ? 'met' : 'missed'}); with maxCachedWorkflows ${x.bounded.maxCachedWorkflows} the worker held all ${x.held} in ${f(x.bounded.rssMiB)} MiB.`,
    '',
    'Latency, ms p50 / p99 (samples): a status read (query) and an action (claim of an open obligation, released after), through the ContractsApi:',
    '',
    table(
      ['contract', 'status read', 'action'],
      [
        [
          `cached (phase 2, among the last read)`,
          p(x.bounded.cachedProbes.statusMs),
          p(x.bounded.cachedProbes.actionMs),
        ],
        [
          `evicted (phase 2, replayed from history)`,
          p(x.bounded.evictedProbes.statusMs),
          `**${p(x.bounded.evictedProbes.actionMs)}**`,
        ],
      ],
    ),
    '',
    `Action on an evicted contract, p99 ${f(evictedP99)} ms (goal ≤ ${GOAL_EVICTED_P99_MS} ms: ${evictedP99 !== undefined && evictedP99 <= GOAL_EVICTED_P99_MS ? 'met' : 'missed'}). Server DB ${x.serverDb.where}: ${f(x.serverDb.beforeMiB)} → ${f(x.serverDb.afterMiB)} MiB while placing, **${f(x.serverDb.perContractKiB)} KiB per contract** (${x.serverDb.note}).`,
    '',
    'Phase 1 (default cache), after each batch: memory after a GC, then probes on held contracts:',
    '',
    table(
      ['held', 'cached', 'RSS MiB', 'heap MiB', 'status p50 / p99 ms', 'action p50 / p99 ms'],
      x.samples.map((m) => [
        String(m.contracts),
        String(m.cached),
        f(m.rssMiB),
        f(m.heapUsedMiB),
        p(m.probes.statusMs),
        p(m.probes.actionMs),
      ]),
    ),
  ].join('\n');
}

export function scaleCharts(x: ScaleFigures): Record<string, string> {
  const held = x.samples.slice(1);
  const latency = barChartSvg({
    title: 'Latency vs contracts held (phase 1, default cache)',
    unit: 'milliseconds; status read and action (claim), p50 / p99, per contracts held',
    categories: held.map((m) => `${m.contracts.toLocaleString('en-US')} held`),
    series: [
      { name: 'status p50', values: held.map((m) => m.probes.statusMs?.p50) },
      { name: 'status p99', values: held.map((m) => m.probes.statusMs?.p99) },
      { name: 'action p50', values: held.map((m) => m.probes.actionMs?.p50) },
      { name: 'action p99', values: held.map((m) => m.probes.actionMs?.p99) },
    ],
  });
  const memory = barChartSvg({
    title: 'Worker memory per contract: ours vs the floor',
    unit: 'MiB of worker RSS per 1,000 cached workflows (slope over the samples)',
    categories: ['per 1,000 cached'],
    series: [
      { name: 'ours', values: [x.defaultCache.rssMiBPer1000Cached] },
      { name: 'floor (empty skeleton)', values: [x.floor.rssMiBPer1000Cached] },
    ],
  });
  return { 'latency.svg': latency, 'memory.svg': memory };
}
