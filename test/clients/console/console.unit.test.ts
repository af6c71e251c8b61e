/**
 * The console without a browser: its offline build (deterministic, the shared zod schemas bundled with
 * no Node module), its static serving (public, gzip), money in yuan, the inbox order, and dictionaries
 * that label every action and field in both languages.
 */
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import Fastify from 'fastify';
import { browserOnly, buildConsole, DIST_FILES } from '../../../clients/console/build';
import { registerConsole } from '../../../clients/console/serve';
import { fenOf, yuan } from '../../../clients/console/src/format';
import { actionsZh, dictionary, fieldsEn, fieldsZh } from '../../../clients/console/src/i18n';
import { byDueDate } from '../../../clients/console/src/order';
import { fieldErrorsOf } from '../../../clients/console/src/problems';
import type { ObligationItem } from '../../../clients/sdk/api-contract';
import { ACTION_NAMES, ACTOR_FIELDS, ActionSchemas } from '../../../domain/lifecycle/actions';

const BUILD_MS = 60_000;

test(
  'two builds are byte-identical and bundle the shared schemas for the browser',
  async () => {
    const [a, b] = [mkdtempSync(join(tmpdir(), 'console-a-')), mkdtempSync(join(tmpdir(), 'console-b-'))];
    await buildConsole(a);
    await buildConsole(b);
    for (const f of DIST_FILES)
      expect({ f, same: readFileSync(join(a, f)).equals(readFileSync(join(b, f))) }).toEqual({
        f,
        same: true,
      });
    const js = readFileSync(join(a, 'app.js'), 'utf8');
    // A rule message of the action schemas: the form checks input with the API's own schema.
    expect(js).toContain('must be a whole number');
    expect(js).not.toMatch(/require\(["']node:/);
    // zod's other message locales are left out (two thirds of the bundle otherwise).
    expect(js).not.toContain('Nieprawidłowe');
    expect(Buffer.byteLength(js)).toBeLessThan(300_000);
  },
  BUILD_MS,
);

test(
  'a browser bundle that imports a Node module fails the build, naming the import',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-node-'));
    writeFileSync(
      join(dir, 'entry.ts'),
      "import { randomUUID } from 'node:crypto';\nconsole.log(randomUUID());\n",
    );
    await expect(
      build({
        entryPoints: [join(dir, 'entry.ts')],
        bundle: true,
        platform: 'browser',
        write: false,
        logLevel: 'silent',
        plugins: [browserOnly],
      }),
    ).rejects.toThrow(/imports node:crypto: not available in the browser/);
  },
  BUILD_MS,
);

/** A GET as sent on the wire (fetch would decode gzip and follow redirects). */
function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

test(
  'served at /console without a key, gzip when asked, the same bytes either way',
  async () => {
    const app = Fastify();
    await registerConsole(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    try {
      const root = await get(port, '/console');
      expect({ status: root.status, location: root.headers.location }).toEqual({
        status: 302,
        location: '/console/',
      });
      const raw = await get(port, '/console/app.js');
      const zipped = await get(port, '/console/app.js', { 'accept-encoding': 'gzip, br' });
      expect(raw.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(raw.headers['content-encoding']).toBeUndefined();
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.body).equals(raw.body)).toBe(true);
      const html = await get(port, '/console/');
      expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(html.body.toString()).toContain('<html lang="zh-CN">');
      // It holds an API key: its own script only, never framed, no referrer.
      expect({
        csp: html.headers['content-security-policy'],
        frame: html.headers['x-frame-options'],
        referrer: html.headers['referrer-policy'],
      }).toEqual({
        csp: expect.stringMatching(/script-src 'self';.*connect-src 'self';.*frame-ancestors 'none'/),
        frame: 'DENY',
        referrer: 'no-referrer',
      });
    } finally {
      await app.close();
    }
  },
  BUILD_MS,
);

test('money in yuan: fen shown as ¥1,234.56, yuan typed as fen', () => {
  expect([yuan(123456), yuan(0), yuan(-5), yuan(35960000)]).toEqual([
    '¥1,234.56',
    '¥0.00',
    '-¥0.05',
    '¥359,600.00',
  ]);
  expect([fenOf('12.5'), fenOf('12.05'), fenOf(' 3 '), fenOf('1.234'), fenOf('abc'), fenOf('')]).toEqual([
    1250,
    1205,
    300,
    null,
    null,
    null,
  ]);
});

test('the inbox lists the earliest due first and the undated last', () => {
  const item = (contractNo: string, dueDate?: string) =>
    ({ contractNo, obligation: { dueDate } }) as unknown as ObligationItem;
  const sorted = [
    item('C', undefined),
    item('B', '2026-05-02'),
    item('A', '2026-05-02'),
    item('D', '2026-01-31'),
  ].sort(byDueDate);
  expect(sorted.map((i) => i.contractNo)).toEqual(['D', 'A', 'B', 'C']);
});

test('every action has a Chinese name, and every field a person fills a label in both languages', () => {
  const names = [...ACTION_NAMES];
  expect(names.filter((a) => !actionsZh[a])).toEqual([]);
  const actors = new Set<string>(Object.values(ACTOR_FIELDS));
  const fields = new Set<string>();
  const walk = (schema: unknown) => {
    const def = (schema as { def?: { shape?: Record<string, unknown>; options?: unknown[] } }).def;
    for (const name of Object.keys(def?.shape ?? {})) if (!actors.has(name)) fields.add(name);
    for (const option of def?.options ?? []) walk(option);
  };
  for (const a of names) walk(ActionSchemas[a]);
  expect([...fields].filter((f) => !fieldsZh[f] || !fieldsEn[f])).toEqual([]);
  const zh = dictionary('zh-CN');
  expect(
    zh.summary({
      kind: 'line-installation',
      subject: { lineIndex: 4, bandwidthMbps: 100 },
      summary: 'x',
    } as never),
  ).toBe('专线 4 装机测试（100 Mbit/s）');
  expect(dictionary('en').summary({ kind: 'document', subject: {}, summary: 'hand in x' } as never)).toBe(
    'hand in x',
  );
});

test('a refusal names its field from the problem errors, or from the workflow message that starts with it', () => {
  const base = { type: 't', title: 'Conflict', status: 409 };
  expect(fieldErrorsOf({ ...base, errors: [{ path: 'documentRef', message: 'too long' }] })).toEqual([
    { path: 'documentRef', message: 'too long' },
  ]);
  expect(
    fieldErrorsOf({ ...base, detail: 'lines.3.circuitId: line 7 was already confirmed as circuit C-1' }),
  ).toEqual([{ path: 'lines.3.circuitId', message: 'line 7 was already confirmed as circuit C-1' }]);
  expect(fieldErrorsOf({ ...base, detail: 'the resources are not active on the network yet' })).toEqual([]);
});
