import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleKey, cachedWorkflowBundle, type BundleBuilder } from '../../../clients/simulate/bundle-cache';

describe('simulation workflow bundle cache', () => {
  let dir: string;
  let cacheDir: string;
  let entry: string;
  let helper: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bundle-cache-test-'));
    cacheDir = join(dir, 'cache');
    entry = join(dir, 'index.ts');
    helper = join(dir, 'helper.ts');
    writeFileSync(entry, "export * from './helper';\n");
    writeFileSync(helper, 'export const answer = 42;\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for webpack: the "bundle" is the sources joined, and it reports both files as read. */
  function countingBuilder(): { build: BundleBuilder; calls: () => number } {
    let calls = 0;
    const build: BundleBuilder = (path) => {
      calls += 1;
      return Promise.resolve({ code: `bundle of ${path} #${calls}`, inputs: [entry, helper] });
    };
    return { build, calls: () => calls };
  }

  it('gives the same key for the same sources, and a new key when a source or the salt changes', () => {
    const first = bundleKey('sdk=1.24.0', [entry, helper]);
    expect(bundleKey('sdk=1.24.0', [helper, entry])).toBe(first);
    expect(bundleKey('sdk=1.25.0', [entry, helper])).not.toBe(first);
    writeFileSync(helper, 'export const answer = 43;\n');
    expect(bundleKey('sdk=1.24.0', [entry, helper])).not.toBe(first);
  });

  it('bundles once, then reuses the bundle on disk without bundling again', async () => {
    const { build, calls } = countingBuilder();
    const options = { workflowsPath: entry, cacheDir, build, salt: 'test' };
    const cold = await cachedWorkflowBundle(options);
    const warm = await cachedWorkflowBundle(options);
    expect(calls()).toBe(1);
    expect(cold.hit).toBe(false);
    expect(warm).toEqual({ code: cold.code, key: cold.key, hit: true });
  });

  it('never serves a stale bundle: an edited source is bundled again under a new key', async () => {
    const { build, calls } = countingBuilder();
    const notes: string[] = [];
    const options = {
      workflowsPath: entry,
      cacheDir,
      build,
      salt: 'test',
      progress: (t: string) => notes.push(t),
    };
    const before = await cachedWorkflowBundle(options);
    writeFileSync(helper, 'export const answer = 43;\n');
    const after = await cachedWorkflowBundle(options);
    expect(calls()).toBe(2);
    expect(after.hit).toBe(false);
    expect(after.key).not.toBe(before.key);
    expect(after.code).toBe(`bundle of ${entry} #2`);
    expect(notes.filter((n) => n === 'bundling workflows…')).toHaveLength(2);
  });
});
