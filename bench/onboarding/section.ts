/**
 * Parts 1 and 2: a campaign of N contracts onboarded through the public API to billing start, and the
 * floor skeleton with the same counts driven the same way, alternating in each repeat, on two workers
 * with the same settings on the same server.
 */
import { bundleWorkflowCode, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { NetworkSimulator } from '../../activities/network/simulator';
import type { SeedContractNo } from '../../domain/seed-contracts';
import { seedPools } from '../../inventory/pools';
import { createInventoryStore } from '../../inventory/store';
import { bundleContractWorkflows } from '../../workers/workflow-bundle';
import type { FloorPlan } from '../../workflows/benchFloor';
import { contractWorkflowId } from '../../workflows/messages';
import type { BenchInfra } from '../infra';
import { percentiles, pairedRatio, spread, type Percentiles, type Spread } from '../stats';
import { terminateAll } from '../terminate';
import { openBenchApi } from './api';
import { benchPools, campaign, type CampaignContract } from './contracts';
import { Abandoned, CallLog, driveContract, STAGES, withConcurrency, type Timeline } from './driver';
import {
  driveFloor,
  floorActivities,
  FloorMarks,
  floorPlanFrom,
  historyShape,
  type HistoryShape,
} from './floor';
import { EventObserver } from './observer';

export interface OnboardingRun {
  kind: 'ours' | 'floor';
  repeat: number;
  /** Contracts that reached billing start within the window; failed ones apart (first message kept). */
  contracts: number;
  /** Contracts onboarded in the window (the rest of those in flight at its end were abandoned). */
  started: number;
  failed: number;
  firstFailure?: string;
  seconds: number;
  contractsPerSecond: number;
  stagesMs: Record<string, Percentiles | undefined>;
  callsMs: Record<string, Percentiles | undefined>;
  statusPollsPerContract: number;
  /** Event time (state change in the workflow) → consumer, ours only. */
  billingLagMs?: Percentiles;
  lifecycleLagMs?: Percentiles;
}

export interface OnboardingFigures {
  parameters: {
    contracts: number;
    windowSeconds: number;
    concurrency: number;
    repeats: number;
    api: string;
    shapes: string[];
    worker: string;
  };
  historyPerContract: { ours: Record<string, HistoryShape>; floor: Record<string, HistoryShape> };
  runs: OnboardingRun[];
  throughput: { ours: Spread; floor: Spread; ratio: Spread };
  /** Median over repeats of each stage's p50 / p95 / p99 (ms). */
  stages: Array<{
    stage: string;
    ours: { p50: Spread; p95: Spread; p99: Spread };
    floor?: { p50: Spread; p95: Spread; p99: Spread };
  }>;
}

export interface Bundles {
  /** The worker's bundle (workflows/index.ts). */
  ours: WorkflowBundleWithSourceMap;
  /** The floor skeleton alone: only the SDK and its empty bodies. */
  floor: WorkflowBundleWithSourceMap;
}

export async function bundleOnce(): Promise<Bundles> {
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
  return {
    ours: await bundleContractWorkflows({ logger: quiet }),
    floor: await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows/benchFloor'),
      logger: quiet,
    }),
  };
}

const summarise = (timelines: Timeline[]) =>
  Object.fromEntries(
    STAGES.map((s) => [
      s.name,
      percentiles(
        timelines.flatMap((t) => {
          const from = s.from(t);
          const to = s.to(t);
          return from !== undefined && to !== undefined ? [to - from] : [];
        }),
      ),
    ]),
  );

const callSummary = (calls: CallLog) =>
  Object.fromEntries([...calls.calls].map(([name, ms]) => [name, percentiles(ms)]));

export async function benchOnboarding(
  infra: BenchInfra,
  bundles: Bundles,
  options: { contracts: number; concurrency: number; repeats: number; onboardingSeconds: number },
): Promise<OnboardingFigures> {
  const { client, connection, runId } = infra;
  const oursQueue = `bench-ours-${runId}`;
  const floorQueue = `bench-floor-${runId}`;
  const warmUp = campaign(5, `${runId}W`);
  const rounds = Array.from({ length: options.repeats }, (_, r) =>
    campaign(options.contracts, `${runId}R${r}`),
  );
  const store = await createInventoryStore();
  await seedPools(store.db, benchPools([...warmUp, ...rounds.flat()].map((c) => c.spec)), new Date());
  const marks = new FloorMarks();
  // Same settings for both workers: only the workflow code and activity bodies differ.
  const settings = { connection, namespace: infra.config.temporal.namespace };
  const ours = await Worker.create({
    ...settings,
    workflowBundle: bundles.ours,
    taskQueue: oursQueue,
    activities: createActivities({
      producer: infra.producer,
      topicPrefix: infra.config.kafka.topicPrefix,
      store,
      network: new NetworkSimulator().adapters(),
    }),
  });
  const floor = await Worker.create({
    ...settings,
    workflowBundle: bundles.floor,
    taskQueue: floorQueue,
    activities: floorActivities(marks),
  });
  const observer = new EventObserver(infra);
  await observer.start();
  const api = await openBenchApi(client, oursQueue, infra.logger);
  const started: string[] = [];
  const runs: OnboardingRun[] = [];
  const plans = new Map<SeedContractNo, FloorPlan>();
  const shapes: { ours: Record<string, HistoryShape>; floor: Record<string, HistoryShape> } = {
    ours: {},
    floor: {},
  };

  /**
   * One run: contracts start (at most `concurrency` in flight) until all N are done or the window
   * closes; then the ones still in flight stop at their next step and are not counted.
   */
  const windowed = async (
    contracts: CampaignContract[],
    concurrency: number,
    windowSeconds: number,
    drive: (c: CampaignContract, clock: () => number, calls: CallLog) => Promise<Timeline>,
  ) => {
    const calls = new CallLog();
    const timelines: Timeline[] = [];
    const failures: string[] = [];
    let closed = false;
    const t0 = performance.now();
    const clock = () => {
      if (closed) throw new Abandoned('the run window closed');
      return performance.now() - t0;
    };
    const work = async (c: CampaignContract) => {
      try {
        timelines.push(await drive(c, clock, calls));
      } catch (err) {
        if (!closed && !(err instanceof Abandoned))
          failures.push(err instanceof Error ? err.message : String(err));
      }
    };
    const lanes = withConcurrency(contracts, concurrency, work, () => !closed);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      lanes,
      new Promise((resolve) => (timer = setTimeout(resolve, windowSeconds * 1000))),
    ]);
    clearTimeout(timer);
    const seconds = (performance.now() - t0) / 1000;
    closed = true;
    // Stragglers stop at their next step; a few seconds lets their last calls return.
    await Promise.race([lanes, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    return { timelines, failures, calls, seconds, started: calls.calls.get('onboard')?.length ?? 0 };
  };
  const runOurs = (contracts: CampaignContract[], concurrency: number, windowSeconds = 600) => {
    observer.billing.reset();
    observer.lifecycle.reset();
    return windowed(contracts, concurrency, windowSeconds, (c, clock, calls) => {
      started.push(contractWorkflowId(c.spec.contractNo));
      return driveContract(api, observer, c.shape, c.spec, calls, clock);
    });
  };
  const runFloor = (contracts: CampaignContract[], concurrency: number, windowSeconds = 600) =>
    windowed(contracts, concurrency, windowSeconds, (c, clock, calls) => {
      started.push(`floor-${c.spec.contractNo}`);
      const plan = { ...plans.get(c.shape)!, contractNo: c.spec.contractNo };
      return driveFloor(client, floorQueue, marks, c.shape, plan, calls, clock);
    });

  const record = (kind: 'ours' | 'floor', repeat: number, r: Awaited<ReturnType<typeof runOurs>>) => {
    runs.push({
      kind,
      repeat,
      contracts: r.timelines.length,
      started: r.started,
      failed: r.failures.length,
      ...(r.failures.length ? { firstFailure: r.failures[0] } : {}),
      seconds: r.seconds,
      contractsPerSecond: r.timelines.length / r.seconds,
      stagesMs: summarise(r.timelines),
      callsMs: callSummary(r.calls),
      statusPollsPerContract: r.timelines.reduce((n, t) => n + t.statusPolls, 0) / r.timelines.length,
      ...(kind === 'ours'
        ? {
            billingLagMs: percentiles(observer.billing.lagMs),
            lifecycleLagMs: percentiles(observer.lifecycle.lagMs),
          }
        : {}),
    });
  };

  try {
    await ours.runUntil(async () =>
      floor.runUntil(async () => {
        // Warm-up and calibration: one contract per shape; its history gives the floor its counts.
        await runOurs(warmUp, 5);
        for (const c of warmUp) {
          const history = await client.workflow
            .getHandle(contractWorkflowId(c.spec.contractNo))
            .fetchHistory();
          plans.set(c.shape, floorPlanFrom(history, c.spec, c.spec.contractNo));
          shapes.ours[c.shape] = historyShape(history);
        }
        await runFloor(warmUp, 5);
        for (const c of warmUp) {
          shapes.floor[c.shape] = historyShape(
            await client.workflow.getHandle(`floor-${c.spec.contractNo}`).fetchHistory(),
          );
        }
        for (const [r, contracts] of rounds.entries()) {
          // Alternate which goes first, so neither always meets a fresher server.
          const order = r % 2 === 0 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const);
          for (const kind of order) {
            if (kind === 'ours')
              record('ours', r, await runOurs(contracts, options.concurrency, options.onboardingSeconds));
            else
              record('floor', r, await runFloor(contracts, options.concurrency, options.onboardingSeconds));
          }
        }
      }),
    );
  } finally {
    await observer.stop();
    await api.close();
    await terminateAll(client, started);
    await store.close();
  }

  const of = (kind: 'ours' | 'floor') => runs.filter((r) => r.kind === kind);
  const throughput = {
    ours: spread(of('ours').map((r) => r.contractsPerSecond)),
    floor: spread(of('floor').map((r) => r.contractsPerSecond)),
    ratio: pairedRatio(
      of('ours').map((r) => r.contractsPerSecond),
      of('floor').map((r) => r.contractsPerSecond),
    ),
  };
  const stageSpread = (kind: 'ours' | 'floor', stage: string) => {
    const values = of(kind)
      .map((r) => r.stagesMs[stage])
      .filter((p): p is Percentiles => p !== undefined);
    if (values.length === 0) return undefined;
    return {
      p50: spread(values.map((p) => p.p50)),
      p95: spread(values.map((p) => p.p95)),
      p99: spread(values.map((p) => p.p99)),
    };
  };
  return {
    parameters: {
      contracts: options.contracts,
      windowSeconds: options.onboardingSeconds,
      concurrency: options.concurrency,
      repeats: options.repeats,
      api: api.kind,
      shapes: [...new Set(warmUp.map((c) => c.shape))],
      worker:
        'in-process Workers, SDK default settings (same for both), the floor with its own bundle (workflows/benchFloor.ts alone); ours with embedded inventory (PGlite) and the network simulator',
    },
    historyPerContract: shapes,
    runs,
    throughput,
    stages: STAGES.flatMap((s) => {
      const oursStage = stageSpread('ours', s.name);
      return oursStage ? [{ stage: s.name, ours: oursStage, floor: stageSpread('floor', s.name) }] : [];
    }),
  };
}
