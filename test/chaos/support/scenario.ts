/**
 * What every chaos scenario shares: the private stack, a Temporal client, the observers on Kafka, the
 * seeded random source; and per scenario its own database (fresh resource pools), task queue and
 * worker process, set up and torn down here so the scenarios only describe their faults.
 */
import type { Client } from '@temporalio/client';
import { chaosContracts, type ChaosContract } from './contracts';
import { ChaosDriver } from './driver';
import { checkInvariants, type Check } from './invariants';
import type { Observers } from './observers';
import type { PrivateServices } from './private-services';
import type { ChaosProfile } from './profile';
import type { Fault, ScenarioResult } from './report';
import { WorkerProcess } from './worker-process';

export interface ChaosContext {
  stack: PrivateServices;
  client: Client;
  observers: Observers;
  profile: ChaosProfile;
  random: () => number;
}

export interface ScenarioRun {
  drivers: ChaosDriver[];
  worker: WorkerProcess;
  databaseUrl: string;
  began: number;
  faults: Fault[];
  notes: string[];
  /** Checks a scenario makes of its own (beyond the common invariants). */
  checks: Check[];
  /** ms since the scenario began. */
  elapsed(): number;
}

export async function runScenario(
  ctx: ChaosContext,
  name: string,
  contracts: Parameters<typeof chaosContracts>[1],
  body: (run: ScenarioRun) => Promise<void>,
): Promise<ScenarioResult> {
  const tag = name.slice(0, 3).toUpperCase();
  const databaseUrl = await ctx.stack.createDatabase(`chaos_${name.replace(/\W/g, '_')}`);
  const taskQueue = `chaos-${name}`;
  const worker = new WorkerProcess(
    { ...ctx.stack.env, DATABASE_URL: databaseUrl, TEMPORAL_TASK_QUEUE: taskQueue },
    ctx.stack.dir,
    `worker-${name}`,
  );
  const made: ChaosContract[] = chaosContracts(tag, contracts);
  const began = Date.now();
  const run: ScenarioRun = {
    drivers: made.map((c) => new ChaosDriver(ctx.client, c, taskQueue)),
    worker,
    databaseUrl,
    began,
    faults: [],
    notes: [],
    checks: [],
    elapsed: () => Date.now() - began,
  };
  try {
    await worker.start();
    await Promise.all(run.drivers.map((d) => d.start()));
    await body(run);
    const { checks, ...facts } = await checkInvariants(run.drivers, ctx.observers, databaseUrl);
    const starts = worker.startMs;
    run.notes.push(
      `worker process started ${worker.starts}× (ready in ${Math.min(...starts)}–${Math.max(...starts)} ms)`,
      ...worker.unexpectedExits.map((e) => `worker ${e}; restarted by the test's supervisor`),
      `workflow tasks timed out ${facts.workflowTaskTimeouts}×, activities timed out ${facts.activityTimeouts}× (work a dead worker had taken)`,
    );
    return {
      name,
      durationMs: Date.now() - began,
      contracts: run.drivers.map((d) => ({
        contractNo: d.contractNo,
        kind: d.contract.kind,
        steps: d.steps.length,
      })),
      faults: run.faults,
      inputs: run.drivers.reduce((n, d) => n + d.inputs, 0),
      checks: [...run.checks, ...checks],
      facts,
      notes: run.notes,
    };
  } finally {
    await worker.stop();
    worker.forget();
  }
}

/** Wait on purpose: the length of an outage, or the random moment of a kill (never a condition). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Run every driver's remaining steps concurrently; the first failure is reported after all settle. */
export async function driveAll(drivers: ChaosDriver[]): Promise<void> {
  const results = await Promise.allSettled(drivers.map((d) => d.runAll()));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}
