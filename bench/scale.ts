/**
 * Part 5a: contracts held active at once. A separate worker process (scale-worker.ts) runs them, so its
 * memory is the worker's alone; contracts are onboarded through the ContractsApi (over Temporal) and
 * then wait in the qualification review (a timer and Updates pending) — the state a campaign leaves
 * thousands of contracts in. Reports worker RSS per 1,000 cached workflows and server DB growth.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { TemporalContractsClient } from '../clients/sdk/temporal';
import { benchFloor, floorActUpdate, type FloorPlan } from '../workflows/benchFloor';
import { contractWorkflowId } from '../workflows/messages';
import type { BenchInfra } from './infra';
import { campaign } from './onboarding/contracts';
import { withConcurrency } from './onboarding/driver';
import type { Bundles } from './onboarding/section';
import { historyShape, type HistoryShape } from './onboarding/floor';
import { terminateAll } from './terminate';

export interface MemorySample {
  contracts: number;
  cached: number;
  rssMiB: number;
  heapUsedMiB: number;
}

/** One worker process holding one kind of workflow. */
export interface HoldFigures {
  kind: 'ours' | 'floor';
  /** Workflows started and held (fewer than asked when the time box ran out). */
  held: number;
  maxCachedWorkflows: number;
  samples: MemorySample[];
  /** Least-squares slope of RSS against cached workflows, per 1,000. */
  rssMiBPer1000Cached: number;
  heapMiBPer1000Cached: number;
  baselineRssMiB: number;
  finalRssMiB: number;
  startedPerSecond: number;
  serverDbGrowthKiBPerWorkflow: number;
  historyPerHeldWorkflow: HistoryShape;
}

export interface ScaleFigures {
  parameters: {
    contracts: number;
    floorWorkflows: number;
    timeBoxSeconds: number;
    heldIn: string;
    worker: string;
  };
  ours: HoldFigures;
  floor: HoldFigures;
  /** ours ÷ floor RSS per 1,000 cached workflows. */
  memoryRatio: number;
  serverDb: { path: string; beforeMiB: number; afterMiB: number; note: string };
}

const MiB = 2 ** 20;
const INFRA_DIR = process.env.INFRA_DIR ?? join(__dirname, '..', '.infra');
const SQLITE = join(INFRA_DIR, 'data', 'temporal.sqlite');

function dbBytes(): number {
  return ['', '-wal', '-shm'].reduce(
    (n, s) => n + (existsSync(SQLITE + s) ? statSync(SQLITE + s).size : 0),
    0,
  );
}

export function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

type Measure = { rss: number; heapUsed: number; cached: number };

const FLOOR_HELD_PLAN = (contractNo: string): FloorPlan => ({
  contractNo,
  documents: ['DOC-1'],
  lines: 0,
  acceptance: false,
  // Like a real contract waiting for its review: two events published, one review timer.
  activities: { beforeReview: 2, provisioning: 0, inHandlers: 0, afterNotice: 0, billing: 0 },
  timers: 1,
  childWorkflows: 0,
});

interface WorkerProcess {
  measure(contracts: number): Promise<MemorySample>;
  stop(): void;
}

async function forkWorker(
  infra: BenchInfra,
  taskQueue: string,
  bundlePath: string,
  maxCached?: number,
): Promise<WorkerProcess> {
  const child = fork(join(__dirname, 'scale-worker.ts'), [], {
    execArgv: ['--require', 'tsx/cjs', '--expose-gc'],
    env: {
      ...process.env,
      TEMPORAL_TASK_QUEUE: taskQueue,
      KAFKA_TOPIC_PREFIX: infra.config.kafka.topicPrefix,
      LOG_LEVEL: 'error',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      BENCH_BUNDLE_PATH: bundlePath,
      ...(maxCached ? { BENCH_MAX_CACHED: String(maxCached) } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`scale worker exited (${code})`))),
  );
  exited.catch(() => undefined);
  const nextMessage = () =>
    Promise.race([new Promise<unknown>((resolve) => child.once('message', resolve)), exited]);
  if ((await nextMessage()) !== 'ready') throw new Error('scale worker did not start');
  return {
    measure: async (contracts) => {
      const reply = nextMessage();
      child.send('measure');
      const m = (await reply) as Measure;
      return { contracts, cached: m.cached, rssMiB: m.rss / MiB, heapUsedMiB: m.heapUsed / MiB };
    },
    stop: () => child.disconnect(),
  };
}

/** Start up to `count` workflows (until the time box ends) on a fresh worker process, sampling its memory. */
export async function hold(
  infra: BenchInfra,
  kind: 'ours' | 'floor',
  count: number,
  timeBoxSeconds: number,
  bundlePath: string,
  maxCached: number | undefined,
): Promise<HoldFigures> {
  const taskQueue = `bench-scale-${kind}-${infra.runId}`;
  const worker = await forkWorker(infra, taskQueue, bundlePath, maxCached);
  const ids: string[] = [];
  try {
    const api = new TemporalContractsClient(infra.client, { taskQueue, requestedBy: 'bench-scale' });
    const contracts = campaign(count, `${infra.runId}${kind === 'ours' ? 'S' : 'F'}`);
    const start = (c: (typeof contracts)[number]): Promise<unknown> =>
      kind === 'ours'
        ? api.onboard(c.spec, { requestId: `bench-${c.spec.contractNo}` })
        : infra.client.workflow.executeUpdateWithStart(floorActUpdate, {
            args: ['onboard'],
            startWorkflowOperation: new WithStartWorkflowOperation(benchFloor, {
              workflowId: `floor-${c.spec.contractNo}`,
              taskQueue,
              args: [FLOOR_HELD_PLAN(c.spec.contractNo)],
              workflowIdConflictPolicy: 'USE_EXISTING',
            }),
          });
    const idOf = (no: string) => (kind === 'ours' ? contractWorkflowId(no) : `floor-${no}`);
    const samples = [await worker.measure(0)];
    const dbBefore = dbBytes();
    const step = Math.max(1, Math.round(count / 10));
    const started = performance.now();
    const deadline = Date.now() + timeBoxSeconds * 1000;
    for (let from = 0; from < count && Date.now() < deadline; from += step) {
      const batch = contracts.slice(from, from + step);
      ids.push(...batch.map((c) => idOf(c.spec.contractNo)));
      await withConcurrency(batch, 64, start);
      samples.push(await worker.measure(from + batch.length));
    }
    const startedPerSecond = ids.length / ((performance.now() - started) / 1000);
    const dbAfter = dbBytes();
    const history = await infra.client.workflow.getHandle(ids[0]!).fetchHistory(); // the first has settled into its wait
    const points = (pick: (s: MemorySample) => number) =>
      samples.map((s) => [s.cached, pick(s)] as [number, number]);
    return {
      kind,
      held: ids.length,
      maxCachedWorkflows: maxCached ?? Number.NaN,
      samples,
      rssMiBPer1000Cached: slope(points((s) => s.rssMiB)) * 1000,
      heapMiBPer1000Cached: slope(points((s) => s.heapUsedMiB)) * 1000,
      baselineRssMiB: samples[0]!.rssMiB,
      finalRssMiB: samples[samples.length - 1]!.rssMiB,
      startedPerSecond,
      serverDbGrowthKiBPerWorkflow: (dbAfter - dbBefore) / 1024 / ids.length,
      historyPerHeldWorkflow: historyShape(history),
    };
  } finally {
    worker.stop();
    rmSync(bundlePath, { force: true });
    await terminateAll(infra.client, ids);
  }
}

export async function benchScale(
  infra: BenchInfra,
  bundles: Bundles,
  options: { scale: number; scaleCache?: number; timeBoxSeconds: number },
): Promise<ScaleFigures> {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const bundlePath = (kind: keyof Bundles) => {
    const path = join(tmp, `bundle-${kind}-${infra.runId}.js`);
    writeFileSync(path, bundles[kind].code);
    return path;
  };
  const dbBefore = dbBytes();
  try {
    const ours = await hold(
      infra,
      'ours',
      options.scale,
      options.timeBoxSeconds,
      bundlePath('ours'),
      options.scaleCache,
    );
    // The floor holds as many as ours managed, so both slopes cover the same range of the cache.
    const floor = await hold(
      infra,
      'floor',
      ours.held,
      options.timeBoxSeconds,
      bundlePath('floor'),
      options.scaleCache,
    );
    return {
      parameters: {
        contracts: options.scale,
        floorWorkflows: floor.held,
        timeBoxSeconds: options.timeBoxSeconds,
        heldIn: 'qualification review: a 5-working-day timer and pending reviewer Updates',
        worker: `separate Node process per kind (bench/scale-worker.ts), real activities, SDK defaults${options.scaleCache ? `, maxCachedWorkflows ${options.scaleCache}` : ' (cache size by heap)'}`,
      },
      ours,
      floor,
      memoryRatio: ours.rssMiBPer1000Cached / floor.rssMiBPer1000Cached,
      serverDb: {
        path: SQLITE,
        beforeMiB: dbBefore / MiB,
        afterMiB: dbBytes() / MiB,
        note: 'shared dev server (SQLite): other users write meanwhile, and SQLite reuses free pages, so growth is approximate',
      },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
