/** The results as the markdown summary and SVG charts written next to latest.json. */
import { barChartSvg } from './chart';
import { f, s, table } from './report/format';
import { observabilitySection } from './report/observability';
import { ratiosChart } from './report/ratios';
import { scaleCharts, scaleSection } from './report/scale';
import { workersCharts, workersSection } from './report/workers';
import type { InventoryFigures } from './inventory';
import type { LifetimeFigures } from './lifetime';
import type { ObservabilityFigures } from './observability';
import type { MachineDescription } from './machine';
import type { OnboardingFigures } from './onboarding/section';
import type { BenchOptions } from './options';
import type { PublishFigures } from './publish';
import type { ScaleFigures } from './scale';
import type { WorkersFigures } from './workers';

export interface BenchResults {
  startedAt: string;
  options: BenchOptions;
  machine: MachineDescription;
  sectionSeconds: Record<string, number>;
  totalSeconds?: number;
  publish?: PublishFigures;
  inventory?: InventoryFigures;
  onboarding?: OnboardingFigures;
  workers?: WorkersFigures;
  scale?: ScaleFigures;
  lifetime?: LifetimeFigures;
  observability?: ObservabilityFigures;
  /** Sections that failed, with the error. */
  failures?: Record<string, string>;
}

function machineSection(r: BenchResults): string {
  const m = r.machine;
  const o = r.options;
  return [
    `Run ${r.startedAt} (commit ${m.gitCommit}), ${o.quick ? 'quick' : 'default'} sizes, total ${f(r.totalSeconds)} s.`,
    '',
    `- Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}, load average at start ${m.loadAverage.join(' / ')}`,
    `- Node ${m.node}; ${m.temporalServer}; ${m.temporalSdk}; ${m.kafka}`,
    `- Parameters: contracts ${o.contracts}, concurrency ${o.concurrency}, scale ${o.scale}, repeats ${o.repeats}, publish events ${o.publishEvents}, allocations ${o.allocations}, lifetime ${o.lifetimeMonths} months`,
    `- Figures are "median (min–max)" over the repeats; ratios are paired within a repeat (run side by side).`,
    `- Section wall times (s): ${Object.entries(r.sectionSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  ].join('\n');
}

function onboardingSection(o: OnboardingFigures): string {
  const history = Object.keys(o.historyPerContract.ours).map((shape) => {
    const ours = o.historyPerContract.ours[shape]!;
    const floor = o.historyPerContract.floor[shape];
    const pair = (k: keyof typeof ours) => `${ours[k]} / ${floor?.[k] ?? '–'}`;
    return [
      shape,
      pair('events'),
      pair('activities'),
      pair('timers'),
      pair('updates'),
      pair('childWorkflows'),
    ];
  });
  const oursRuns = o.runs.filter((r) => r.kind === 'ours');
  const calls = [...new Set(oursRuns.flatMap((r) => Object.keys(r.callsMs)))].map((name) => {
    const p = (kind: 'ours' | 'floor') =>
      o.runs
        .filter((r) => r.kind === kind)
        .map((r) => r.callsMs[name]?.p50)
        .filter((x): x is number => x !== undefined);
    const med = (xs: number[]) =>
      xs.length ? xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] : undefined;
    const count = oursRuns[0]?.callsMs[name]?.count;
    return [name, f(count), f(med(p('ours'))), f(med(p('floor')))];
  });
  const lag = (
    pick: (r: (typeof oursRuns)[number]) => { p50: number; p95: number; p99: number } | undefined,
  ) =>
    oursRuns
      .map((r) => pick(r))
      .filter((x) => x !== undefined)
      .map((x) => `${f(x.p50)} / ${f(x.p95)} / ${f(x.p99)}`)
      .join('; ');
  return [
    '## 1–2. Onboarding through the API, against the floor',
    '',
    `Each run onboards up to ${o.parameters.contracts} contracts (the five seed shapes in turn, unique numbers), ${o.parameters.concurrency} at once, for at most ${o.parameters.windowSeconds} s (contracts still in flight then are abandoned and not counted), from the API call to billing-started booked by the reference billing consumer; human steps by a driver through ${o.parameters.api}. Floor: workflows/benchFloor.ts (its own bundle) with the same counts, driven the same way through the Temporal client, on a worker with the same settings. Worker: ${o.parameters.worker}. Completed / onboarded per run: ${o.runs.map((r) => `${r.kind} ${r.contracts}/${r.started}`).join(', ')}.`,
    '',
    table(
      ['', 'contracts/s'],
      [
        ['ours (real lifecycle)', s(o.throughput.ours)],
        ['floor (empty skeleton)', s(o.throughput.floor)],
        ['**ratio ours / floor**', `**${s(o.throughput.ratio)}**`],
      ],
    ),
    '',
    "Per stage, ms (median over repeats of each run's p50 / p95 / p99):",
    '',
    table(
      ['stage', 'ours p50', 'ours p95', 'ours p99', 'floor p50', 'floor p95', 'floor p99'],
      o.stages.map((st) => [
        st.stage,
        s(st.ours.p50),
        s(st.ours.p95),
        s(st.ours.p99),
        s(st.floor?.p50),
        s(st.floor?.p95),
        s(st.floor?.p99),
      ]),
    ),
    '',
    ...(o.runs.some((r) => r.failed > 0)
      ? [
          `Failed contracts (counted out of throughput): ${o.runs.map((r) => `${r.kind} #${r.repeat}: ${r.failed}`).join(', ')}; first: ${o.runs.find((r) => r.firstFailure)?.firstFailure ?? ''}`,
          '',
        ]
      : []),
    `Event lag, state change (event time) → consumer, ms p50 / p95 / p99 per run: billing consumer ${lag((r) => r.billingLagMs)}; lifecycle reader ${lag((r) => r.lifecycleLagMs)}.`,
    '',
    'API call latency, p50 ms (calls per run):',
    '',
    table(['call', 'calls', 'ours p50', 'floor p50'], calls),
    '',
    'History per contract at billing start, ours / floor:',
    '',
    table(['shape', 'events', 'activities', 'timers', 'updates', 'child workflows'], history),
  ].join('\n');
}

function publishSection(p: PublishFigures): string {
  return [
    '## 3. Publishing: the event-publish activity against a raw kafkajs producer',
    '',
    `${p.parameters.events} events per concurrent run (${p.parameters.concurrentLanes} lanes), up to 500 sequentially; half also go to the billing topic (${p.parameters.messagesPerEvent} messages per event). Same idempotent producer, acks=all. The activity shares one producer request among the publishes that arrive while one is in flight (activities/kafka/coalescing-sender.ts); "shared raw" is the raw producer's messages through that same sharing, so activity / shared raw is what validation and routing cost.`,
    '',
    table(
      [
        'mode',
        'activity events/s',
        'raw events/s',
        'shared raw events/s',
        'activity / raw',
        'activity / shared raw',
      ],
      (['sequential', 'concurrent'] as const).map((mode) => [
        mode === 'sequential' ? mode : `${p.parameters.concurrentLanes} concurrent`,
        s(p.activity[mode]),
        s(p.raw[mode]),
        p.sharedRaw ? s(p.sharedRaw[mode]) : '–',
        s(p.ratio[mode]),
        p.ratioToSharedRaw ? s(p.ratioToSharedRaw[mode]) : '–',
      ]),
    ),
  ].join('\n');
}

function inventorySection(i: InventoryFigures): string {
  return [
    '## 4. Inventory: allocations against plain inserts into the same table',
    '',
    `${i.parameters.allocations} operations per run; PostgreSQL at ${i.parameters.databaseUrl} (a schema of its own), embedded PGlite in memory.`,
    '',
    table(
      ['engine', 'clients', 'reservations/s', 'plain INSERTs/s', 'reserve / insert'],
      i.rows.map((r) => [
        r.engine,
        String(r.clients),
        s(r.reservePerSecond),
        s(r.insertPerSecond),
        s(r.ratio),
      ]),
    ),
    ...(i.skipped.length ? ['', `Skipped: ${i.skipped.join('; ')}`] : []),
  ].join('\n');
}

function lifetimeSection(l: LifetimeFigures): string {
  return [
    `## 7. A ${l.parameters.months}-month life on the time-skipping server`,
    '',
    `Contract ${l.parameters.contract}: onboarded, signed off, then ${l.parameters.months} months of simulated time (${l.parameters.server}).`,
    '',
    `- Wall time: **${s(l.seconds)} s**`,
    `- History: ${l.historyEvents} events over ${l.runs} run(s) of the continue-as-new chain (${l.historyEventsPerRun.join(' + ')}): **${l.historyEventsPerContractYear} events per contract-year**; ${l.kafkaEvents} lifecycle events published.`,
  ].join('\n');
}

export function renderSummary(r: BenchResults): string {
  return [
    '# Benchmark results',
    '',
    machineSection(r),
    ...(Object.keys(ratiosChart(r)).length ? ['', '![ratios measured side by side](ratios.svg)'] : []),
    ...(r.onboarding
      ? [
          '',
          onboardingSection(r.onboarding),
          '',
          '![throughput](throughput.svg)',
          '',
          '![latency per stage](stages.svg)',
        ]
      : []),
    ...(r.publish ? ['', publishSection(r.publish)] : []),
    ...(r.inventory ? ['', inventorySection(r.inventory)] : []),
    ...(r.workers ? ['', workersSection(r.workers)] : []),
    ...(r.scale
      ? ['', scaleSection(r.scale), '', '![memory](memory.svg)', '', '![latency](latency.svg)']
      : []),
    ...(r.lifetime ? ['', lifetimeSection(r.lifetime)] : []),
    ...(r.observability ? ['', observabilitySection(r.observability)] : []),
    ...(r.failures
      ? [
          '',
          '## Failed sections',
          '',
          ...Object.entries(r.failures).map(([k, v]) => `- ${k}: ${v.split('\n')[0]}`),
        ]
      : []),
    '',
  ].join('\n');
}

export function renderCharts(r: BenchResults): Record<string, string> {
  return {
    ...(r.scale ? scaleCharts(r.scale) : {}),
    ...(r.workers ? workersCharts(r.workers) : {}),
    ...ratiosChart(r),
    ...onboardingCharts(r),
  };
}

function onboardingCharts(r: BenchResults): Record<string, string> {
  const o = r.onboarding;
  if (!o) return {};
  const throughput = barChartSvg({
    title: 'Onboarding throughput (median of repeats)',
    unit: 'contracts per second, API call → billing start booked',
    categories: ['contracts/s'],
    series: [
      { name: 'ours', values: [o.throughput.ours.median] },
      { name: 'floor (empty skeleton)', values: [o.throughput.floor.median] },
    ],
  });
  const stages = barChartSvg({
    title: 'Latency per stage (median of repeats)',
    unit: 'milliseconds; ours p50 / p95 and floor p50 / p95',
    categories: o.stages.map((st) => st.stage),
    series: [
      { name: 'ours p50', values: o.stages.map((st) => st.ours.p50.median) },
      { name: 'ours p95', values: o.stages.map((st) => st.ours.p95.median) },
      { name: 'floor p50', values: o.stages.map((st) => st.floor?.p50.median) },
      { name: 'floor p95', values: o.stages.map((st) => st.floor?.p95.median) },
    ],
  });
  return { 'throughput.svg': throughput, 'stages.svg': stages };
}
