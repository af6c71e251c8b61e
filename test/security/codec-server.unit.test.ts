/**
 * The codec server the Temporal UI and CLI call to show encrypted contract payloads: the codec
 * protocol (POST /decode, /encode with base64 JSON payloads), engineer/admin keys only, CORS for the
 * UI's origin only, and nothing decoded in its logs.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { generateApiKey } from '../../clients/api/keys';
import { buildCodecServer } from '../../clients/codec-server/server';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../platform/payload-codec';
import type { Role } from '../../clients/sdk/api-contract';
import { seedPersonalData } from './support/hostile';

const seed = JSON.parse(readFileSync(join(__dirname, '../../contracts/XJJCF2400252EGN00.json'), 'utf8')) as {
  contractNo: string;
};
const parsed = parsePayloadKeys(`k1:${randomBytes(32).toString('base64')}`, undefined);
if (!parsed.ok) throw new Error(parsed.problems.join());
const codec = new AesGcmPayloadCodec(parsed.keyring);

const minted = Object.fromEntries(
  (['sales', 'engineer', 'billing', 'admin'] as Role[]).map((role) => [
    role,
    generateApiKey(`k-${role}`, role),
  ]),
) as Record<Role, ReturnType<typeof generateApiKey>>;
const revoked = generateApiKey('k-gone', 'engineer');
const records = [...Object.values(minted).map((m) => m.record), { ...revoked.record, revoked: true }];

const UI = 'http://localhost:8233';
const logLines: string[] = [];
let app: FastifyInstance;

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data!).toString('base64'),
});
const fromJson = (p: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(p.metadata).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
  data: Buffer.from(p.data, 'base64'),
});

async function encryptedContract() {
  const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(seed)]);
  return toJson(sealed!);
}

let baseUrl: string;

/** Over a real socket (light-my-request's ESM dependencies do not load under jest's CommonJS). */
async function call(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    statusCode: res.status,
    headers: Object.fromEntries(res.headers),
    body: text,
    json: () => JSON.parse(text) as unknown,
  };
}

const decode = (payloads: unknown, headers: Record<string, string> = {}) =>
  call('POST', '/decode', { payloads }, headers);
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _e, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  app = await buildCodecServer({ codec, keys: records, corsOrigins: [UI], logger });
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(() => app.close());

test('an engineer key decodes an encrypted contract payload back to the contract', async () => {
  const res = await decode([await encryptedContract()], bearer(minted.engineer.key));
  expect(res.statusCode).toBe(200);
  const [payload] = (res.json() as { payloads: Array<{ metadata: Record<string, string>; data: string }> })
    .payloads;
  expect(defaultPayloadConverter.fromPayload(fromJson(payload!))).toEqual(seed);
});

test('/encode then /decode round-trips (what the UI does when an engineer sends a signal)', async () => {
  const plain = toJson(defaultPayloadConverter.toPayload({ note: 'resend completion notice' }));
  const headers = { 'x-api-key': minted.admin.key };
  const encoded = await call('POST', '/encode', { payloads: [plain] }, headers);
  const sealed = (encoded.json() as { payloads: Array<{ metadata: Record<string, string> }> }).payloads[0]!;
  expect(Buffer.from(sealed.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  const decoded = await decode([sealed], headers);
  expect(decoded.json()).toEqual({ payloads: [plain] });
});

test.each([
  { what: 'no key', headers: {}, status: 401 },
  { what: 'a malformed key', headers: bearer('letmein'), status: 401 },
  { what: 'an unknown key', headers: bearer(generateApiKey('k-stranger', 'admin').key), status: 401 },
  { what: 'a wrong secret', headers: bearer(`${minted.engineer.key.slice(0, -4)}AAAA`), status: 401 },
  { what: 'a revoked key', headers: bearer(revoked.key), status: 401 },
  { what: 'a sales key', headers: bearer(minted.sales.key), status: 403 },
  { what: 'a billing key', headers: bearer(minted.billing.key), status: 403 },
])('$what is refused with $status and nothing is decoded', async ({ headers, status }) => {
  const res = await decode([await encryptedContract()], headers);
  expect(res.statusCode).toBe(status);
  expect(res.body).not.toContain('"payloads":');
});

test('a tampered payload or a bad body is a 400 naming the problem, not a 500', async () => {
  const sealed = await encryptedContract();
  const tampered = { ...sealed, data: Buffer.from(sealed.data, 'base64').reverse().toString('base64') };
  const res = await decode([tampered], bearer(minted.engineer.key));
  expect(res.statusCode).toBe(400);
  expect(res.json()).toEqual({ message: expect.stringMatching(/key id k1\) failed authentication/) });
  for (const body of [{ payloads: 'x' }, { payloads: [{ data: '@@@' }] }, { nope: 1 }, 'text']) {
    const bad = await call('POST', '/decode', body, bearer(minted.engineer.key));
    expect([400, 415]).toContain(bad.statusCode);
  }
});

test('CORS lets the configured UI origin in, with credentials, and no other origin', async () => {
  const preflight = (origin: string) =>
    call('OPTIONS', '/decode', undefined, {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization',
    });
  const allowed = await preflight(UI);
  expect(allowed.statusCode).toBe(204);
  expect(allowed.headers).toMatchObject({
    'access-control-allow-origin': UI,
    'access-control-allow-credentials': 'true',
    'access-control-allow-headers': expect.stringContaining('authorization'),
  });
  const other = await preflight('https://evil.example');
  expect(other.headers['access-control-allow-origin']).toBeUndefined();
});

test('its logs name the key id, never the key or any decoded personal data', () => {
  const logs = logLines.join('\n');
  expect(logs).toContain('"keyId":"k-engineer"');
  expect(logs).not.toContain(minted.engineer.key);
  expect(seedPersonalData().filter((p) => logs.includes(p))).toEqual([]);
});
