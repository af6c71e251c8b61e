/**
 * The API's metrics over real HTTP: request durations labelled by route template (404s as unmatched),
 * action outcomes by the problem type's code, and never a contract number anywhere in the text.
 */
import pino from 'pino';
import { generateApiKey } from '../../../clients/api/keys';
import { actionOf, refusalReason } from '../../../clients/api/metrics-hooks';
import { buildApiServer } from '../../../clients/api/server';
import { ContractsApiError, PROBLEM_TYPES, type ContractsApi } from '../../../clients/sdk/api-contract';
import { createMetrics } from '../../../platform/observability/metrics';

const CONTRACT_NO = 'XJJCF2400252EGN00';
const { key, record } = generateApiKey('metrics-engineer', 'engineer');

const backend = {
  get: () =>
    Promise.reject(
      new ContractsApiError({
        type: PROBLEM_TYPES.notFound,
        title: 'Not found',
        status: 404,
        detail: 'no such contract',
      }),
    ),
  act: () =>
    Promise.reject(
      new ContractsApiError({
        type: PROBLEM_TYPES.wrongStage,
        title: 'Action refused',
        status: 409,
        detail: `contract ${CONTRACT_NO} is not in qualification`,
      }),
    ),
  inbox: () => Promise.resolve({ items: [] }),
} as unknown as ContractsApi;

test('durations by route template and status; actions by outcome and reason; no contract number', async () => {
  const metrics = createMetrics({ enabled: true, process: 'api' });
  const app = await buildApiServer({
    contracts: () => backend,
    keys: [record],
    logger: pino({ level: 'silent' }),
    metrics,
  });
  // Over a socket, not app.inject: light-my-request's ESM-only cookie does not load under jest.
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  try {
    expect((await fetch(`${base}/v1/contracts/${CONTRACT_NO}`, { headers })).status).toBe(404);
    expect((await fetch(`${base}/v1/inbox`, { headers })).status).toBe(200);
    expect((await fetch(`${base}/no/such/${CONTRACT_NO}`, { headers })).status).toBe(404);
    const approve = await fetch(`${base}/v1/contracts/${CONTRACT_NO}/actions/approve`, {
      method: 'POST',
      headers,
      body: JSON.stringify({}),
    });
    expect(approve.status).toBe(409);
    const unknown = await fetch(`${base}/v1/contracts/${CONTRACT_NO}/actions/${CONTRACT_NO}-action`, {
      method: 'POST',
      headers,
      body: JSON.stringify({}),
    });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    const anonymous = await fetch(`${base}/v1/contracts/${CONTRACT_NO}/actions/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({}),
    });
    expect(anonymous.status).toBe(401);
  } finally {
    await app.close();
  }
  const text = await metrics.render();
  const count = (route: string, status: number) =>
    `tco_http_request_duration_seconds_count{method="GET",route="${route}",status="${status}"} 1`;
  expect(text).toContain(count('/v1/contracts/:contractNo', 404));
  expect(text).toContain(count('/v1/inbox', 200));
  expect(text).toContain(count('unmatched', 404));
  expect(text).toContain('tco_actions_total{action="approve",outcome="refused",reason="action-refused"} 1');
  expect(text).toContain('tco_actions_total{action="approve",outcome="refused",reason="unauthenticated"} 1');
  expect(text).toMatch(/tco_actions_total\{action="unknown",outcome="refused",reason="[a-z-]+"\} 1/);
  expect(text).not.toContain(CONTRACT_NO);
  expect(text).not.toContain('metrics-engineer');
});

test('which routes are actions, and the bounded reason of a refusal', () => {
  expect(actionOf('POST', '/v1/contracts')).toBe('onboard');
  expect(actionOf('POST', '/v1/contracts/:contractNo/actions/sign-off')).toBe('sign-off');
  expect(actionOf('POST', '/v1/contracts/:contractNo/actions/:action')).toBe('unknown');
  expect(actionOf('GET', '/v1/contracts')).toBeUndefined();
  expect(actionOf('POST', undefined)).toBeUndefined();
  expect(refusalReason(200, undefined)).toBe('none');
  expect(refusalReason(201, undefined)).toBe('none');
  expect(refusalReason(409, PROBLEM_TYPES.conflict)).toBe('conflict');
  expect(refusalReason(400, PROBLEM_TYPES.invalidRequest)).toBe('invalid-request');
  expect(refusalReason(503, PROBLEM_TYPES.unavailable)).toBe('unavailable');
  expect(refusalReason(500, 'about:blank')).toBe('internal');
  expect(refusalReason(418, 'https://example.com/free text')).toBe('other');
});
