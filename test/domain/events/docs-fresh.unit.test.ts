/** The committed event docs are what the generator produces from today's schemas. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { renderEventDocs } from '../../../scripts/gen-event-docs';
import { CONTRACT_EVENT_TYPES } from '../../../domain/events/catalogue';
import { TOPICS } from '../../../platform/topics';

const root = join(__dirname, '../../..');
const files = renderEventDocs();
const regenerate = 'stale: run `npx tsx scripts/gen-event-docs.ts` and commit the result';

test.each(files.map((f) => [f.path, f.content]))('%s is up to date', (path, content) => {
  const onDisk = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '(missing)';
  if (onDisk !== content) throw new Error(`${path} is ${regenerate}`);
});

test('docs/events/ holds no schema of a type that no longer exists', () => {
  const expected = files
    .filter((f) => f.path.startsWith('docs/events/'))
    .map((f) => f.path.slice('docs/events/'.length));
  expect(readdirSync(join(root, 'docs/events')).sort()).toEqual(expected.sort());
});

test('generation is deterministic', () => {
  expect(renderEventDocs()).toEqual(files);
});

interface AsyncApiDoc {
  asyncapi: string;
  channels: Record<string, { address: string; messages: Record<string, unknown> }>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

test('the AsyncAPI document has a channel per topic and a message per contract event type', () => {
  const doc = parse(files.find((f) => f.path === 'docs/asyncapi.yaml')!.content) as AsyncApiDoc;
  expect(doc.asyncapi).toBe('3.0.0');
  const addresses = Object.values(doc.channels).map((c) => c.address);
  expect(addresses.sort()).toEqual(
    Object.values(TOPICS)
      .map((t) => t.name)
      .sort(),
  );
  expect(Object.keys(doc.channels.lifecycle!.messages).sort()).toEqual([...CONTRACT_EVENT_TYPES].sort());
  for (const type of CONTRACT_EVENT_TYPES)
    expect(doc.components.schemas[type]?.properties?.contractNo).toBeDefined();
});

test('prettier leaves the generated markdown and YAML alone (npm run format cannot make them stale)', () => {
  const prettier = join(root, 'node_modules/.bin/prettier');
  expect(() =>
    execFileSync(prettier, ['--check', 'docs/events.md', 'docs/asyncapi.yaml'], { cwd: root, stdio: 'pipe' }),
  ).not.toThrow();
});
