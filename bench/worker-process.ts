/**
 * A contract worker in a process of its own (bench/scale-worker.ts): its memory is the worker's alone,
 * and it can be killed with SIGKILL like a crashed host. Shared by the scale and workers sections.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { BenchInfra } from './infra';

export interface MemorySample {
  contracts: number;
  cached: number;
  rssMiB: number;
  heapUsedMiB: number;
}

export interface WorkerProcess {
  pid: number;
  measure(contracts: number): Promise<MemorySample>;
  /** Graceful: the worker drains and exits (killed if it has not after 30 s). */
  stop(): Promise<void>;
  /** SIGKILL: no drain, no goodbye to the server (a crashed host). */
  kill(): void;
}

export interface WorkerProcessOptions {
  maxCached?: number;
  /** A shared inventory in PostgreSQL (pools seeded by the caller); default: embedded, in memory. */
  inventory?: { databaseUrl: string; schema: string };
}

const MiB = 2 ** 20;
type Measure = { rss: number; heapUsed: number; cached: number };

export async function forkWorker(
  infra: BenchInfra,
  taskQueue: string,
  bundlePath: string,
  options: WorkerProcessOptions = {},
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
      ...(options.maxCached ? { BENCH_MAX_CACHED: String(options.maxCached) } : {}),
      ...(options.inventory
        ? {
            BENCH_INVENTORY_URL: options.inventory.databaseUrl,
            BENCH_INVENTORY_SCHEMA: options.inventory.schema,
          }
        : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let killed = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`scale worker exited (${code ?? signal})${killed ? ' after SIGKILL' : ''}`)),
    ),
  );
  exited.catch(() => undefined);
  const nextMessage = () =>
    Promise.race([new Promise<unknown>((resolve) => child.once('message', resolve)), exited]);
  if ((await nextMessage()) !== 'ready') throw new Error('scale worker did not start');
  return {
    pid: child.pid!,
    measure: async (contracts) => {
      const reply = nextMessage();
      child.send('measure');
      const m = (await reply) as Measure;
      return { contracts, cached: m.cached, rssMiB: m.rss / MiB, heapUsedMiB: m.heapUsed / MiB };
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (child.connected) child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer);
    },
    kill: () => {
      killed = true;
      child.kill('SIGKILL');
    },
  };
}
