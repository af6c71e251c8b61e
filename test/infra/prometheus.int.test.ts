/**
 * Operators' view on the real parts: Debian's Prometheus (infra/services/prometheus.sh, a private state
 * directory and a free port, scraping every second and evaluating infra/observability/alerts.yml) over
 * the real worker and API processes (`workers/main.ts`, `clients/api/main.ts` on a task queue of their
 * own). One contract onboarded through the API moves the stage gauge and the events counter, read
 * back with PromQL over Prometheus's HTTP API; a workflow whose tasks fail (a type no worker
 * registers, on the same task queue) trips the WorkflowTaskFailing alert. The dashboard's queries all
 * parse on this Prometheus.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateApiKey } from '../../clients/api/keys';
import { HttpContractsClient } from '../../clients/sdk/http';
import { CONTRACT_EVENT_TYPES } from '../../domain/events/catalogue';
import { loadConfig } from '../../platform/config';
import { connectClient } from '../../platform/temporal';
import { uniqueSpec } from '../clients/api/support';
import { waitFor } from '../support/wait';

const ROOT = join(__dirname, '..', '..');
jest.setTimeout(5 * 60_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'prometheus-'));
const taskQueue = `prometheus-${randomUUID()}`;
const admin = generateApiKey(`prom-admin-${randomUUID().slice(0, 8)}`, 'admin');
const ALERTS = (
  parse(readFileSync(join(ROOT, 'infra/observability/alerts.yml'), 'utf8')) as {
    groups: Array<{ rules: Array<{ alert: string }> }>;
  }
).groups.flatMap((g) => g.rules.map((r) => r.alert));

interface Proc {
  name: string;
  child: ChildProcess;
  out: string;
}
const procs: Proc[] = [];
let ports: { worker: number; api: number; apiMetrics: number; prometheus: number };
let env: NodeJS.ProcessEnv;
let prometheus: string;

/** The process's own log, for a failure message. */
const tails = () => procs.map((p) => `--- ${p.name}\n${p.out.slice(-3000)}`).join('\n');

function start(name: string, entry: string, extra: NodeJS.ProcessEnv): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: the stop takes every helper with it
  });
  const proc: Proc = { name, child, out: '' };
  child.stdout.on('data', (d: Buffer) => (proc.out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (proc.out += d.toString()));
  procs.push(proc);
  return proc;
}

function infra(commands: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'bash',
      ['-c', `. infra/lib.sh && ${commands}`],
      { cwd: ROOT, env, timeout: 120_000 },
      (err, out, stderr) =>
        err ? reject(new Error(`${commands} failed: ${err.message}\n${stderr}`)) : resolve(out),
    ),
  );
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}
async function query(expr: string): Promise<Sample[]> {
  const res = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(expr)}`);
  const body = (await res.json()) as { status: string; error?: string; data: { result: Sample[] } };
  if (body.status !== 'success') throw new Error(`PromQL ${expr}: ${body.error}`);
  return body.data.result;
}
/** The value of a one-element (or empty: undefined) instant vector. */
async function value(expr: string): Promise<number | undefined> {
  const [first] = await query(expr);
  return first ? Number(first.value[1]) : undefined;
}
async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  return waitFor(what, probe, { timeoutMs, intervalMs: 500 }).catch((err: Error) => {
    throw new Error(`${err.message}\n${tails()}`);
  });
}

beforeAll(async () => {
  const [worker, api, apiMetrics, prom] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  ports = { worker, api, apiMetrics, prometheus: prom };
  const { DATABASE_URL: _shared, ...inherited } = process.env;
  env = {
    ...inherited,
    TEMPORAL_TASK_QUEUE: taskQueue,
    // The embedded inventory in a directory of its own: no other test's pools or locks.
    INVENTORY_DATA_DIR: join(dir, 'inventory'),
    API_KEYS: JSON.stringify([admin.record]),
    METRICS_HOST: '127.0.0.1',
    METRICS_ENABLED: 'true',
    BOOK_METRICS_INTERVAL_MS: '1000',
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    INFRA_STATE_DIR: dir,
    PROMETHEUS_PORT: String(prom),
    PROMETHEUS_TARGETS: `worker=127.0.0.1:${worker},api=127.0.0.1:${apiMetrics}`,
    PROMETHEUS_SCRAPE_INTERVAL: '1s',
  };
  const workerProc = start('worker', 'workers/main.ts', { METRICS_PORT: String(worker) });
  const apiProc = start('api', 'clients/api/main.ts', {
    METRICS_PORT: String(apiMetrics),
    API_HOST: '127.0.0.1',
    API_PORT: String(api),
  });
  await infra('start_prometheus');
  prometheus = `http://127.0.0.1:${prom}`;
  for (const [proc, line] of [
    [workerProc, '"msg":"worker started"'],
    [apiProc, '"msg":"API listening'],
  ] as const) {
    await eventually(`${proc.name} to log ${line}`, async () => {
      if (proc.child.exitCode !== null)
        throw new Error(`${proc.name} exited with ${proc.child.exitCode}\n${tails()}`);
      return proc.out.includes(line) ? true : undefined;
    });
  }
});

afterAll(async () => {
  await infra('stop_prometheus').catch(() => undefined);
  await Promise.all(
    procs.map(async ({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
      }, 30_000);
      await exited;
      clearTimeout(timer);
    }),
  );
  rmSync(dir, { recursive: true, force: true });
});

test('Prometheus scrapes the worker and the API (up == 1) and has every alert rule loaded', async () => {
  const up = await eventually('both targets scraped with up == 1', async () => {
    const samples = await query('up == 1');
    const jobs = samples.map((s) => s.metric.job).sort();
    return jobs.includes('api') && jobs.includes('worker') ? jobs : undefined;
  });
  expect(up).toEqual(['api', 'worker']);
  // The worker's page carries the Temporal SDK runtime's own metrics (one scrape target per process).
  const slots = await eventually('the Temporal runtime metrics of the worker', () =>
    value(`max(temporal_worker_task_slots_available{task_queue="${taskQueue}"})`),
  );
  expect(slots).toBeGreaterThan(0);

  const rules = (await (await fetch(`${prometheus}/api/v1/rules?type=alert`)).json()) as {
    data: { groups: Array<{ rules: Array<{ name: string; health: string }> }> };
  };
  const loaded = rules.data.groups.flatMap((g) => g.rules);
  expect(loaded.map((r) => r.name).sort()).toEqual([...ALERTS].sort());
  expect(loaded.filter((r) => r.health === 'err')).toEqual([]);

  // Every dashboard query is PromQL this Prometheus accepts (Grafana's variables filled in).
  const dashboard = JSON.parse(
    readFileSync(join(ROOT, 'infra/observability/grafana/dashboards/contract-orchestrator.json'), 'utf8'),
  ) as { panels: Array<{ targets?: Array<{ expr: string }> }> };
  const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
  expect(exprs.length).toBeGreaterThan(10);
  for (const expr of exprs) {
    await query(expr.replaceAll('$__rate_interval', '1m').replaceAll('$task_queue', '.*'));
  }
});

test('onboarding a contract through the API moves the stage gauge and the events counter', async () => {
  // The first book count is in, so the baseline is a count and not a missing series.
  await eventually('the first book count', () => value('max(tco_book_refresh_seconds)'));
  const before = Object.fromEntries(
    (await query('sum by (stage) (tco_contracts)')).map((s) => [s.metric.stage!, Number(s.value[1])]),
  );
  const eventsBefore = (await value('sum(tco_events_published_total{job="worker"})')) ?? 0;

  const api = new HttpContractsClient({ baseUrl: `http://127.0.0.1:${ports.api}`, apiKey: admin.key });
  const onboarded = await api.onboard(uniqueSpec());
  expect(onboarded.created).toBe(true);
  const stage = onboarded.status.stage;

  // The book counts the running contracts of its own task queue: this test's one contract.
  const gauge = await eventually(`tco_contracts{stage="${stage}"} above ${before[stage] ?? 0}`, async () => {
    const now = await value(`sum(tco_contracts{stage="${stage}"})`);
    return now !== undefined && now > (before[stage] ?? 0) ? now : undefined;
  });
  expect({ before: before[stage] ?? 0, gauge }).toEqual({ before: 0, gauge: 1 });

  // Only this test's worker publishes on this task queue, so every event counted here is ours.
  const events = await eventually('tco_events_published_total to rise', async () => {
    const now = await value('sum(tco_events_published_total{job="worker"})');
    return now !== undefined && now > eventsBefore ? now : undefined;
  });
  expect(events).toBeGreaterThan(eventsBefore);
  const types = (await query('sum by (type, topic) (tco_events_published_total{job="worker"})')).map(
    (s) => s.metric.type,
  );
  expect(types.length).toBeGreaterThan(0);
  for (const type of types) expect(CONTRACT_EVENT_TYPES).toContain(type);
});

test('a workflow whose tasks fail trips the WorkflowTaskFailing alert', async () => {
  const firing = async () => {
    const res = (await (await fetch(`${prometheus}/api/v1/alerts`)).json()) as {
      data: { alerts: Array<{ labels: Record<string, string>; state: string }> };
    };
    return res.data.alerts.find(
      (a) => a.labels.alertname === 'WorkflowTaskFailing' && a.labels.task_queue === taskQueue,
    );
  };
  expect(await firing()).toBeUndefined();

  const client = await connectClient(loadConfig(env).temporal);
  // No worker registers this type: the worker fails each of its workflow tasks, and the server retries.
  const handle = await client.workflow.start('noSuchWorkflowType', {
    taskQueue,
    workflowId: `prometheus-bricked-${randomUUID()}`,
    args: [],
  });
  try {
    const alert = await eventually('WorkflowTaskFailing firing for this task queue', async () => {
      const a = await firing();
      return a?.state === 'firing' ? a : undefined;
    });
    expect(alert.labels).toMatchObject({
      severity: 'critical',
      workflow_type: 'noSuchWorkflowType',
      task_queue: taskQueue,
    });
  } finally {
    await handle.terminate('prometheus test finished').catch(() => undefined);
    await client.connection.close();
  }
});
