/**
 * Property-based fuzzing of the HTTP API (issue #9 item 5): FUZZ_RUNS (default 1,000) hostile requests
 * per family (onboarding bodies, actions, reads, keys) against the real server and its real backend
 * (TemporalContractsClient), whose Temporal client here records what it is asked to change. Every
 * answer is a 2xx or a 4xx problem+json, never a 5xx; a refused request changes nothing in Temporal.
 * Figures: test/reports/fuzz-api.json.
 */
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import pino from 'pino';
import { generateApiKey } from '../../clients/api/keys';
import { buildApiServer } from '../../clients/api/server';
import type { Role } from '../../clients/sdk/api-contract';
import { TemporalContractsClient } from '../../clients/sdk/temporal';
import { API_FAMILIES, type HostileRequest } from './support/api-cases';
import { FUZZ_RUNS, FUZZ_SEED, seedPersonalData } from './support/hostile';
import { FuzzReport } from './support/report';

jest.setTimeout(15 * 60_000);

const report = new FuzzReport('api');
/** What the backend asked Temporal to change (start, update); reads are not counted. */
const changes: string[] = [];

const notFound = () => new WorkflowNotFoundError('no such workflow', 'contract-x', undefined);
const recordingTemporal = {
  withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
  workflow: {
    executeUpdateWithStart: async () => {
      changes.push('onboard');
      throw new WorkflowUpdateFailedError('refused', new Error('contract number in use with other terms'));
    },
    getHandle: () => ({
      query: async () => Promise.reject(notFound()),
      describe: async () => Promise.reject(notFound()),
      executeUpdate: async () => {
        changes.push('update');
        throw new WorkflowUpdateFailedError('refused', new Error('not in this stage'));
      },
    }),
    // eslint-disable-next-line require-yield
    list: async function* () {
      return;
    },
  },
} as unknown as Client;

const minted = Object.fromEntries(
  (['sales', 'engineer', 'billing', 'admin', 'compliance'] as Role[]).map((role) => [
    role,
    generateApiKey(`fuzz-${role}`, role),
  ]),
);
const revoked = generateApiKey('fuzz-revoked', 'admin');
const keyHeader: Record<HostileRequest['key'], string | undefined> = {
  none: undefined,
  bad: 'Bearer tco_fuzz-admin_notthesecret',
  revoked: `Bearer ${revoked.key}`,
  sales: `Bearer ${minted.sales!.key}`,
  engineer: `Bearer ${minted.engineer!.key}`,
  billing: `Bearer ${minted.billing!.key}`,
  admin: `Bearer ${minted.admin!.key}`,
  compliance: `Bearer ${minted.compliance!.key}`,
};

const logLines: string[] = [];
let app: FastifyInstance;
let baseUrl: string;

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
  app = await buildApiServer({
    contracts: new TemporalContractsClient(recordingTemporal, { taskQueue: 'fuzz' }),
    keys: [...Object.values(minted).map((m) => m.record), { ...revoked.record, revoked: true }],
    logger,
  });
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app?.close();
  const leaks = seedPersonalData().filter((p) => logLines.some((l) => l.includes(p)));
  const file = report.write({ logLinesScanned: logLines.length, personalDataFoundInLogs: leaks.length });
  console.info(`API fuzz figures: ${file}`);
  expect(leaks).toEqual([]);
});

async function send(r: HostileRequest) {
  const headers: Record<string, string> = {};
  if (r.contentType) headers['content-type'] = r.contentType;
  if (keyHeader[r.key]) headers.authorization = keyHeader[r.key]!;
  // A request the server never answers fails the property (with its case) instead of hanging the run.
  const res = await fetch(`${baseUrl}${r.path}`, {
    method: r.method,
    headers,
    body: r.body,
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
}

async function check(family: string, r: HostileRequest): Promise<void> {
  const before = changes.length;
  const res = await send(r);
  report.record(family, res.status);
  const changed = changes.length > before;
  const outcome = { case: r.label, status: res.status };
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    expect({ ...outcome, contentType: res.contentType }).toEqual({
      ...outcome,
      contentType: expect.stringMatching(/^application\/problem\+json/),
    });
  }
  if (r.expect === 'refused')
    expect({ ...outcome, refused: res.status >= 400 && res.status < 500 }).toEqual({
      ...outcome,
      refused: true,
    });
  // Refused for the request itself (invalid, unauthenticated, forbidden, too large, wrong media type):
  // nothing reached Temporal. 404 and 409 are Temporal's answers to a valid request.
  if ([400, 401, 403, 413, 415].includes(res.status) || r.expect === 'refused') {
    expect({ ...outcome, changed }).toEqual({ ...outcome, changed: false });
  }
}

describe.each(Object.keys(API_FAMILIES))('API family %s', (family) => {
  test(`${FUZZ_RUNS} hostile requests: a 2xx or a 4xx problem, never a 5xx; refused ones change nothing`, async () => {
    await report.time(family, () =>
      fc.assert(
        fc.asyncProperty(API_FAMILIES[family]!(), (r) => check(family, r)),
        { numRuns: FUZZ_RUNS, seed: FUZZ_SEED },
      ),
    );
    const figures = report.figures(family)!;
    expect(figures.inputs).toBeGreaterThanOrEqual(FUZZ_RUNS);
    expect(Object.keys(figures.outcomes).length).toBeGreaterThan(1);
  });
});
