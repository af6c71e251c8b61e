/**
 * The layout is the architecture: lower layers never import higher ones. The domain (the pure model and
 * decider) and platform (configuration, logging, Kafka and Temporal plumbing) sit at the bottom; the
 * workflow shell and the activities above them; processes and clients on top.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/** Top-level folders each layer may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  domain: ['platform'],
  platform: ['domain'],
  inventory: ['domain', 'platform'],
  activities: ['domain', 'inventory', 'platform'],
  workflows: ['domain', 'activities'],
  // Processes wire everything; the intake onboards through the shared client library (clients/sdk).
  workers: ['domain', 'platform', 'inventory', 'activities', 'workflows', 'clients/sdk'],
  clients: ['domain', 'platform', 'inventory', 'activities', 'workflows', 'workers'],
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Relative imports of a file as repository paths ("workflows/shell/run"). */
function imports(file: string): { target: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8');
  const found: { target: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
    found.push({ target: relative(ROOT, resolve(dirname(file), m[3]!)), typeOnly: Boolean(m[2]) });
  }
  for (const m of text.matchAll(/(?:require|import)\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
    found.push({ target: relative(ROOT, resolve(dirname(file), m[1]!)), typeOnly: false });
  }
  return found;
}

const layerOf = (path: string) => path.split('/')[0]!;
/** Data anyone may read: the seed contracts, pools and calendars. */
const DATA = ['contracts', 'data'];

describe.each(Object.keys(ALLOWED))('%s/', (layer) => {
  test(`imports only from ${[layer, ...ALLOWED[layer]!].join(', ')}`, () => {
    const offences = sources(join(ROOT, layer)).flatMap((file) =>
      imports(file)
        .filter(({ target, typeOnly }) => {
          const to = layerOf(target);
          if (to === layer || DATA.includes(to)) return false;
          // Workflow code may name activity types (the SDK proxies them), never import their code.
          if (layer === 'workflows' && to === 'activities') return !typeOnly;
          return !ALLOWED[layer]!.some((allowed) => target === allowed || target.startsWith(`${allowed}/`));
        })
        .map(({ target }) => `${relative(ROOT, file)} → ${target}`),
    );
    expect(offences).toEqual([]);
  });
});

test('the check sees imports: a made-up upward import would be caught', () => {
  const parsed = imports(join(ROOT, 'workers/intake-consumer.ts')).map((i) => i.target);
  expect(parsed).toContain('clients/sdk/temporal');
});

test('the workflow shell computes no date or money rule: it never imports a clause calculator', () => {
  const offences = sources(join(ROOT, 'workflows/shell')).flatMap((file) =>
    imports(file)
      // Reading the Shanghai date of an instant (domain/calendar) is wiring; periods and fees are clauses.
      .filter(({ target }) => target.startsWith('domain/clauses'))
      .map(({ target }) => `${relative(ROOT, file)} → ${target}`),
  );
  expect(offences).toEqual([]);
});
