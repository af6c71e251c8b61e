/**
 * Failures the backend did not foresee: the caller gets a bare problem (a schema check that escaped a
 * handler is still a 400, anything else a 500 with no internals), and the log line has the whole cause
 * chain (name, message; the stack for a 5xx) with the request id and key id — never the key.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { z } from 'zod';
import { generateApiKey } from '../../../clients/api/keys';
import { buildApiServer } from '../../../clients/api/server';
import type { ContractsApi } from '../../../clients/sdk/api-contract';

const { key, record } = generateApiKey('errors-admin', 'admin');
let failure: Error;
const backend = new Proxy({} as ContractsApi, { get: () => () => Promise.reject(failure) });

async function request(): Promise<{ status: number; body: unknown; lines: Array<Record<string, unknown>> }> {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const app = await buildApiServer({
    contracts: () => backend,
    keys: [record],
    logger: pino({ level: 'info' }, sink),
  });
  // Over a socket, not app.inject: light-my-request's ESM-only cookie does not load under jest.
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const res = await fetch(`http://127.0.0.1:${port}/v1/contracts/XJJCF1`, {
    headers: { authorization: `Bearer ${key}` },
  });
  const body: unknown = await res.json();
  await app.close();
  return { status: res.status, body, lines };
}

test('an unexpected error: 500 without internals; logged at error with the cause chain and stacks', async () => {
  failure = new Error('visibility store query failed', {
    cause: new TypeError('cannot read properties of undefined', { cause: 'socket hang up' }),
  });
  const { status, body, lines } = await request();
  expect(status).toBe(500);
  expect(body).toEqual({
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: 'the request failed unexpectedly; it has been logged',
    instance: '/v1/contracts/XJJCF1',
  });
  const line = lines.find((l) => l.msg === 'request');
  expect(line).toMatchObject({
    level: 50,
    requestId: expect.any(String),
    keyId: 'errors-admin',
    status: 500,
  });
  expect(line?.causes).toEqual([
    {
      name: 'Error',
      message: 'visibility store query failed',
      stack: expect.stringContaining('errors.unit.test'),
    },
    { name: 'TypeError', message: 'cannot read properties of undefined', stack: expect.any(String) },
    { name: 'string', message: 'socket hang up' },
  ]);
  expect(JSON.stringify(lines)).not.toContain(key.split('_').slice(2).join('_'));
});

test('a schema error escaping a handler: 400 naming the field and the rule, never a 500', async () => {
  failure = z
    .object({ quantity: z.number().int().max(1000, 'must be at most 1000') })
    .safeParse({ quantity: 1e9 }).error!;
  const { status, body, lines } = await request();
  expect(status).toBe(400);
  expect(body).toMatchObject({
    status: 400,
    errors: [{ path: 'quantity', message: 'must be at most 1000' }],
  });
  expect(lines.find((l) => l.msg === 'request')).toMatchObject({ level: 40, status: 400 });
});
