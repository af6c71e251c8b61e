/**
 * Part 5a: a book of contracts held at once by one worker process (scale-worker.ts, its memory its
 * own). Phase 1, the SDK's default cache: contracts of the five seed shapes are placed across stages
 * (scale-place.ts) in batches; after each batch the worker's RSS is sampled after a GC and a status
 * read and an action are timed on held (cached) contracts — RSS and latency against contracts held.
 * Phase 2, a bounded cache: a fresh worker takes the same book over, a cache-full of contracts is read
 * (cached), and the rest are read or acted on cold (evicted: replayed from history). The floor skeleton
 * is held the same way on its own process for the memory ratio (scale-floor.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemporalContractsClient } from '../clients/sdk/temporal';
import { contractWorkflowId } from '../workflows/messages';
import type { BenchInfra } from './infra';
import type { Profile } from './options';
import { benchPools, campaign } from './onboarding/contracts';
import { seedPools } from '../inventory/pools';
import { createInventoryStore } from '../inventory/store';
import { sql } from '../inventory/db/native-modules';
import { withConcurrency } from './onboarding/driver';
import type { Bundles } from './onboarding/section';
import { historyShape, type HistoryShape } from './onboarding/floor';
import { holdFloor, slope as slopeOf, type FloorFigures } from './scale-floor';
import { serverDbSize } from './server-db';
import {
  heldStageOf,
  pickEvenly,
  place,
  probe,
  HELD_STAGES,
  STAGE_PROPORTIONS,
  type HeldStage,
  type Placed,
  type ProbeFigures,
} from './scale-place';
import { retrying } from './retrying';
import { percentiles, type Percentiles } from './stats';
import { terminateAll } from './terminate';
import { forkWorker, type MemorySample } from './worker-process';

export { slope } from './scale-floor';
export type { MemorySample };

/** One sample of phase 1: after a batch, memory and latency with this many contracts held. */
export interface HeldSample extends MemorySample {
  probes: ProbeFigures;
}

export interface ScaleFigures {
  parameters: {
    contracts: number;
    timeBoxSeconds: number;
    stages: string;
    boundedCache: number;
    probesPerSample: number;
    worker: string;
  };
  held: number;
  /** Contracts that could not be placed (closed, or a deadline passed), with why: the first few. */
  notPlaced: { count: number; first: string[] };
  /** Calls answered 503 (the 30 s API deadline) and retried; their latency counts in full. */
  retried503: number;
  spread: Record<HeldStage, number>;
  /** Phase 1: contracts placed (onboarded and driven to their stage) per second, and onboard calls. */
  placedPerSecond: number;
  onboardMs?: Percentiles;
  samples: HeldSample[];
  defaultCache: {
    rssMiBPer1000Cached: number;
    heapMiBPer1000Cached: number;
    finalRssMiB: number;
    cached: number;
  };
  bounded: {
    maxCachedWorkflows: number;
    /** After a cache-full of contracts was read. */
    rssMiB: number;
    cached: number;
    cachedProbes: ProbeFigures;
    evictedProbes: ProbeFigures;
  };
  serverDb: { where: string; note: string; beforeMiB: number; afterMiB: number; perContractKiB: number };
  historyPerStage: Partial<Record<HeldStage, HistoryShape>>;
  floor: FloorFigures;
  /** ours ÷ floor RSS per 1,000 cached workflows (phase 1 slope against the floor's). */
  memoryRatio: number;
}

const PROBES = 20;
/** Progress on the console: a 10,000-contract run takes a while. */
const note = (message: string) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] scale ${message}`);

export async function benchScale(
  infra: BenchInfra,
  bundles: Bundles,
  options: {
    scale: number;
    scaleCache?: number;
    boundedCache: number;
    floorCount?: number;
    timeBoxSeconds: number;
    profile: Profile;
  },
): Promise<ScaleFigures> {
  const tmp = mkdtempSync(join(tmpdir(), 'bench-bundles-'));
  const bundlePath = (kind: keyof Bundles) => {
    const path = join(tmp, `bundle-${kind}-${infra.runId}.js`);
    writeFileSync(path, bundles[kind].code);
    return path;
  };
  const taskQueue = `bench-scale-ours-${infra.runId}`;
  const retries = { retried503: 0 };
  const api = retrying(
    new TemporalContractsClient(infra.client, { taskQueue, requestedBy: 'bench-scale' }),
    retries,
  );
  const contracts = campaign(options.scale, `${infra.runId}S`);
  const placed: Placed[] = [];
  const notPlaced: string[] = [];
  const ids: string[] = [];
  const oursBundle = bundlePath('ours');
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/orchestrator';
  const schema = `bench_scale_${infra.runId}`;
  const inventory = await createInventoryStore({ databaseUrl, schema, maxConnections: 2 });
  try {
    // Phase 1: the SDK's default cache (or --scale-cache), every placed contract cached.
    // Both phases' workers share one inventory in PostgreSQL, with pools sized for the whole book (the
    // default pools run dry after a few hundred contracts; a provisioning retry in phase 2 finds phase
    // 1's reservation).
    await seedPools(inventory.db, benchPools(contracts.map((c) => c.spec)), new Date());
    const shared = { databaseUrl, schema };
    const worker = await forkWorker(infra, taskQueue, oursBundle, {
      maxCached: options.scaleCache,
      inventory: shared,
    });
    const dbBefore = await serverDbSize(options.profile);
    const onboardMs: number[] = [];
    const samples: HeldSample[] = [];
    let placing = 0;
    try {
      samples.push({ ...(await worker.measure(0)), probes: { refused: 0 } });
      // A batch lasts as long as its slowest contract (one driven to billing start, ~20 s on a loaded
      // machine): batches smaller than the lanes would leave most of them idle.
      const step = options.scale >= 5_000 ? 1_000 : Math.max(64, Math.round(options.scale / 10));
      const started = performance.now();
      const deadline = Date.now() + options.timeBoxSeconds * 1000;
      for (let from = 0; from < options.scale && Date.now() < deadline; from += step) {
        const batch = contracts.slice(from, from + step);
        ids.push(...batch.map((c) => contractWorkflowId(c.spec.contractNo)));
        // A contract that cannot be placed (closed, or a deadline passed) is counted, not fatal.
        await withConcurrency(batch, 64, async (c) => {
          try {
            placed.push(await place(api, c, heldStageOf(contracts.indexOf(c)), onboardMs));
          } catch (err) {
            notPlaced.push(`${c.spec.contractNo}: ${err instanceof Error ? err.message : String(err)}`);
          }
        });
        const memory = await worker.measure(placed.length);
        const probes = await probe(api, pickEvenly(placed, PROBES), pickEvenly(placed.slice(1), PROBES));
        samples.push({ ...memory, probes });
        note(
          `phase 1: ${placed.length} held, ${memory.cached} cached, RSS ${Math.round(memory.rssMiB)} MiB, ${(placed.length / ((performance.now() - started) / 1000)).toFixed(1)} placed/s`,
        );
      }
      placing = (performance.now() - started) / 1000;
    } finally {
      await worker.stop();
    }
    const dbAfter = await serverDbSize(options.profile);
    const historyPerStage: ScaleFigures['historyPerStage'] = {};
    for (const stage of ['qualification', 'provisioning', 'active'] as const) {
      const first = placed.find((p) => p.stage === stage);
      if (first) {
        const history = await infra.client.workflow
          .getHandle(contractWorkflowId(first.contractNo))
          .fetchHistory();
        historyPerStage[stage] = historyShape(history);
      }
    }

    note(`phase 2: a worker with maxCachedWorkflows ${options.boundedCache} takes over`);
    // Phase 2: a fresh worker with a bounded cache takes the same book over.
    const bounded = await forkWorker(infra, taskQueue, oursBundle, {
      maxCached: options.boundedCache,
      inventory: shared,
    });
    let phase2: ScaleFigures['bounded'];
    try {
      const warm = placed.slice(-Math.min(options.boundedCache, placed.length));
      await withConcurrency(warm, 16, (p) => api.get(p.contractNo));
      const memory = await bounded.measure(placed.length);
      // The most recently read stay cached (LRU); the others have not been seen by this worker.
      const recent = warm.slice(-Math.min(PROBES * 5, Math.floor(options.boundedCache / 2), warm.length));
      const cachedProbes = await probe(api, recent, recent);
      const cold = placed.slice(0, placed.length - warm.length);
      const half = Math.floor(cold.length / 2);
      const evictedProbes = await probe(
        api,
        pickEvenly(cold.slice(0, half), PROBES * 5),
        pickEvenly(cold.slice(half), PROBES * 5),
      );
      phase2 = {
        maxCachedWorkflows: options.boundedCache,
        rssMiB: memory.rssMiB,
        cached: memory.cached,
        cachedProbes,
        evictedProbes,
      };
    } finally {
      await bounded.stop();
    }

    note(`floor: holding ${options.floorCount ?? placed.length} skeletons`);
    const floor = await holdFloor(
      infra,
      options.floorCount ?? placed.length,
      options.timeBoxSeconds,
      bundlePath('floor'),
      options.scaleCache,
    );
    const fit = (pick: (s: MemorySample) => number) =>
      slopeOf(samples.map((s) => [s.cached, pick(s)] as [number, number])) * 1000;
    const defaultCache = {
      rssMiBPer1000Cached: fit((s) => s.rssMiB),
      heapMiBPer1000Cached: fit((s) => s.heapUsedMiB),
      finalRssMiB: samples[samples.length - 1]!.rssMiB,
      cached: samples[samples.length - 1]!.cached,
    };
    return {
      parameters: {
        contracts: options.scale,
        timeBoxSeconds: options.timeBoxSeconds,
        stages: STAGE_PROPORTIONS,
        boundedCache: options.boundedCache,
        probesPerSample: PROBES,
        worker: `separate Node process (bench/scale-worker.ts), real activities; phase 1 ${options.scaleCache ? `maxCachedWorkflows ${options.scaleCache}` : 'SDK default cache (sized by heap)'}, phase 2 maxCachedWorkflows ${options.boundedCache}`,
      },
      held: placed.length,
      notPlaced: { count: notPlaced.length, first: notPlaced.slice(0, 3) },
      retried503: retries.retried503,
      spread: Object.fromEntries(
        HELD_STAGES.map((stage) => [stage, placed.filter((p) => p.stage === stage).length]),
      ) as Record<HeldStage, number>,
      placedPerSecond: placed.length / placing,
      onboardMs: percentiles(onboardMs),
      samples,
      defaultCache,
      bounded: phase2,
      serverDb: {
        where: dbAfter.where,
        note: dbAfter.note,
        beforeMiB: dbBefore.mib,
        afterMiB: dbAfter.mib,
        perContractKiB: ((dbAfter.mib - dbBefore.mib) * 1024) / Math.max(1, placed.length),
      },
      historyPerStage,
      floor,
      memoryRatio: defaultCache.rssMiBPer1000Cached / floor.rssMiBPer1000Cached,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await terminateAll(infra.client, ids);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(inventory.db).catch(() => undefined);
    await inventory.close();
  }
}
