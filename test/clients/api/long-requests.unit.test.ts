/**
 * Long request lines (#15, found by Schemathesis's long run): a query value over its documented maximum
 * used to meet Node's 16 KiB header limit and get the HTTP parser's bare 431, an undocumented status
 * that is not a refusal of the field. It now reaches validation (400 naming the field), and only a
 * request over MAX_HEADER_BYTES gets a 431 — as a documented problem.
 */
import { request as httpRequest } from 'node:http';
import pino from 'pino';
import { generateApiKey } from '../../../clients/api/keys';
import { buildApiServer, MAX_HEADER_BYTES } from '../../../clients/api/server';
import type { ContractsApi } from '../../../clients/sdk/api-contract';

const { key, record } = generateApiKey('long-admin', 'admin');
const backend = new Proxy({} as ContractsApi, { get: () => () => Promise.resolve({ contracts: [] }) });

async function get(path: string): Promise<{ status: number; type: string; body: Record<string, unknown> }> {
  const app = await buildApiServer({
    contracts: () => backend,
    keys: [record],
    logger: pino({ level: 'silent' }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  try {
    // node:http rather than fetch: fetch refuses nothing, but keeps the test independent of undici limits.
    return await new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          headers: { authorization: `Bearer ${key}` },
          maxHeaderSize: 1 << 20,
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              type: String(res.headers['content-type']),
              body: JSON.parse(text) as Record<string, unknown>,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
  } finally {
    await app.close();
  }
}

// 2,001 four-byte characters, %-encoded: about 24 KB of request line, over Node's default 16 KiB.
const overLongToken = encodeURIComponent('\u{1F600}'.repeat(2001));

test('given a pageToken one character over its 2,000 maximum, written in 4-byte characters, then 400 names pageToken', async () => {
  expect(overLongToken.length).toBeGreaterThan(16 * 1024);
  const res = await get(`/v1/contracts?pageToken=${overLongToken}`);
  expect(res.status).toBe(400);
  expect(res.type).toMatch(/^application\/problem\+json/);
  expect(res.body.errors).toEqual([expect.objectContaining({ path: 'pageToken' })]);
});

test('given a request line over MAX_HEADER_BYTES, then 431 as a problem, not the parser’s bare answer', async () => {
  const res = await get(`/v1/contracts?pageToken=${'a'.repeat(MAX_HEADER_BYTES)}`);
  expect(res.status).toBe(431);
  expect(res.type).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 431, type: '/problems/request-headers-too-large' });
});
