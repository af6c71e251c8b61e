/**
 * The real worker process (workers/main.ts) on the dev server and Kafka, with its ops server on a free
 * port: /healthz answers while it connects, /readyz turns 200 once Temporal, Kafka and the inventory
 * answer, and after it ran a workflow that publishes, /metrics holds our counter for that event and
 * the Temporal SDK runtime's own metrics (one scrape target). SIGTERM stops it cleanly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, openSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { loadConfig } from '../../../platform/config';
import { connectClient } from '../../../platform/temporal';
import { topicName } from '../../../platform/topics';
import { wiringCheck } from '../../../workflows/wiringCheck';
import { waitFor } from '../../support/wait';

const ROOT = resolve(__dirname, '../../..');
const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', LOG_PRETTY: 'false' });
const taskQueue = `ops-worker-${randomUUID()}`;
const dir = mkdtempSync(join(tmpdir(), 'ops-worker-'));
const logFile = join(dir, 'worker.log');

let child: ChildProcess | undefined;
let exited: Promise<number | null>;
let client: Client;

const log = () => readFileSync(logFile, 'utf8');

async function get(port: number, path: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** The value of one sample line, e.g. `name{a="b"} 3` → 3. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(labels));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

beforeAll(async () => {
  client = await connectClient(config.temporal);
  const fd = openSync(logFile, 'a');
  child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      METRICS_PORT: '0',
      METRICS_HOST: '127.0.0.1',
      TEMPORAL_TASK_QUEUE: taskQueue,
      INVENTORY_DATA_DIR: join(dir, 'inventory'),
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  exited = new Promise((done) => child!.once('exit', (code) => done(code)));
});

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  await client?.connection.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the worker process serves /healthz, /readyz and /metrics with the SDK runtime metrics, and stops on SIGTERM', async () => {
  const port = await waitFor(
    'the worker to log its ops port',
    () => {
      if (child!.exitCode !== null)
        throw new Error(`worker exited ${child!.exitCode}: ${log().slice(0, 2000)}`);
      const line = log()
        .split('\n')
        .find((l) => l.includes('"msg":"ops server listening"'));
      return line ? (JSON.parse(line) as { port: number }).port : undefined;
    },
    { timeoutMs: 60_000 },
  );
  expect(await get(port, '/healthz')).toMatchObject({ status: 200, body: '{"status":"ok"}' });

  // Ready once the worker runs: until then /readyz says what is missing. Bundling the workflow code
  // holds the event loop for seconds, so a probe may time out meanwhile (a startup probe's job).
  const ready = await waitFor(
    '/readyz 200',
    async () => {
      const r = await get(port, '/readyz').catch((err: Error) => {
        if (err.name === 'TimeoutError') return undefined;
        throw err;
      });
      if (!r) return undefined;
      if (r.status === 503) expect(JSON.parse(r.body)).toMatchObject({ status: 'not ready' });
      return r.status === 200 ? r : undefined;
    },
    { timeoutMs: 90_000, intervalMs: 250 },
  );
  expect(JSON.parse(ready.body)).toEqual({
    status: 'ready',
    checks: { temporal: 'ok', kafka: 'ok', inventory: 'ok' },
  });

  // A workflow that publishes one event through the worker's activities.
  const checkId = `ops-${randomUUID()}`;
  await client.workflow.execute(wiringCheck, { taskQueue, workflowId: checkId, args: [{ checkId }] });
  // A workflow type this worker does not have fails its workflow tasks: what the failure alert watches.
  const broken = await client.workflow.start('noSuchWorkflow', {
    taskQueue,
    workflowId: `ops-broken-${randomUUID()}`,
  });
  try {
    await waitFor('a workflow task failure in the runtime metrics', async () => {
      const text = (await get(port, '/metrics')).body;
      const failed = sample(
        text,
        'temporal_workflow_task_execution_failed_total',
        'workflow_type="noSuchWorkflow"',
      );
      return failed !== undefined && failed >= 1 ? true : undefined;
    });
  } finally {
    await broken.terminate('test done');
  }

  const metrics = await get(port, '/metrics');
  expect(metrics.status).toBe(200);
  expect(metrics.type).toContain('text/plain; version=0.0.4');
  const labels = `type="telecom.system.wiring-checked.v1",topic="${topicName('system', config.kafka.topicPrefix)}"`;
  expect(sample(metrics.body, 'tco_events_published_total', labels)).toBeGreaterThanOrEqual(1);
  expect(metrics.body).toContain('process_cpu_seconds_total');
  // Core's names with countersTotalSuffix/unitSuffix/useSecondsForDurations and the temporal_ prefix.
  const names = new Set(
    metrics.body
      .split('\n')
      .filter((l) => l.startsWith('temporal_'))
      .map((l) => l.split(/[{ ]/, 1)[0]),
  );
  for (const name of [
    'temporal_worker_task_slots_available',
    'temporal_workflow_task_schedule_to_start_latency_seconds_bucket',
    'temporal_sticky_cache_size',
    'temporal_sticky_cache_hit_total',
    'temporal_workflow_task_execution_latency_seconds_bucket',
    'temporal_activity_execution_latency_seconds_bucket',
  ]) {
    expect([...names]).toContain(name);
  }
  // No contract number, workflow id or task queue as a label value in our own metrics.
  expect(metrics.body.split('\n').filter((l) => l.startsWith('tco_') && l.includes(checkId))).toEqual([]);

  child!.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(log()).toContain('"msg":"worker stopped"');
});
