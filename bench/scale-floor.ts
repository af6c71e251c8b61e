/**
 * The floor of the scale test: as many empty skeletons (workflows/benchFloor.ts, its own bundle) held
 * on a fresh worker process as the contracts ours held, each like a contract waiting for its review
 * (two activities, one timer), so RSS per 1,000 cached workflows can be set against ours.
 */
import { rmSync } from 'node:fs';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { benchFloor, floorActUpdate, type FloorPlan } from '../workflows/benchFloor';
import type { BenchInfra } from './infra';
import { campaign } from './onboarding/contracts';
import { withConcurrency } from './onboarding/driver';
import { historyShape, type HistoryShape } from './onboarding/floor';
import { terminateAll } from './terminate';
import { forkWorker, type MemorySample } from './worker-process';

export interface FloorFigures {
  held: number;
  samples: MemorySample[];
  /** Least-squares slope of RSS against cached workflows, per 1,000. */
  rssMiBPer1000Cached: number;
  heapMiBPer1000Cached: number;
  baselineRssMiB: number;
  finalRssMiB: number;
  startedPerSecond: number;
  historyPerHeldWorkflow: HistoryShape;
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

/** A floor skeleton held like a contract waiting for its review (also scripts/workflow-heap.ts). */
export const FLOOR_HELD_PLAN = (contractNo: string): FloorPlan => ({
  contractNo,
  documents: ['DOC-1'],
  lines: 0,
  acceptance: false,
  // Like a real contract waiting for its review: two events published, one review timer.
  activities: { beforeReview: 2, provisioning: 0, inHandlers: 0, afterNotice: 0, billing: 0 },
  timers: 1,
  childWorkflows: 0,
});

export async function holdFloor(
  infra: BenchInfra,
  count: number,
  timeBoxSeconds: number,
  bundlePath: string,
  maxCached: number | undefined,
): Promise<FloorFigures> {
  const taskQueue = `bench-scale-floor-${infra.runId}`;
  const worker = await forkWorker(infra, taskQueue, bundlePath, { maxCached });
  const ids: string[] = [];
  try {
    const start = (no: string) =>
      infra.client.workflow.executeUpdateWithStart(floorActUpdate, {
        args: ['onboard'],
        startWorkflowOperation: new WithStartWorkflowOperation(benchFloor, {
          workflowId: `floor-${no}`,
          taskQueue,
          args: [FLOOR_HELD_PLAN(no)],
          workflowIdConflictPolicy: 'USE_EXISTING',
        }),
      });
    const numbers = campaign(count, `${infra.runId}F`).map((c) => c.spec.contractNo);
    const samples = [await worker.measure(0)];
    const step = count >= 5_000 ? 1_000 : Math.max(1, Math.round(count / 10));
    const started = performance.now();
    const deadline = Date.now() + timeBoxSeconds * 1000;
    for (let from = 0; from < count && Date.now() < deadline; from += step) {
      const batch = numbers.slice(from, from + step);
      ids.push(...batch.map((no) => `floor-${no}`));
      await withConcurrency(batch, 64, start);
      samples.push(await worker.measure(from + batch.length));
    }
    const startedPerSecond = ids.length / ((performance.now() - started) / 1000);
    const history = await infra.client.workflow.getHandle(ids[0]!).fetchHistory();
    const points = (pick: (s: MemorySample) => number) =>
      samples.map((s) => [s.cached, pick(s)] as [number, number]);
    return {
      held: ids.length,
      samples,
      rssMiBPer1000Cached: slope(points((s) => s.rssMiB)) * 1000,
      heapMiBPer1000Cached: slope(points((s) => s.heapUsedMiB)) * 1000,
      baselineRssMiB: samples[0]!.rssMiB,
      finalRssMiB: samples[samples.length - 1]!.rssMiB,
      startedPerSecond,
      historyPerHeldWorkflow: historyShape(history),
    };
  } finally {
    await worker.stop();
    rmSync(bundlePath, { force: true });
    await terminateAll(infra.client, ids);
  }
}
