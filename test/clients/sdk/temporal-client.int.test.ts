/**
 * TemporalContractsClient used directly, no HTTP: update-with-start onboarding (created once, repeated
 * safely, refused with other terms, refused before Temporal when invalid), actions, a closed contract's
 * number, and Temporal unreachable (503, also through the API, without internals).
 */
import { Client, Connection } from '@temporalio/client';
import { buildApiServer } from '../../../clients/api/server';
import { generateApiKey } from '../../../clients/api/keys';
import { ContractsApiError, PROBLEM_TYPES } from '../../../clients/sdk/api-contract';
import { TemporalContractsClient } from '../../../clients/sdk/temporal';
import { createLogger } from '../../../platform/logger';
import { startApiTestEnv, uniqueSpec, workflowExists, type ApiTestEnv } from '../api/support';

let env: ApiTestEnv;
let direct: TemporalContractsClient;
beforeAll(async () => {
  env = await startApiTestEnv('direct');
  direct = new TemporalContractsClient(env.temporal, { taskQueue: env.taskQueue, requestedBy: 'crm-direct' });
});
afterAll(async () => {
  await env?.stop();
});

async function problemOf(promise: Promise<unknown>) {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContractsApiError);
  return (err as ContractsApiError).problem;
}

test('onboard once, repeat safely, refuse other terms; the memo names the requester', async () => {
  const spec = uniqueSpec('SNSGS2500554EGN00');
  const first = await direct.onboard(spec);
  expect(first).toMatchObject({
    created: true,
    contractNo: spec.contractNo,
    status: { stage: 'qualification' },
  });
  expect((await direct.onboard(spec)).created).toBe(false);
  expect(await problemOf(direct.onboard({ ...spec, title: 'other terms' }))).toMatchObject({
    status: 409,
    type: PROBLEM_TYPES.conflict,
    detail: expect.stringContaining('already exists with a different specification') as string,
  });
  const description = await env.temporal.workflow.getHandle(first.workflowId).describe();
  expect(description.memo).toMatchObject({ requestedBy: 'crm-direct' });
  const listed = await direct.list({ product: 'cloud-call-plus' });
  expect(listed.contracts.map((c) => c.contractNo)).toContain(spec.contractNo);

  const refused = await problemOf(direct.act(spec.contractNo, 'sign-off', { signedBy: 'customer' }));
  expect(refused).toMatchObject({ status: 409, type: PROBLEM_TYPES.wrongStage });
  expect(await problemOf(direct.get('XJJCF2400252EGN00-NOSUCH'))).toMatchObject({ status: 404 });
});

test('an invalid spec is refused with every field before Temporal is asked', async () => {
  const spec = uniqueSpec();
  const problem = await problemOf(direct.onboard({ ...spec, products: [] }));
  expect(problem).toMatchObject({
    status: 400,
    errors: [{ path: 'products', message: 'must list at least one product' }],
  });
  expect(await workflowExists(env, spec.contractNo)).toBe(false);
});

test("a closed contract's number: same terms answer its final status, other terms 409, actions 409", async () => {
  const spec = uniqueSpec();
  await direct.onboard(spec);
  await env.temporal.workflow.getHandle(`contract-${spec.contractNo}`).terminate('test: contract withdrawn');

  const again = await direct.onboard(spec);
  expect(again).toMatchObject({ created: false, contractNo: spec.contractNo });
  expect(await problemOf(direct.onboard({ ...spec, title: 'other terms' }))).toMatchObject({
    status: 409,
    detail: `contract ${spec.contractNo} already ran (now terminated) with a different specification; a contract number is used once`,
  });
  expect(
    await problemOf(direct.act(spec.contractNo, 'approve', { approvedBy: 'reviewer-li' })),
  ).toMatchObject({
    status: 409,
    detail: `approve is refused: contract ${spec.contractNo} is terminated`,
  });
});

test('the HTTP client carries the server’s problem body', async () => {
  const spec = uniqueSpec();
  await env.http('sales').onboard(spec);
  const problem = await problemOf(
    env.http('engineer').act(spec.contractNo, 'sign-off', { signedBy: 'customer' }),
  );
  expect(problem).toEqual({
    type: PROBLEM_TYPES.wrongStage,
    title: 'Action refused',
    status: 409,
    detail: `sign-off is refused: contract ${spec.contractNo} is in stage 'qualification', and sign-off is only possible in 'acceptance'`,
    instance: `/v1/contracts/${spec.contractNo}/actions/sign-off`,
  });
});

test('Temporal unreachable: 503 from the client and from the API, without internals', async () => {
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const unreachable = new TemporalContractsClient(new Client({ connection }), {
    taskQueue: env.taskQueue,
    callTimeoutMs: 1_500,
  });
  const expected = {
    type: PROBLEM_TYPES.unavailable,
    title: 'Service unavailable',
    status: 503,
    detail: 'the workflow service is unreachable; retry the request later',
  };
  expect(await problemOf(unreachable.get('XJJCF2400252EGN00'))).toEqual(expected);

  const { key, record } = generateApiKey('ops', 'admin');
  const app = await buildApiServer({
    contracts: unreachable,
    keys: [record],
    logger: createLogger({ level: 'silent', pretty: false }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  const res = await fetch(`http://127.0.0.1:${address.port}/v1/contracts`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(503);
  expect(await res.json()).toEqual({ ...expected, instance: '/v1/contracts' });
  await app.close();
  await connection.close();
});
