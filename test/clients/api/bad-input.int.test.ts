/**
 * Bad input is refused with the exact status and problem body, before anything reaches a workflow:
 * missing, extra and mistyped fields in a contract spec and in action bodies, the wrong stage (the
 * workflow validator's message), unknown contracts, routes and actions, wrong content types, oversized
 * and malformed bodies. Onboarding is idempotent by contract number.
 */
import type { ContractSpec } from '../../../domain/contract-spec';
import { PROBLEM_TYPES } from '../../../clients/sdk/api-contract';
import { specHash } from '../../../clients/sdk/spec-hash';
import { waitFor } from '../../support/wait';
import { call, startApiTestEnv, uniqueSpec, workflowExists, type ApiTestEnv } from './support';

let env: ApiTestEnv;
let spec: ContractSpec; // onboarded by the sales key, in qualification
beforeAll(async () => {
  env = await startApiTestEnv('input');
  spec = uniqueSpec();
  await env.http('sales').onboard(spec);
});
afterAll(async () => {
  await env?.stop();
});

const invalid = (path: string, detail: string, errors: Array<{ path: string; message: string }>) => ({
  type: PROBLEM_TYPES.invalidRequest,
  title: 'Invalid request',
  status: 400,
  detail,
  errors,
  instance: path,
});

describe('a contract spec with bad fields', () => {
  test('missing, extra and mistyped fields: 400 listing every one, and nothing starts', async () => {
    const fresh = uniqueSpec();
    const { title: _title, ...withoutTitle } = fresh;
    const body = {
      ...withoutTitle,
      extra: 1,
      signedDate: 20240401,
      clauses: { ...fresh.clauses, term: { ...fresh.clauses.term, bogus: true } },
      lineItems: fresh.lineItems.map((l, i) => (i === 0 ? { ...l, quantity: 'one' } : l)),
    };
    const res = await call(env, 'POST', '/v1/contracts', { key: 'sales', body });
    expect(res.status).toBe(400);
    expect(res.contentType).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(
      invalid('/v1/contracts', 'the contract specification has 5 invalid field(s)', [
        { path: 'title', message: 'is required' },
        { path: 'signedDate', message: 'must be a date YYYY-MM-DD' },
        { path: 'lineItems.0.quantity', message: 'must be number' },
        { path: 'clauses.term.bogus', message: 'is not a known field' },
        { path: 'extra', message: 'is not a known field' },
      ]),
    );
    expect(await workflowExists(env, fresh.contractNo)).toBe(false);
  });

  test.each([
    ['an array', '[1]'],
    ['a string', '"XJJCF"'],
  ])('a body that is %s: 400 at the root', async (_what, rawBody) => {
    const res = await call(env, 'POST', '/v1/contracts', {
      key: 'sales',
      rawBody,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.body).toEqual(
      invalid('/v1/contracts', 'the contract specification has 1 invalid field(s)', [
        { path: '(root)', message: 'must be object' },
      ]),
    );
  });
});

describe('refused bodies start nothing', () => {
  test.each([
    [
      'text/plain',
      415,
      PROBLEM_TYPES.unsupportedMediaType,
      'Unsupported media type',
      'send the body as application/json',
    ],
    [
      'application/x-www-form-urlencoded',
      415,
      PROBLEM_TYPES.unsupportedMediaType,
      'Unsupported media type',
      'send the body as application/json',
    ],
  ])('content type %s → %i', async (contentType, status, type, title, detail) => {
    const fresh = uniqueSpec();
    const res = await call(env, 'POST', '/v1/contracts', {
      key: 'sales',
      rawBody: JSON.stringify(fresh),
      headers: { 'content-type': contentType },
    });
    expect(res).toMatchObject({ status, body: { type, title, status, detail, instance: '/v1/contracts' } });
    expect(await workflowExists(env, fresh.contractNo)).toBe(false);
  });

  test('a body over 256 KiB → 413', async () => {
    const fresh = uniqueSpec();
    const padded = {
      ...fresh,
      assumptions: Array.from({ length: 200 }, (_, i) => ({ path: `p${i}`, note: 'x'.repeat(1500) })),
    };
    const res = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: padded });
    expect(res.body).toEqual({
      type: PROBLEM_TYPES.payloadTooLarge,
      title: 'Payload too large',
      status: 413,
      detail: 'the request body exceeds the size limit',
      instance: '/v1/contracts',
    });
    expect(await workflowExists(env, fresh.contractNo)).toBe(false);
  });

  test('malformed JSON → 400', async () => {
    const res = await call(env, 'POST', '/v1/contracts', {
      key: 'sales',
      rawBody: '{"contractNo": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.body).toEqual({
      type: PROBLEM_TYPES.invalidRequest,
      title: 'Invalid request',
      status: 400,
      detail: 'the body is not valid JSON',
      instance: '/v1/contracts',
    });
  });
});

describe('onboarding is idempotent by contract number', () => {
  test('the same spec again: 200, not created; a different spec: 409 and the contract is unchanged', async () => {
    const before = await env.temporal.workflow.getHandle(`contract-${spec.contractNo}`).describe();
    const again = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: spec });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      created: false,
      contractNo: spec.contractNo,
      status: { stage: 'qualification' },
    });

    const changed = { ...spec, title: `${spec.title} (amended)` };
    const refused = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: changed });
    expect(refused.body).toEqual({
      type: PROBLEM_TYPES.conflict,
      title: 'Conflict',
      status: 409,
      detail: `contract ${spec.contractNo} already exists with a different specification; change the contract number or amend the running contract`,
      instance: '/v1/contracts',
    });
    const after = await env.temporal.workflow.getHandle(`contract-${spec.contractNo}`).describe();
    expect(after.runId).toBe(before.runId);
    expect(after.memo).toMatchObject({ specHash: specHash(spec) });
    expect((await env.http('sales').get(spec.contractNo)).customerName).toBe(spec.parties.customer.name);
  });

  test('a retry with the same Idempotency-Key still answers 201 created', async () => {
    const fresh = uniqueSpec();
    const headers = { 'idempotency-key': `crm-${fresh.contractNo}` };
    const first = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: fresh, headers });
    const retry = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: fresh, headers });
    const other = await call(env, 'POST', '/v1/contracts', { key: 'sales', body: fresh });
    expect([first.status, retry.status, other.status]).toEqual([201, 201, 200]);
    expect([first.body.created, retry.body.created, other.body.created]).toEqual([true, true, false]);
  });
});

describe('actions', () => {
  const path = () => `/v1/contracts/${spec.contractNo}/actions`;

  test.each([
    // The actor (rejectedBy) is not among them: the API fills it from the key.
    [
      'missing',
      'reject',
      {},
      'reject: invalid input: reason: is required',
      [{ path: 'reason', message: 'is required' }],
    ],
    [
      'extra',
      'approve',
      { approvedBy: 'reviewer-li', approvedAt: 'now' },
      'approve: invalid input: approvedAt: is not a known field',
      [{ path: 'approvedAt', message: 'is not a known field' }],
    ],
    [
      'mistyped',
      'confirm-installation',
      { lineIndex: 'one', circuitId: 'CIR-1', testedBy: 'engineer-wang' },
      'confirm-installation: invalid input: lineIndex: must be number',
      [{ path: 'lineIndex', message: 'must be number' }],
    ],
  ])('%s fields: 400 with every path', async (_what, action, body, detail, errors) => {
    const res = await call(env, 'POST', `${path()}/${action}`, { key: 'engineer', body });
    expect(res.body).toEqual(invalid(`${path()}/${action}`, detail, errors));
  });

  test("the wrong stage: 409 with the workflow validator's message", async () => {
    const res = await call(env, 'POST', `${path()}/sign-off`, {
      key: 'engineer',
      body: { signedBy: 'customer-zhang' },
    });
    expect(res.body).toEqual({
      type: PROBLEM_TYPES.wrongStage,
      title: 'Action refused',
      status: 409,
      detail: `sign-off is refused: contract ${spec.contractNo} is in stage 'qualification', and sign-off is only possible in 'acceptance'`,
      instance: `${path()}/sign-off`,
    });
  });

  test("the action's own rule: approving with documents missing is refused", async () => {
    const res = await call(env, 'POST', `${path()}/approve`, {
      key: 'engineer',
      body: { approvedBy: 'reviewer-li' },
    });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/^approve is refused: .*business-licence/);
    expect((await env.http('engineer').get(spec.contractNo)).stage).toBe('qualification');
  });

  test('an unknown action: 400 naming the known ones', async () => {
    const res = await call(env, 'POST', `${path()}/cancel`, { key: 'engineer', body: {} });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'action', message: expect.stringMatching(/^must be one of: "submit-document", /) },
    ]);
  });
});

describe('unknown things', () => {
  const missing = 'XJJCF2400252EGN00-NOSUCH';
  test.each([
    ['GET', `/v1/contracts/${missing}`, undefined],
    ['GET', `/v1/contracts/${missing}/events`, undefined],
    ['POST', `/v1/contracts/${missing}/actions/approve`, { approvedBy: 'reviewer-li' }],
  ])('%s %s → 404', async (method, url, body) => {
    const res = await call(env, method, url, { key: 'admin', body });
    expect(res.body).toEqual({
      type: PROBLEM_TYPES.notFound,
      title: 'Contract not found',
      status: 404,
      detail: `no contract ${missing}`,
      instance: url,
    });
  });

  test('an unknown route → 404 problem', async () => {
    const res = await call(env, 'GET', '/v1/contract', { key: 'admin' });
    expect(res.body).toEqual({
      type: PROBLEM_TYPES.notFound,
      title: 'Not found',
      status: 404,
      detail: 'no route GET /v1/contract',
      instance: '/v1/contract',
    });
  });

  test('a malformed contract number and list query → 400 with each parameter', async () => {
    const badNo = await call(env, 'GET', '/v1/contracts/bad_no', { key: 'admin' });
    expect(badNo.body.errors).toEqual([
      { path: 'contractNo', message: 'must be 1-64 letters, digits or dashes' },
    ]);
    const badQuery = await call(env, 'GET', '/v1/contracts?stage=signed&limit=0&owner=me', { key: 'admin' });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors?.map((e) => e.path).sort()).toEqual(['limit', 'owner', 'stage']);
  });
});

describe('listing in pages', () => {
  test('limit and nextPageToken walk the contracts without repeats; a forged token is refused', async () => {
    const sales = env.http('sales');
    await sales.onboard(uniqueSpec('JSCZE2208138CGN00')); // with the two above: three, so pages of two
    // Visibility is eventually consistent: wait until this file's contracts are all listed.
    const all = await waitFor('every contract of this file in the list', async () => {
      const page = await sales.list({ limit: 100 });
      return page.contracts.length >= 3 ? page.contracts.map((c) => c.contractNo) : undefined;
    });
    const walked: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await sales.list({ limit: 2, pageToken });
      expect(page.contracts.length).toBeLessThanOrEqual(2);
      walked.push(...page.contracts.map((c) => c.contractNo));
      pageToken = page.nextPageToken;
    } while (pageToken);
    expect(walked).toEqual(all);

    const forged = await call(env, 'GET', '/v1/contracts?pageToken=forged', { key: 'sales' });
    expect(forged.body).toEqual(
      invalid('/v1/contracts', 'invalid page token', [
        { path: 'pageToken', message: 'is not a token this API issued' },
      ]),
    );
  });
});
