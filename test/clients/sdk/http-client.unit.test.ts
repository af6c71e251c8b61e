/** HttpContractsClient against a stubbed fetch: what it sends, and every way a response can go wrong. */
import { ContractsApiError, PROBLEM_TYPES } from '../../../clients/sdk/api-contract';
import { HttpContractsClient } from '../../../clients/sdk/http';

interface Sent {
  url: string;
  init: RequestInit;
}

function clientAnswering(answer: () => Response | Promise<Response>) {
  const sent: Sent[] = [];
  const fetchStub = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return answer();
  }) as unknown as typeof fetch;
  return {
    sent,
    client: new HttpContractsClient({
      baseUrl: 'https://api.example.net/',
      apiKey: 'tco_crm_s3cret',
      fetch: fetchStub,
    }),
  };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

async function failure(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContractsApiError);
  return (err as ContractsApiError).problem;
}

test('requests carry the bearer key, JSON bodies, the idempotency key and encoded filters', async () => {
  const { client, sent } = clientAnswering(() => json(200, { contracts: [] }));
  await client.list({ customer: '沙雅县 公安', stage: 'active', limit: 5 });
  expect(sent[0]!.url).toBe(
    'https://api.example.net/v1/contracts?customer=%E6%B2%99%E9%9B%85%E5%8E%BF+%E5%85%AC%E5%AE%89&stage=active&limit=5',
  );
  expect(sent[0]!.init.headers).toMatchObject({ authorization: 'Bearer tco_crm_s3cret' });
  await failure(client.onboard({ contractNo: 'X' } as never, { requestId: 'req-1' }));
  expect(sent[1]!.init).toMatchObject({
    method: 'POST',
    body: '{"contractNo":"X"}',
    headers: { 'content-type': 'application/json', 'Idempotency-Key': 'req-1' },
  });
});

test("the server's problem body is thrown as it is", async () => {
  const problem = {
    type: PROBLEM_TYPES.notFound,
    title: 'Contract not found',
    status: 404,
    detail: 'no contract X',
  };
  const { client } = clientAnswering(() => json(404, problem, 'application/problem+json'));
  expect(await failure(client.get('X'))).toEqual(problem);
});

test('an error without a problem body (a proxy page) keeps its status', async () => {
  const { client } = clientAnswering(
    () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
  );
  expect(await failure(client.inbox())).toEqual({
    type: PROBLEM_TYPES.unavailable,
    title: 'Bad Gateway',
    status: 502,
    detail: 'GET /v1/inbox answered 502',
  });
});

test('a 200 that breaks the API contract is refused, not passed on', async () => {
  const { client } = clientAnswering(() => json(200, { contractNo: 'X', stage: 'dancing' }));
  expect(await failure(client.get('X'))).toMatchObject({ status: 502, title: 'Unexpected response' });
});

test('a network failure is a 503 problem', async () => {
  const { client } = clientAnswering(() => Promise.reject(new TypeError('fetch failed')));
  expect(await failure(client.events('X'))).toEqual({
    type: PROBLEM_TYPES.unavailable,
    title: 'Service unavailable',
    status: 503,
    detail: 'GET /v1/contracts/X/events: fetch failed',
  });
});

test('act sends the Idempotency-Key it is given, obligations its filters, me the key; actor may be left out', async () => {
  const { client, sent } = clientAnswering(() => json(200, {}));
  await failure(client.act('A-1', 'claim', { obligationId: 'line:3' }, { requestId: 'claim-1' }));
  expect(sent[0]!.url).toBe('https://api.example.net/v1/contracts/A-1/actions/claim');
  expect(sent[0]!.init).toMatchObject({
    method: 'POST',
    body: '{"obligationId":"line:3"}',
    headers: { 'Idempotency-Key': 'claim-1' },
  });
  await failure(client.act('A-1', 'approve', {}));
  expect(sent[1]!.init.headers).not.toHaveProperty('Idempotency-Key');
  await failure(
    client.obligations({ region: '江苏省', assignee: 'mine', dueBefore: '2026-12-31', limit: 5 }),
  );
  expect(sent[2]!.url).toBe(
    'https://api.example.net/v1/obligations?region=%E6%B1%9F%E8%8B%8F%E7%9C%81&assignee=mine&dueBefore=2026-12-31&limit=5',
  );
  const { client: me, sent: meSent } = clientAnswering(() =>
    json(200, { keyId: 'eng-1', role: 'engineer', mayAct: true, parties: ['engineer'] }),
  );
  expect(await me.me()).toEqual({ keyId: 'eng-1', role: 'engineer', mayAct: true, parties: ['engineer'] });
  expect(meSent[0]!.url).toBe('https://api.example.net/v1/me');
});
