/** The ops server over real HTTP on a free port: health, readiness naming what is missing, metrics, 404. */
import pino from 'pino';
import { createMetrics, type Metrics } from '../../../platform/observability/metrics';
import { startOpsServer, type OpsServer } from '../../../platform/observability/ops-server';
import { describeFailure, Readiness } from '../../../platform/observability/readiness';

const logger = pino({ level: 'silent' });
const servers: OpsServer[] = [];

async function serve(
  readiness: Readiness,
  metrics: Metrics = createMetrics({ enabled: true, process: 'worker' }),
) {
  const server = await startOpsServer({
    process: 'worker',
    host: '127.0.0.1',
    port: 0,
    metrics,
    readiness,
    logger,
  });
  servers.push(server);
  return async (path: string, method = 'GET') => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { method });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

test('/healthz answers while dependencies are still missing; /readyz is 503 naming them', async () => {
  const readiness = new Readiness(['temporal', 'kafka', 'inventory']);
  readiness.set('kafka', () => Promise.resolve());
  readiness.set('inventory', () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')));
  const get = await serve(readiness);
  expect(await get('/healthz')).toEqual({
    status: 200,
    type: 'application/json; charset=utf-8',
    body: '{"status":"ok"}',
  });
  const ready = await get('/readyz');
  expect(ready.status).toBe(503);
  expect(JSON.parse(ready.body)).toEqual({
    status: 'not ready',
    missing: ['temporal', 'inventory'],
    checks: { temporal: 'not connected yet', kafka: 'ok', inventory: 'connect ECONNREFUSED 127.0.0.1:5432' },
  });
});

test('/readyz is 200 when every check answers; a hung check fails on its deadline, not the request', async () => {
  const readiness = new Readiness(['temporal', 'kafka'], 100);
  readiness.set('temporal', () => Promise.resolve());
  readiness.set('kafka', () => Promise.resolve());
  const get = await serve(readiness);
  expect(await get('/readyz')).toMatchObject({
    status: 200,
    body: '{"status":"ready","checks":{"temporal":"ok","kafka":"ok"}}',
  });
  readiness.set('kafka', () => new Promise<void>(() => {}));
  const began = Date.now();
  const hung = await get('/readyz');
  expect(Date.now() - began).toBeLessThan(2_000);
  expect(hung.status).toBe(503);
  expect(JSON.parse(hung.body)).toMatchObject({
    missing: ['kafka'],
    checks: { kafka: 'kafka check did not answer within 100 ms' },
  });
});

test('a process without dependencies is always ready', async () => {
  const get = await serve(new Readiness([]));
  expect(await get('/readyz')).toMatchObject({ status: 200, body: '{"status":"ready","checks":{}}' });
});

test('/metrics is Prometheus text; unknown paths and other methods are refused', async () => {
  const get = await serve(new Readiness([]));
  const metrics = await get('/metrics');
  expect(metrics.status).toBe(200);
  expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(metrics.body).toContain('# TYPE tco_events_published_total counter');
  expect((await get('/nope')).status).toBe(404);
  expect((await get('/metrics', 'POST')).status).toBe(405);
});

test('with METRICS_ENABLED=false /metrics answers 404 and health stays', async () => {
  const get = await serve(new Readiness([]), createMetrics({ enabled: false, process: 'worker' }));
  expect((await get('/metrics')).status).toBe(404);
  expect((await get('/healthz')).status).toBe(200);
  expect((await get('/readyz')).status).toBe(200);
});

test('a port already in use stops the process with the setting to change', async () => {
  const first = await startOpsServer({
    process: 'worker',
    host: '127.0.0.1',
    port: 0,
    metrics: createMetrics({ enabled: false, process: 'worker' }),
    readiness: new Readiness([]),
    logger,
  });
  servers.push(first);
  await expect(
    startOpsServer({
      process: 'api',
      host: '127.0.0.1',
      port: first.port,
      metrics: createMetrics({ enabled: false, process: 'api' }),
      readiness: new Readiness([]),
      logger,
    }),
  ).rejects.toThrow(/METRICS_PORT\/METRICS_HOST: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
});

test('failure text keeps the dependency and reason but no credentials', () => {
  expect(describeFailure(new Error('connect to postgres://app:s3cret@db:5432/x refused'))).toBe(
    'connect to postgres://***@db:5432/x refused',
  );
  expect(describeFailure(new Error('auth failed password=hunter2 user=x'))).toBe(
    'auth failed password=*** user=x',
  );
  const named = new Error('SASL authentication failed');
  named.name = 'KafkaJSSASLAuthenticationError';
  expect(describeFailure(named)).toBe('KafkaJSSASLAuthenticationError: SASL authentication failed');
  expect(describeFailure(new Error('x'.repeat(500))).length).toBe(200);
});
