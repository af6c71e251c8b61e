/**
 * Part 8: what metrics and tracing cost the worker. The same workload runs on a fresh worker process
 * (workers/main.ts, as it ships) with both off, and with both on — /metrics read every second (harsher
 * than Prometheus's usual 15 s) and every span exported over OTLP/HTTP to a receiver the bench runs —
 * in pairs whose order alternates, so drift on the shared machine moves both sides. Per run: the
 * worker's CPU seconds (/proc utime + stime, all its threads) per contract driven to billing start, its
 * RSS (peak sampled every 200 ms; before and after the contracts right after a full GC) and the wall time; the report gives on / off paired
 * per repeat. "On" must prove itself (scrapes answered, spans received) once the features exist:
 * see proofRequired in observability-verdict.ts.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedPools } from '../inventory/pools';
import { createInventoryStore } from '../inventory/store';
import { contractWorkflowId } from '../workflows/messages';
import type { BenchInfra } from './infra';
import { openBenchApi, type BenchApi } from './onboarding/api';
import { benchPools, campaign, type CampaignContract } from './onboarding/contracts';
import { CallLog, driveContract, withConcurrency } from './onboarding/driver';
import { EventObserver } from './onboarding/observer';
import { cpuSeconds, RssSampler } from './observability-proc';
import { httpStatus, startOtlpReceiver, startScraper } from './observability-probes';
import {
  observabilityChecks,
  onOffRatios,
  proofRequired,
  type ObservabilityRatios,
  type ObservabilityRun,
  type ProofCheck,
} from './observability-verdict';
import { freePort, startMainWorker, type Mode } from './observability-worker';
import { OBSERVABILITY_FEATURES, type ObservabilityFeature } from './options';
import { terminateAll } from './terminate';

export interface ObservabilityFigures {
  parameters: {
    contracts: number;
    warmUp: number;
    concurrency: number;
    pairs: number;
    /** What "on" switched on. */
    on: string;
    scrapeEverySeconds: number;
    rssSampleMs: number;
    worker: string;
    api: string;
    proof: string;
  };
  runs: ObservabilityRun[];
  /** On / off, paired per repeat. */
  ratios: ObservabilityRatios;
  checks: ProofCheck[];
}

export interface ObservabilityOptions {
  contracts: number;
  pairs: number;
  /** What "on" switches on (default both). */
  on?: readonly ObservabilityFeature[];
}

const SCRAPE_EVERY_MS = 1000;
const RSS_SAMPLE_MS = 200;

/** Contracts driven to billing start, `concurrency` at once: how many got there, and why the others did not. */
async function driveAll(
  api: BenchApi,
  observer: EventObserver,
  contracts: CampaignContract[],
  concurrency: number,
  started: string[],
): Promise<{ completed: number; failures: string[] }> {
  const calls = new CallLog();
  const t0 = performance.now();
  const clock = () => performance.now() - t0;
  let completed = 0;
  const failures: string[] = [];
  await withConcurrency(contracts, concurrency, async (c) => {
    started.push(contractWorkflowId(c.spec.contractNo));
    try {
      await driveContract(api, observer, c.shape, c.spec, calls, clock);
      completed += 1;
    } catch (err) {
      failures.push(`${c.spec.contractNo}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  return { completed, failures };
}

export async function benchObservability(
  infra: BenchInfra,
  options: ObservabilityOptions,
): Promise<ObservabilityFigures> {
  const { runId } = infra;
  const features = options.on ?? OBSERVABILITY_FEATURES;
  // Warm-up (one contract per seed shape) before the measured window, so neither side pays the first
  // workflow context and the JIT inside it; small runs skip it to stay short.
  const warmUp = options.contracts >= 10 ? 5 : 0;
  const concurrency = Math.min(10, options.contracts);
  const tmp = mkdtempSync(join(tmpdir(), 'bench-observability-'));
  const receiver = await startOtlpReceiver();
  const observer = new EventObserver(infra);
  // The consumers mostly wait on Kafka's group joins: they start beside the seeding and the first
  // worker's start-up, and the first contract waits for them.
  let observing: Promise<void> | undefined;
  const started: string[] = [];
  const runs: ObservabilityRun[] = [];
  let apiKind = '';
  const tagOf = (pair: number, mode: Mode) => `${runId}O${pair}${mode === 'on' ? 'N' : 'F'}`;
  const seeded = join(tmp, 'seeded');
  /** One embedded inventory with pools for every run's contracts, seeded once and copied per run. */
  const seed = async () => {
    const specs = Array.from({ length: options.pairs }, (_, pair) =>
      (['off', 'on'] as const).flatMap((mode) => [
        ...campaign(warmUp, `${tagOf(pair, mode)}W`),
        ...campaign(options.contracts, tagOf(pair, mode)),
      ]),
    ).flat();
    const store = await createInventoryStore({ dataDir: seeded });
    try {
      await seedPools(store.db, benchPools(specs.map((c) => c.spec)), new Date());
    } finally {
      await store.close();
    }
  };

  const runOnce = async (pair: number, mode: Mode, order: number): Promise<ObservabilityRun> => {
    const tag = tagOf(pair, mode);
    const warm = campaign(warmUp, `${tag}W`);
    const measured = campaign(options.contracts, tag);
    // The worker's own embedded inventory: a copy of the seeded one, opened by it alone.
    const inventoryDir = join(tmp, tag);
    cpSync(seeded, inventoryDir, { recursive: true });
    const metricsPort = await freePort();
    const taskQueue = `bench-observability-${tag}`;
    receiver.reset();
    const worker = await startMainWorker({
      taskQueue,
      topicPrefix: infra.config.kafka.topicPrefix,
      inventoryDir,
      mode,
      features,
      metricsPort,
      ...(mode === 'on' && features.includes('traces') ? { otlpEndpoint: receiver.endpoint } : {}),
    });
    const startCpuSeconds = cpuSeconds(worker.pid);
    const ops = `http://127.0.0.1:${metricsPort}`;
    let api: BenchApi | undefined;
    let exit = 'running';
    let figures!: Omit<ObservabilityRun, 'otlp' | 'exit'>;
    try {
      api = await openBenchApi(infra.client, taskQueue, infra.logger);
      apiKind = api.kind;
      const healthz = await httpStatus(`${ops}/healthz`);
      const scraped = mode === 'on' && features.includes('metrics');
      const scraper = scraped ? startScraper(`${ops}/metrics`, SCRAPE_EVERY_MS) : undefined;
      await observing;
      if (warm.length) await driveAll(api, observer, warm, concurrency, started);
      const before = await worker.collect();
      const sampler = new RssSampler(worker.pid, RSS_SAMPLE_MS);
      sampler.start();
      const cpu0 = cpuSeconds(worker.pid);
      const t0 = performance.now();
      const { completed, failures } = await driveAll(api, observer, measured, concurrency, started);
      const cpu = cpuSeconds(worker.pid) - cpu0;
      const wallSeconds = (performance.now() - t0) / 1000;
      const rss = sampler.stop();
      const end = await worker.collect();
      const scrape = await scraper?.stop();
      const metricsStatus = await httpStatus(`${ops}/metrics`);
      figures = {
        pair,
        mode,
        order,
        contracts: measured.length,
        completed,
        failed: failures.length,
        ...(failures[0] ? { firstFailure: failures[0] } : {}),
        startSeconds: worker.startSeconds,
        startCpuSeconds,
        wallSeconds,
        cpuSeconds: cpu,
        cpuMsPerContract: (cpu * 1000) / Math.max(1, completed),
        rss: { beforeMiB: before.rssMiB, peakMiB: rss.peakMiB, endMiB: end.rssMiB, samples: rss.samples },
        heap: { beforeMiB: before.heapUsedMiB, endMiB: end.heapUsedMiB },
        ...(healthz !== undefined ? { healthz } : {}),
        ...(metricsStatus !== undefined ? { metricsStatus } : {}),
        ...(scrape ? { scrape } : {}),
      };
    } finally {
      await api?.close();
      // Graceful: the exporter flushes the spans still batched when tracing shuts down.
      const stopped = await worker.stop();
      exit = stopped.killed ? 'SIGKILL after 30 s' : `exit ${stopped.code ?? stopped.signal}`;
    }
    return { ...figures, otlp: receiver.figures(), exit };
  };

  try {
    observing = observer.start();
    observing.catch(() => undefined); // awaited before the first contract; reported there
    await seed();
    for (let pair = 0; pair < options.pairs; pair++) {
      const order: Mode[] = pair % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
      for (const [i, mode] of order.entries()) runs.push(await runOnce(pair, mode, i + 1));
    }
  } finally {
    await Promise.all([
      observer.stop().catch(() => undefined),
      receiver.close(),
      terminateAll(infra.client, started),
    ]);
    rmSync(tmp, { recursive: true, force: true });
  }
  const need = proofRequired(features);
  return {
    parameters: {
      contracts: options.contracts,
      warmUp,
      concurrency,
      pairs: options.pairs,
      on: features.join(' + '),
      scrapeEverySeconds: SCRAPE_EVERY_MS / 1000,
      rssSampleMs: RSS_SAMPLE_MS,
      worker:
        'workers/main.ts as it ships (node --require tsx/cjs), embedded inventory on disk, its own task queue; off: METRICS_ENABLED=false, no OTEL_*; on: METRICS_ENABLED=true and/or OTEL_TRACES_EXPORTER=otlp to the bench receiver',
      api: apiKind,
      proof: `metrics ${need.metrics ? 'required' : 'not required'}, traces ${need.traces ? 'required' : 'not required'} (${need.why})`,
    },
    runs,
    ratios: onOffRatios(runs),
    checks: observabilityChecks(runs, need),
  };
}
