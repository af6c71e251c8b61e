/**
 * Part 3b: several worker processes on one task queue, one killed with SIGKILL mid-run. Contracts are
 * driven to billing start (the onboarding driver, through the ContractsApi) while K workers share the
 * queue and one inventory in PostgreSQL; when half have been onboarded, worker 1 is killed — no drain,
 * no goodbye. Then nothing may be lost: every contract reaches billing start as the billing consumer
 * sees it, no workflow task failed, every event a contract emitted is on the lifecycle topic and none
 * twice under a new id, and each contract holds exactly the resources it needs. A failed check fails
 * the section (and the bench's exit code); the report gives the survivors' takeover time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { billingStarted } from '../clients/sdk/player';
import { seedPools } from '../inventory/pools';
import { createInventoryStore } from '../inventory/store';
import { sql } from '../inventory/db/native-modules';
import { topicName } from '../platform/topics';
import { contractWorkflowId } from '../workflows/messages';
import type { BenchInfra } from './infra';
import { openBenchApi } from './onboarding/api';
import { benchPools, campaign, resourceNeeds } from './onboarding/contracts';
import { CallLog, driveContract, withConcurrency } from './onboarding/driver';
import { EventObserver } from './onboarding/observer';
import type { Bundles } from './onboarding/section';
import { retrying } from './retrying';
import { terminateAll } from './terminate';
import { forkWorker, type WorkerProcess } from './worker-process';
import {
  checkAllocations,
  checkEvents,
  takeover,
  type Check,
  type EventVerdict,
  type Span,
  type Takeover,
} from './workers-checks';

const EventType = temporal.api.enums.v1.EventType;

export interface WorkersFigures {
  parameters: { workers: number; contracts: number; concurrency: number; inventory: string; killAt: string };
  killedAfterSeconds: number;
  seconds: number;
  completed: number;
  /** Contracts that did not reach billing start (with why). */
  lost: string[];
  takeover: Takeover;
  workflowTaskFailures: number;
  workflowTaskTimeouts: number;
  activityRetries: number;
  events: EventVerdict & { delivered: number };
  /** Calls answered 503 and retried; drivers that gave up once and went round again (with why). */
  retried503: number;
  driverRetries: string[];
  allocationMismatches: string[];
  checks: Check[];
}

/** Every call with its start and end, so the report can tell calls before the kill from after. */
class SpanLog extends CallLog {
  readonly spans: Span[] = [];
  constructor(private readonly clock: () => number) {
    super();
  }
  override async timed<T>(name: string, call: () => Promise<T>): Promise<T> {
    const start = this.clock();
    try {
      return await super.timed(name, call);
    } finally {
      this.spans.push({ name, start, end: this.clock() });
    }
  }
}

/** Resolve when `done()` holds, checking every 200 ms; false after `ms`. */
async function waitFor(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return true;
}

export async function benchWorkers(
  infra: BenchInfra,
  bundles: Bundles,
  options: { workers: number; contracts: number },
): Promise<WorkersFigures> {
  const { client, runId } = infra;
  const taskQueue = `bench-workers-${runId}`;
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/orchestrator';
  const schema = `bench_workers_${runId}`;
  const contracts = campaign(options.contracts, `${runId}K`);
  // Small runs all at once (the kill then meets every contract in flight); larger ones in lanes.
  const concurrency =
    options.contracts <= 20 ? options.contracts : Math.min(20, Math.ceil(options.contracts / 3));
  const store = await createInventoryStore({ databaseUrl, schema, maxConnections: 2 });
  const tmp = mkdtempSync(join(tmpdir(), 'bench-workers-'));
  const bundlePath = join(tmp, 'bundle-ours.js');
  writeFileSync(bundlePath, bundles.ours.code);
  const workers: WorkerProcess[] = [];
  const delivered = new Map<string, string[]>();
  const numbers = new Set(contracts.map((c) => c.spec.contractNo));
  const lifecycle = infra.kafka.consumer({ groupId: `bench-workers-${runId}` });
  const observer = new EventObserver(infra);
  const direct = await openBenchApi(client, taskQueue, infra.logger, 'temporal');
  const counter = { retried503: 0 };
  const api = {
    ...direct,
    sales: retrying(direct.sales, counter),
    engineer: retrying(direct.engineer, counter),
  };
  try {
    await seedPools(store.db, benchPools(contracts.map((c) => c.spec)), new Date());
    // Started side by side: each takes seconds to load its bundle and connect.
    const forks = Array.from({ length: options.workers }, () =>
      forkWorker(infra, taskQueue, bundlePath, { inventory: { databaseUrl, schema } }).then((w) => {
        workers.push(w);
        return w;
      }),
    );
    await Promise.all(forks);
    await lifecycle.connect();
    await lifecycle.subscribe({
      topic: topicName('lifecycle', infra.config.kafka.topicPrefix),
      fromBeginning: true,
    });
    await lifecycle.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(String(message.value)) as { id: string; subject: string };
        if (numbers.has(event.subject))
          delivered.set(event.subject, [...(delivered.get(event.subject) ?? []), event.id]);
      },
    });
    await observer.start();

    const t0 = performance.now();
    const clock = () => performance.now() - t0;
    const calls = new SpanLog(clock);
    const lost: string[] = [];
    let killAt = Number.NaN;
    const half = Math.ceil(options.contracts / 2);
    const killer = waitFor(() => (calls.calls.get('onboard')?.length ?? 0) >= half, 600_000).then(() => {
      killAt = clock();
      workers[0]!.kill();
    });
    // A driver that gives up (a deadline passed while a worker was dead) goes round once more from
    // where the contract is; only a contract that does not get there then is lost.
    const gaveUp: string[] = [];
    await withConcurrency(contracts, concurrency, async (c) => {
      for (let round = 1; ; round++) {
        try {
          await driveContract(api, observer, c.shape, c.spec, calls, clock);
          return;
        } catch (err) {
          const why = `${c.spec.contractNo}: ${err instanceof Error ? err.message : String(err)}`;
          if (round === 2) return void lost.push(why);
          gaveUp.push(why);
        }
      }
    });
    await killer;
    const seconds = clock() / 1000;

    // The verdicts: the contracts as their workflows tell it, against what the outside world saw.
    const emitted = new Map<string, string[]>();
    let taskFailures = 0;
    let taskTimeouts = 0;
    let retries = 0;
    for (const c of contracts) {
      const no = c.spec.contractNo;
      const status = await api.engineer.get(no);
      if (!billingStarted(status) && !lost.some((l) => l.startsWith(`${no}:`)))
        lost.push(`${no}: stage ${status.stage}, billing not started`);
      if (status.health !== 'ok') lost.push(`${no}: health ${status.health}`);
      emitted.set(
        no,
        status.events.map((e) => e.id),
      );
      const history = await client.workflow.getHandle(contractWorkflowId(no)).fetchHistory();
      for (const e of history.events ?? []) {
        if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) taskFailures += 1;
        if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT) taskTimeouts += 1;
        if (
          e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED &&
          (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1
        )
          retries += 1;
      }
    }
    const everyEventIn = () =>
      [...emitted].every(([no, ids]) => ids.every((id) => delivered.get(no)?.includes(id)));
    await waitFor(everyEventIn, 30_000);
    const events = checkEvents(emitted, delivered);
    const held = new Map<string, number>();
    const { rows } = await sql<{ contract_no: string; n: string }>`
      select contract_no, count(*)::text as n from resource
      where contract_no is not null and kind <> 'ipv4-block' group by contract_no`.execute(store.db);
    for (const r of rows) held.set(r.contract_no, Number(r.n));
    const needed = new Map(
      contracts.map((c) => [
        c.spec.contractNo,
        Object.values(resourceNeeds(c.spec)).reduce((a, b) => a + (b ?? 0), 0),
      ]),
    );
    const allocationMismatches = checkAllocations(needed, held);
    const completed = contracts.length - new Set(lost.map((l) => l.split(':')[0])).size;
    const checks = [
      {
        check: 'every contract reached billing start (seen by the billing consumer)',
        ok: lost.length === 0,
        detail: lost.slice(0, 5).join('; ') || `${completed}/${contracts.length}`,
      },
      { check: 'no workflow task failed', ok: taskFailures === 0, detail: String(taskFailures) },
      {
        check: 'every emitted event delivered on the lifecycle topic',
        ok: events.missing.length === 0,
        detail: events.missing.slice(0, 5).join('; ') || 'all',
      },
      {
        check: 'no event emitted twice under a new id',
        ok: events.phantom.length === 0,
        detail: events.phantom.slice(0, 5).join('; ') || 'none',
      },
      {
        check: 'each contract holds the resources it needs, once',
        ok: allocationMismatches.length === 0,
        detail: allocationMismatches.slice(0, 5).join('; ') || 'all',
      },
      {
        check: 'a worker was killed mid-run',
        ok: Number.isFinite(killAt) && killAt < clock(),
        detail: `after ${Math.round(killAt)} ms`,
      },
    ];
    return {
      parameters: {
        workers: options.workers,
        contracts: options.contracts,
        concurrency,
        inventory: `PostgreSQL schema ${schema} shared by the workers`,
        killAt: `worker 1 of ${options.workers}, SIGKILL, when ${half} contracts had been onboarded`,
      },
      killedAfterSeconds: killAt / 1000,
      seconds,
      completed,
      lost,
      takeover: takeover(calls.spans, killAt, clock()),
      workflowTaskFailures: taskFailures,
      workflowTaskTimeouts: taskTimeouts,
      activityRetries: retries,
      events: { ...events, delivered: [...delivered.values()].reduce((n, ids) => n + ids.length, 0) },
      allocationMismatches,
      retried503: counter.retried503,
      driverRetries: gaveUp,
      checks,
    };
  } finally {
    // Nothing is measured any more and every contract is terminated below: no drain needed.
    for (const w of workers) w.kill();
    await observer.stop().catch(() => undefined);
    await lifecycle.disconnect().catch(() => undefined);
    await direct.close();
    await terminateAll(
      client,
      contracts.map((c) => contractWorkflowId(c.spec.contractNo)),
    );
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db).catch(() => undefined);
    await store.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
