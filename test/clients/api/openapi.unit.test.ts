/**
 * The OpenAPI document matches the API: problems documented as application/problem+json (the media
 * type they are sent with), a stable camelCase operationId on every operation, and an independent
 * linter (@redocly/cli, pinned) finds no error in the document the server serves.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ACTION_NAMES, ACTOR_FIELDS } from '../../../domain/lifecycle/actions';
import { openApiDocument } from '../../../scripts/dump-openapi';

type Operation = { operationId?: string; responses: Record<string, { content?: Record<string, unknown> }> };
let paths: Record<string, Record<string, Operation>>;
let file: string;
beforeAll(async () => {
  const doc = (await openApiDocument()) as { paths: typeof paths };
  paths = doc.paths;
  file = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
  writeFileSync(file, JSON.stringify(doc));
});
const operations = () =>
  Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

test('every 4xx/5xx response is documented as application/problem+json, and only so', () => {
  const problems = operations().flatMap(({ path, method, op }) =>
    Object.entries(op.responses)
      .filter(([status]) => /^[45]/.test(status))
      .map(([status, r]) => ({ at: `${method} ${path} ${status}`, types: Object.keys(r.content ?? {}) })),
  );
  expect(problems.length).toBeGreaterThan(50);
  expect(problems.filter((p) => p.types.join() !== 'application/problem+json')).toEqual([]);
});

test('every operation has a unique camelCase operationId', () => {
  const ids = operations().map(({ op }) => op.operationId);
  expect(ids.filter((id) => !id || !/^[a-z][a-zA-Z0-9]*$/.test(id))).toEqual([]);
  expect(new Set(ids).size).toBe(ids.length);
  expect(paths['/v1/contracts']?.post?.operationId).toBe('onboardContract');
  expect(paths['/v1/contracts/{contractNo}/actions/submit-document']?.post?.operationId).toBe(
    'submitDocument',
  );
});

test('@redocly/cli lint finds 0 errors and 0 warnings in the served document', async () => {
  const bin = join(__dirname, '../../../node_modules/.bin/redocly');
  const { stdout, stderr } = await promisify(execFile)(bin, ['lint', '--format', 'json', file], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  }).catch((err: { stdout: string; stderr: string }) => err);
  const result = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
  expect({
    totals: result.totals,
    problems: result.problems,
    stderr: result.totals.errors ? stderr : '',
  }).toEqual({
    totals: expect.objectContaining({ errors: 0, warnings: 0 }),
    problems: [],
    stderr: '',
  });
}, 60_000);

type BodySchema = {
  properties?: Record<string, { description?: string }>;
  required?: string[];
  oneOf?: BodySchema[];
  anyOf?: BodySchema[];
};
const bodyOf = (action: string): BodySchema =>
  (
    paths[`/v1/contracts/{contractNo}/actions/${action}`]?.post as unknown as {
      requestBody: { content: { 'application/json': { schema: BodySchema } } };
    }
  ).requestBody.content['application/json'].schema;

test('every action body documents its actor field as optional, set from the API key', () => {
  const wrong = ACTION_NAMES.flatMap((action) => {
    const body = bodyOf(action);
    const variants = body.oneOf ?? body.anyOf ?? [body];
    const field = ACTOR_FIELDS[action];
    return variants
      .filter(
        (v) =>
          !v.properties?.[field]?.description?.startsWith('set from your API key') ||
          (v.required ?? []).includes(field),
      )
      .map(() => `${action}.${field}`);
  });
  expect(wrong).toEqual([]);
  // The other fields keep their rules: approve's note stays optional, confirm-installation's line required.
  expect(bodyOf('confirm-installation').required).toEqual(expect.arrayContaining(['lineIndex', 'circuitId']));
  expect(bodyOf('service-request').oneOf ?? bodyOf('service-request').anyOf).toHaveLength(6);
});

test('action routes document the Idempotency-Key header', () => {
  const params = (
    paths['/v1/contracts/{contractNo}/actions/approve']?.post as unknown as {
      parameters: Array<{ in: string; name: string; required?: boolean }>;
    }
  ).parameters;
  expect(params).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ in: 'header', name: 'idempotency-key', required: false }),
    ]),
  );
});
