/**
 * The modules the worker preloads (workers/workflow-bundle.ts) are evaluated once and shared by every
 * contract workflow in the V8 context. They are safe to share only if nothing in them changes after
 * loading — except zod's own memoization, which workflows/preload-freeze.ts leaves writable on purpose.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { PRELOADED_MODULES } from '../../workers/workflow-bundle';
import { freezeSharedValue } from '../../workflows/preload-freeze';

const ROOT = resolve(__dirname, '../..');
/**
 * Top-level `let`/`var`, or a collection created at module level that could be filled later (one typed
 * ReadonlySet/ReadonlyMap cannot: the compiler refuses `add`/`set`).
 */
const MUTABLE =
  /^(?:export )?(?:let|var) |^(?:export )?const \w+(?!: Readonly)(?::[^=]+)? = new (?:Map|Set|WeakMap|WeakSet|Array)\b/gm;

/** The SDK's freeze of shared modules (reusable-vm.js deepFreeze), minus its skip of frozen objects. */
function sdkLikeDeepFreeze(value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
  seen.add(value);
  if (typeof value === 'object') {
    for (const key of Reflect.ownKeys(value)) {
      try {
        sdkLikeDeepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
      } catch {
        // as the SDK: some objects cannot be frozen
      }
    }
  }
  Object.freeze(value);
}

const shapes = () => ({
  limits: { name: 100, nested: { list: [1, 2] } },
  code: z.string().regex(/^[A-Z]{3}$/, 'must be three capitals'),
  record: z.object({ code: z.string().regex(/^\d+$/), note: z.string().optional() }),
  pattern: /x/g,
});

describe('freezeSharedValue', () => {
  test('freezes plain data all the way down', () => {
    const shared = shapes();
    freezeSharedValue(shared);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(shared.limits.nested.list)).toBe(true);
    expect(() => {
      'use strict';
      (shared.limits as { name: number }).name = 1;
    }).toThrow(TypeError);
  });

  test('leaves zod schemas and regular expressions writable, so they still parse after the freeze', () => {
    const shared = shapes();
    freezeSharedValue(shared);
    expect(Object.isFrozen(shared.code)).toBe(false);
    expect(Object.isFrozen(shared.pattern)).toBe(false);
    expect(shared.code.safeParse('ABC').success).toBe(true);
    expect(shared.code.safeParse('abc').error?.issues[0]?.message).toBe('must be three capitals');
    expect(shared.record.optional().safeParse({ code: '12' }).success).toBe(true);
  });

  test('why it exists: the SDK freeze alone breaks a zod pattern check', () => {
    const shared = shapes();
    sdkLikeDeepFreeze(shared);
    expect(() => shared.code.safeParse('ABC')).toThrow(TypeError);
  });
});

describe('the preload list', () => {
  test('resolves to files, with the freeze last', () => {
    expect(PRELOADED_MODULES[0]).toBe('zod');
    expect(PRELOADED_MODULES.at(-1)).toBe(require.resolve('../../workflows/preload-freeze'));
    for (const file of PRELOADED_MODULES.slice(1)) expect(statSync(file).isFile()).toBe(true);
  });

  /** Our files a preloaded module may load: domain, workflows, and the platform files they import. */
  function sharedSources(): string[] {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : name.endsWith('.ts') ? [path] : [];
      });
    // The workflows too: the preload list holds their entry point (benchFloor is bundled on its own).
    const domain = [...walk(join(ROOT, 'domain')), ...walk(join(ROOT, 'workflows'))];
    const platform = new Set<string>();
    for (const file of domain) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /^import (?!type )[^'"]*from '(\.[^']*platform\/[^']+)'/gm,
      )) {
        platform.add(resolve(file, '..', `${m[1]}.ts`));
      }
    }
    return [...domain, ...platform];
  }

  test('keeps no module state one workflow could change and another read', () => {
    // Top-level `let`/`var`, or a collection created at module level and filled later, would be shared
    // by every contract in the worker (a leak between contracts, and a replay that depends on order).
    const offences = sharedSources().flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(MUTABLE)].map((m) => `${relative(ROOT, file)}: ${m[0]}`),
    );
    expect(sharedSources().length).toBeGreaterThan(50);
    expect(offences).toEqual([]);
  });

  test('the purity check sees module state: a made-up cache would be caught', () => {
    const source =
      'const cache: Map<string, number> = new Map();\nlet count = 0;\nconst KEYS: ReadonlySet<string> = new Set();\n';
    expect(source.match(MUTABLE)).toEqual(['const cache: Map<string, number> = new Map', 'let ']);
  });
});
