/**
 * The API's boundary (issue #15, items 4 and 7), found by an independent fuzzer: list filters the
 * visibility query cannot take are refused at once; amounts past safe integers are a 400, not a 500;
 * another key's Idempotency-Key or contract number gets one neutral 409 that tells nothing about that
 * contract (not its terms, not its state); unknown methods on known paths are 405 with Allow; and every
 * refusal is logged with its request id, key id and cause chain, never the key.
 */
import { PROBLEM_TYPES } from '../../../clients/sdk/api-contract';
import type { ContractSpec } from '../../../domain/contract-spec';
import { waitFor } from '../../support/wait';
import { call, startApiTestEnv, uniqueSpec, workflowExists, type ApiTestEnv } from './support';

let env: ApiTestEnv;
beforeAll(async () => {
  env = await startApiTestEnv('boundary');
});
afterAll(async () => {
  await env?.stop();
});

describe('list filters the visibility query cannot take', () => {
  test.each([
    ['NUL', encodeURIComponent('Acme\u0000')],
    ['ESC (a terminal escape)', encodeURIComponent('Acme\u001b[2J')],
    ['a bidi override', encodeURIComponent('Acme\u202e')],
    ['DEL', encodeURIComponent('Acme\u007f')],
  ])('%s in customer: 400 at once naming the field and the rule', async (_what, customer) => {
    const started = Date.now();
    const res = await call(env, 'GET', `/v1/contracts?customer=${customer}`, { key: 'admin' });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      {
        path: 'customer',
        message: 'must be plain text: no control characters, NUL, bidi controls or lone surrogates',
      },
    ]);
    expect(Date.now() - started).toBeLessThan(2000); // never reached Temporal (NUL took 21 s there)
  });

  test('a lone surrogate (it cannot travel in a URL, but can through the typed client): 400', async () => {
    await expect(env.contracts.list({ customer: 'Acme\ud800' })).rejects.toMatchObject({
      problem: {
        status: 400,
        errors: [
          {
            path: 'customer',
            message: 'must be plain text: no control characters, NUL, bidi controls or lone surrogates',
          },
        ],
      },
    });
  });

  test('quotes, backslashes and LIKE wildcards are ordinary characters of a name prefix', async () => {
    for (const customer of ["O'Brien", 'a\\b', '100%_"x"']) {
      const res = await call(env, 'GET', `/v1/contracts?customer=${encodeURIComponent(customer)}`, {
        key: 'admin',
      });
      expect({ customer, status: res.status, body: res.body }).toEqual({
        customer,
        status: 200,
        body: { contracts: [] },
      });
    }
  });
});

describe('huge amounts and quantities', () => {
  test.each([
    ['quantity', { quantity: Number.MAX_SAFE_INTEGER }],
    ['unit price', { unitPriceFen: Number.MAX_SAFE_INTEGER }],
  ])('a %s whose sums pass 2^53: 400, and nothing starts', async (_what, patch) => {
    const spec = uniqueSpec();
    const huge = { ...spec, lineItems: spec.lineItems.map((l) => ({ ...l, ...patch })) };
    const res = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: huge });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: PROBLEM_TYPES.invalidRequest, status: 400 });
    expect(res.body.errors?.length).toBeGreaterThan(0);
    expect(await workflowExists(env, spec.contractNo)).toBe(false);
  });
});

describe("another key's contract number and Idempotency-Key", () => {
  let spec: ContractSpec;
  const idempotencyKey = () => ({ 'idempotency-key': `crm-${spec.contractNo}` });
  const neutral = () => ({
    type: PROBLEM_TYPES.conflict,
    title: 'Conflict',
    status: 409,
    detail: `contract number ${spec.contractNo} is not available to this key`,
    instance: '/v1/contracts',
  });
  beforeAll(async () => {
    spec = uniqueSpec();
    const first = await call(env, 'POST', '/v1/contracts', {
      key: 'sales',
      body: spec,
      headers: idempotencyKey(),
    });
    expect(first.status).toBe(201);
  });

  test("replaying the owner's Idempotency-Key with the same spec: the neutral 409, not the contract", async () => {
    const replay = await call(env, 'POST', '/v1/contracts', {
      key: 'sales2',
      body: spec,
      headers: idempotencyKey(),
    });
    expect(replay).toMatchObject({ status: 409, body: neutral() });
    expect(replay.body).toEqual(neutral());
    // The owner's own retry still answers as before.
    const own = await call(env, 'POST', '/v1/contracts', {
      key: 'sales',
      body: spec,
      headers: idempotencyKey(),
    });
    expect(own).toMatchObject({ status: 201, body: { created: true, contractNo: spec.contractNo } });
  });

  test('same terms, other terms, running or closed: one answer that tells nothing', async () => {
    const other = { ...spec, title: `${spec.title} (other terms)` };
    const running = [
      await call(env, 'POST', '/v1/contracts', { key: 'sales2', body: spec }),
      await call(env, 'POST', '/v1/contracts', { key: 'sales2', body: other }),
    ];
    await env.temporal.workflow.getHandle(`contract-${spec.contractNo}`).terminate('test: closed');
    const closed = [
      await call(env, 'POST', '/v1/contracts', { key: 'sales2', body: spec }),
      await call(env, 'POST', '/v1/contracts', { key: 'sales2', body: other }),
      await call(env, 'POST', '/v1/contracts', { key: 'sales2', body: spec, headers: idempotencyKey() }),
    ];
    for (const res of [...running, ...closed])
      expect(res).toEqual({ status: 409, contentType: expect.any(String), body: neutral() });
    // The owner still hears the real reason.
    const owner = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: other });
    expect(owner.body.detail).toMatch(/already ran \(now terminated\) with a different specification/);
  });
});

describe('unknown methods on known paths', () => {
  test.each([
    ['DELETE', '/v1/contracts', 'GET, HEAD, POST'],
    ['PUT', '/v1/contracts/XJJCF2400252EGN00', 'GET, HEAD'],
    ['PATCH', '/v1/contracts/XJJCF2400252EGN00/events', 'GET, HEAD'],
    ['GET', '/v1/contracts/XJJCF2400252EGN00/actions/approve', 'POST'],
    ['DELETE', '/v1/inbox', 'GET, HEAD'],
  ])('%s %s → 405 with Allow: %s', async (method, path, allow) => {
    const response = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${env.keys.admin}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toEqual({
      type: PROBLEM_TYPES.methodNotAllowed,
      title: 'Method not allowed',
      status: 405,
      detail: `${method} is not allowed here; allowed: ${allow}`,
      instance: path,
    });
  });
});

describe('refusals are logged with their cause', () => {
  test('a 409 from the workflow: warn, request id, key id, problem type and the cause chain', async () => {
    const spec = uniqueSpec();
    await env.http('sales').onboard(spec);
    const before = env.logLines.length;
    const res = await call(env, 'POST', `/v1/contracts/${spec.contractNo}/actions/sign-off`, {
      key: 'engineer',
      body: { signedBy: 'customer-zhang' },
    });
    expect(res.status).toBe(409);
    const line = await waitFor('the refusal log line', () =>
      env.logLines.slice(before).find((l) => l.msg === 'request' && l.status === 409),
    );
    expect(line).toMatchObject({
      level: 40,
      requestId: expect.any(String),
      keyId: env.records.find((r) => r.role === 'engineer')!.id,
      problem: { type: PROBLEM_TYPES.wrongStage, title: 'Action refused' },
      contractNo: spec.contractNo,
    });
    const causes = line.causes as Array<{ name: string; message: string; stack?: string }>;
    expect(causes.map((c) => c.name)).toEqual(
      expect.arrayContaining(['ContractsApiError', 'WorkflowUpdateFailedError']),
    );
    expect(causes.at(-1)?.message).toMatch(/sign-off is refused/);
    expect(causes.every((c) => c.stack === undefined)).toBe(true); // stacks only for a 5xx
    const everything = JSON.stringify(env.logLines);
    for (const key of Object.values(env.keys))
      expect(everything).not.toContain(key.split('_').slice(2).join('_'));
  });

  test('a 400: the fields and rules, not the values sent', async () => {
    const before = env.logLines.length;
    await call(env, 'GET', `/v1/contracts?customer=${encodeURIComponent('Zhang San\u0000')}`, {
      key: 'admin',
    });
    const line = await waitFor('the 400 log line', () =>
      env.logLines.slice(before).find((l) => l.msg === 'request' && l.status === 400),
    );
    expect(line).toMatchObject({
      level: 40,
      requestId: expect.any(String),
      fields: [expect.stringMatching(/^customer: must be plain text/)],
    });
    expect(JSON.stringify(env.logLines.slice(before))).not.toContain('Zhang San');
  });
});
