/**
 * Who may call what: every route of ROUTE_ROLES × every role (allowed → the route's answer, otherwise
 * 403), every way a key can be wrong (401), sales keys scoped to their own contracts (others' are 404),
 * the public routes (health, OpenAPI, docs served locally), and the request log (key id, never the key).
 */
import {
  PROBLEM_TYPES,
  ROLES,
  ROUTE_ROLES,
  type Role,
  type RouteKey,
} from '../../../clients/sdk/api-contract';
import { ACTION_NAMES } from '../../../domain/lifecycle/actions';
import type { ContractSpec } from '../../../domain/contract-spec';
import { waitFor } from '../../support/wait';
import { call, startApiTestEnv, uniqueSpec, type ApiTestEnv } from './support';

let env: ApiTestEnv;
let spec: ContractSpec;
beforeAll(async () => {
  env = await startApiTestEnv('roles');
  spec = uniqueSpec();
  await env.http('sales').onboard(spec);
});
afterAll(async () => {
  await env?.stop();
});

/** One request per route, on the contract the sales key onboarded, and what an allowed role gets. */
const ROUTE_CALLS: Record<
  RouteKey,
  { method: string; path: () => string; body?: () => unknown; allowed: number }
> = {
  // The same spec again: idempotent, not created.
  'POST /v1/contracts': { method: 'POST', path: () => '/v1/contracts', body: () => spec, allowed: 200 },
  'GET /v1/contracts': { method: 'GET', path: () => '/v1/contracts', allowed: 200 },
  'GET /v1/contracts/:contractNo': {
    method: 'GET',
    path: () => `/v1/contracts/${spec.contractNo}`,
    allowed: 200,
  },
  'GET /v1/contracts/:contractNo/events': {
    method: 'GET',
    path: () => `/v1/contracts/${spec.contractNo}/events`,
    allowed: 200,
  },
  // Sign-off during qualification: authorised, then refused by the workflow's validator.
  'POST /v1/contracts/:contractNo/actions/:action': {
    method: 'POST',
    path: () => `/v1/contracts/${spec.contractNo}/actions/sign-off`,
    body: () => ({ signedBy: 'customer-zhang' }),
    allowed: 409,
  },
  'GET /v1/inbox': { method: 'GET', path: () => '/v1/inbox', allowed: 200 },
  'GET /v1/obligations': { method: 'GET', path: () => '/v1/obligations', allowed: 200 },
  'GET /v1/me': { method: 'GET', path: () => '/v1/me', allowed: 200 },
};
const ROUTES = Object.keys(ROUTE_ROLES) as RouteKey[];

describe.each(ROUTES)('%s', (route) => {
  const { method, path, body, allowed } = ROUTE_CALLS[route];
  const roles: readonly Role[] = ROUTE_ROLES[route];

  test.each(ROLES.map((role) => [role, roles.includes(role) ? allowed : 403] as const))(
    'role %s → %i',
    async (role, expected) => {
      const res = await call(env, method, path(), { key: role, body: body?.() });
      expect(res.status).toBe(expected);
      if (expected === 403) {
        expect(res.contentType).toMatch(/^application\/problem\+json/);
        expect(res.body).toEqual({
          type: PROBLEM_TYPES.forbidden,
          title: 'Forbidden',
          status: 403,
          detail: `role '${role}' may not call ${route}; allowed: ${roles.join(', ')}`,
          instance: path(),
        });
      }
    },
  );

  const keyFailures: Array<[string, () => { rawKey?: string; key?: null | 'revoked' }, string]> = [
    [
      'no key',
      () => ({ key: null }),
      'send an API key as "Authorization: Bearer <key>" or "X-API-Key: <key>"',
    ],
    ['a wrong secret', () => ({ rawKey: `${env.keys.admin.slice(0, -4)}AAAA` }), 'the API key is not valid'],
    [
      'an unknown key id',
      () => ({ rawKey: env.keys.admin.replace(/^tco_[^_]+_/, 'tco_nobody_') }),
      'the API key is not valid',
    ],
    ['a malformed key', () => ({ rawKey: 'not-a-key' }), 'the API key is not valid'],
    ['a revoked key', () => ({ key: 'revoked' }), 'the API key is revoked'],
  ];
  test.each(keyFailures)('%s → 401', async (_what, key, detail) => {
    const res = await call(env, method, path(), { ...key(), body: body?.() });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      type: PROBLEM_TYPES.unauthenticated,
      title: 'Unauthenticated',
      status: 401,
      detail,
      instance: path(),
    });
  });
});

test('X-API-Key works like the bearer header', async () => {
  const res = await call(env, 'GET', `/v1/contracts/${spec.contractNo}`, {
    key: null,
    headers: { 'x-api-key': env.keys.billing },
  });
  expect(res.status).toBe(200);
  expect(res.body.contractNo).toBe(spec.contractNo);
});

test("a sales key sees only its own contracts: another's is 404, absent from its list, and its number taken", async () => {
  const notFound = {
    type: PROBLEM_TYPES.notFound,
    title: 'Contract not found',
    status: 404,
    detail: `no contract ${spec.contractNo}`,
  };
  for (const suffix of ['', '/events']) {
    const res = await call(env, 'GET', `/v1/contracts/${spec.contractNo}${suffix}`, { key: 'sales2' });
    expect(res).toMatchObject({
      status: 404,
      body: { ...notFound, instance: `/v1/contracts/${spec.contractNo}${suffix}` },
    });
  }
  const mine = await env.http('sales').list();
  const theirs = await env.http('sales2').list();
  expect(mine.contracts.map((c) => c.contractNo)).toContain(spec.contractNo);
  expect(theirs.contracts.map((c) => c.contractNo)).not.toContain(spec.contractNo);

  const again = await call(env, 'POST', '/v1/contracts', { key: 'sales2', body: spec });
  expect(again).toMatchObject({
    status: 409,
    body: {
      type: PROBLEM_TYPES.conflict,
      detail: `contract number ${spec.contractNo} is not available to this key`,
    },
  });
  expect(again.body).not.toHaveProperty('status.stage');
});

test('health, the OpenAPI document and the docs page are public; the docs assets are served locally', async () => {
  expect(await call(env, 'GET', '/healthz', { key: null })).toMatchObject({
    status: 200,
    body: { status: 'ok' },
  });
  const doc = await call(env, 'GET', '/openapi.json', { key: null });
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toBe('3.1.0');
  const paths = Object.keys(doc.body.paths as object);
  const documented = ROUTES.filter((r) => !r.endsWith(':action')).map((r) =>
    r.split(' ')[1]!.replace(/:(\w+)/g, '{$1}'),
  );
  expect(paths).toEqual(
    expect.arrayContaining([
      ...documented,
      ...ACTION_NAMES.map((a) => `/v1/contracts/{contractNo}/actions/${a}`),
    ]),
  );
  const page = await fetch(`${env.baseUrl}/docs`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('/docs/static/swagger-ui-bundle.js');
  const asset = await fetch(`${env.baseUrl}/docs/static/swagger-ui-bundle.js`);
  expect(asset.status).toBe(200);
});

test('every request is logged with its key id, route, status and duration — never the key', async () => {
  const before = env.logLines.length;
  await call(env, 'GET', `/v1/contracts/${spec.contractNo}`, { key: 'engineer' });
  // Lines of earlier requests (a streamed docs asset) may still arrive: find this request's line.
  const line = await waitFor('the request log line', () =>
    env.logLines.slice(before).find((l) => l.msg === 'request' && l.route === '/v1/contracts/:contractNo'),
  );
  expect(line).toMatchObject({
    keyId: env.records.find((r) => r.role === 'engineer')!.id,
    role: 'engineer',
    method: 'GET',
    route: '/v1/contracts/:contractNo',
    status: 200,
    contractNo: spec.contractNo,
  });
  expect(typeof line?.durationMs).toBe('number');
  const everything = JSON.stringify(env.logLines);
  for (const key of Object.values(env.keys))
    expect(everything).not.toContain(key.split('_').slice(2).join('_'));
  expect(env.logLines.filter((l) => l.msg === 'request').length).toBeGreaterThan(
    ROUTES.length * ROLES.length,
  );
});
