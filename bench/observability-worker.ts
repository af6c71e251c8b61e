/**
 * The worker as it ships — `workers/main.ts` in a process of its own, configured only through its
 * environment — with metrics and tracing off or on. Run with Node and the tsx require hook directly
 * (not the tsx CLI, which would put a second process between us and the worker), so the pid we read
 * /proc of is the worker's.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { OBSERVABILITY_FEATURES, type ObservabilityFeature } from './options';

const ROOT = join(__dirname, '..');

export type Mode = 'off' | 'on';

export interface MainWorkerOptions {
  taskQueue: string;
  topicPrefix: string;
  /** The embedded inventory's directory (PGlite on disk), seeded by the caller beforehand. */
  inventoryDir: string;
  mode: Mode;
  /** What "on" switches on (default: metrics and traces). */
  features?: readonly ObservabilityFeature[];
  /** The ops server's port (health always; /metrics only when on). */
  metricsPort: number;
  /** The OTLP/HTTP receiver (on only). */
  otlpEndpoint?: string;
}

/** The worker's memory right after a full GC, in MiB. */
export interface CollectedMemory {
  rssMiB: number;
  heapUsedMiB: number;
  externalMiB: number;
}

export interface MainWorker {
  pid: number;
  /** Spawn → "worker started" logged. */
  startSeconds: number;
  /** A full GC in the worker, then its memory (bench/observability-gc.ts). */
  collect(): Promise<CollectedMemory>;
  /** SIGTERM: the worker drains, flushes and exits (SIGKILL after 30 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; killed: boolean }>;
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The worker's environment for one mode. Off: METRICS_ENABLED=false and no OTEL_* at all (whatever the
 * bench was started with). On: metrics on, tracing exported over OTLP/HTTP to the bench's receiver.
 * Both get an ops port of their own (the default 9464 may be another worker's) and no DATABASE_URL
 * (the embedded inventory in a directory of the run's own, so nothing is shared with other users).
 */
export function workerEnv(base: NodeJS.ProcessEnv, o: MainWorkerOptions): NodeJS.ProcessEnv {
  const features = o.features ?? OBSERVABILITY_FEATURES;
  const metrics = o.mode === 'on' && features.includes('metrics');
  const traces = o.mode === 'on' && features.includes('traces');
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (k.startsWith('OTEL_') || k.startsWith('METRICS_') || k === 'DATABASE_URL') continue;
    env[k] = v;
  }
  Object.assign(env, {
    TEMPORAL_TASK_QUEUE: o.taskQueue,
    KAFKA_TOPIC_PREFIX: o.topicPrefix,
    INVENTORY_DATA_DIR: o.inventoryDir,
    // "worker started" (info) is how we know it polls; nothing else logs per contract at info.
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(o.metricsPort),
    METRICS_ENABLED: metrics ? 'true' : 'false',
  });
  if (traces) {
    if (!o.otlpEndpoint) throw new Error('tracing on needs an OTLP endpoint');
    Object.assign(env, {
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_ENDPOINT: o.otlpEndpoint,
      // Traces only: nothing else of OpenTelemetry's is asked to export.
      OTEL_METRICS_EXPORTER: 'none',
      OTEL_LOGS_EXPORTER: 'none',
    });
  }
  return env;
}

export async function startMainWorker(o: MainWorkerOptions, readyWithinMs = 240_000): Promise<MainWorker> {
  const started = performance.now();
  const args = [
    '--expose-gc',
    '--require',
    'tsx/cjs',
    '--require',
    join(__dirname, 'observability-gc.ts'),
    join(ROOT, 'workers', 'main.ts'),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: workerEnv(process.env, o),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // The last lines it wrote, for the error when it does not start or dies.
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line.slice(0, 400));
    if (tail.length > 15) tail.shift();
  };
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exitInfo = { code, signal };
      resolve();
    }),
  );
  const ready = new Promise<void>((resolve) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"msg":"worker started"')) resolve();
      else if (/"level":(50|60)/.test(line)) keep(line);
    });
  });
  createInterface({ input: child.stderr! }).on('line', keep);
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), readyWithinMs))),
  ]);
  clearTimeout(timer);
  if (outcome !== 'ready') {
    child.kill('SIGKILL');
    const why =
      outcome === 'late'
        ? `not started within ${readyWithinMs / 1000} s`
        : `exited (${exitInfo?.code ?? exitInfo?.signal})`;
    throw new Error(`workers/main.ts (${o.mode}) ${why}:\n${tail.join('\n')}`);
  }
  const MiB = 2 ** 20;
  return {
    pid: child.pid!,
    startSeconds: (performance.now() - started) / 1000,
    collect: async () => {
      const reply = new Promise<{ rss: number; heapUsed: number; external: number }>((resolve, reject) => {
        child.once('message', (m) => resolve(m as { rss: number; heapUsed: number; external: number }));
        void exited.then(() => reject(new Error(`workers/main.ts (${o.mode}) exited:\n${tail.join('\n')}`)));
      });
      child.send('measure');
      const m = await reply;
      return { rssMiB: m.rss / MiB, heapUsedMiB: m.heapUsed / MiB, externalMiB: m.external / MiB };
    },
    stop: async () => {
      let killed = false;
      if (child.connected) child.disconnect();
      if (!exitInfo) {
        child.kill('SIGTERM');
        const force = setTimeout(() => {
          killed = true;
          child.kill('SIGKILL');
        }, 30_000);
        await exited;
        clearTimeout(force);
      }
      return { ...exitInfo!, killed };
    },
  };
}
