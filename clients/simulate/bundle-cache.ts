/**
 * The simulation's workflow bundle, built once and kept on disk by content hash: bundling takes seconds,
 * and a simulation otherwise repeats it on every `tco simulate`.
 *
 * The key covers exactly what the bundle was built from: every source file webpack read or looked for
 * (recorded by a small plugin while bundling), the SDK version, the lockfile (dependencies bundled from
 * node_modules) and the bundler options. Which files those are is known only after a first bundle, so
 * the cache keeps that list per workflows entry point; a later run hashes the listed files again, and
 * any change (an edited file, or one that now imports another, since that file's content changes too)
 * gives a new key, so a stale bundle is never used.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../workers/workflow-bundle';

export interface CachedBundle {
  code: string;
  key: string;
  /** True when the bundle came from the cache (no bundling this time). */
  hit: boolean;
}

/** Builds a bundle and tells which source files it read (the real one wraps bundleWorkflowCode). */
export type BundleBuilder = (workflowsPath: string) => Promise<{ code: string; inputs: string[] }>;

export interface BundleCacheOptions {
  workflowsPath: string;
  cacheDir: string;
  build?: BundleBuilder;
  /** Anything else the bundle depends on (SDK version, bundler options); part of the key. */
  salt?: string;
  progress?: (text: string) => void;
}

const REPO = resolve(__dirname, '..', '..');
/** Bump when the bundler options below change; the shared options (preloaded modules) are spelled out. */
const BUNDLER_OPTIONS = `ignoreModules=none;logger=silent;v2;${JSON.stringify(WORKFLOW_BUNDLER_OPTIONS)}`;

export function defaultCacheDir(): string {
  return process.env.TCO_BUNDLE_CACHE_DIR ?? join(REPO, 'node_modules', '.cache', 'tco', 'workflow-bundles');
}

/** SDK version, lockfile and bundler options: what the bundle depends on besides our own sources. */
export function defaultSalt(): string {
  const sdkPackage = join(dirname(require.resolve('@temporalio/worker')), '..', 'package.json');
  const sdk = (JSON.parse(readFileSync(sdkPackage, 'utf8')) as { version: string }).version;
  return [
    `sdk=${sdk}`,
    `lock=${digest(readOrMissing(join(REPO, 'package-lock.json')))}`,
    BUNDLER_OPTIONS,
  ].join(';');
}

/** The cache key of a bundle built from `inputs` (file paths) under `salt`. */
export function bundleKey(salt: string, inputs: readonly string[]): string {
  const hash = createHash('sha256').update(salt).update('\0');
  for (const file of [...new Set(inputs)].sort()) {
    hash.update(file).update('\0').update(readOrMissing(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 32);
}

export async function cachedWorkflowBundle(options: BundleCacheOptions): Promise<CachedBundle> {
  const { workflowsPath, cacheDir, progress = () => undefined } = options;
  const salt = `${options.salt ?? defaultSalt()};entry=${workflowsPath}`;
  const inputsFile = join(cacheDir, `${digest(salt).slice(0, 16)}.inputs.json`);
  const known = readInputs(inputsFile);
  if (known) {
    const key = bundleKey(salt, known);
    const file = join(cacheDir, `${key}.js`);
    if (existsSync(file)) {
      progress(`cached workflow bundle ${key.slice(0, 12)}`);
      return { code: readFileSync(file, 'utf8'), key, hit: true };
    }
  }
  progress('bundling workflows…');
  const started = Date.now();
  const { code, inputs } = await (options.build ?? buildBundle)(workflowsPath);
  const key = bundleKey(salt, inputs);
  mkdirSync(cacheDir, { recursive: true });
  // Write-then-rename: a parallel run sees a whole file or none.
  atomicWrite(join(cacheDir, `${key}.js`), code);
  atomicWrite(inputsFile, JSON.stringify(inputs));
  progress(`bundled workflows in ${((Date.now() - started) / 1000).toFixed(1)} s (${key.slice(0, 12)})`);
  return { code, key, hit: false };
}

/** bundleWorkflowCode with a webpack plugin recording the files it read (our sources, not node_modules). */
export const buildBundle: BundleBuilder = async (workflowsPath) => {
  const { bundleWorkflowCode } = await import('@temporalio/worker');
  const noop = () => undefined;
  const inputs = new Set<string>();
  const record = {
    apply(compiler: { hooks: { afterCompile: { tap(name: string, fn: (c: Compilation) => void): void } } }) {
      compiler.hooks.afterCompile.tap('tco-bundle-inputs', (compilation) => {
        // Files it looked for and did not find count too: creating one (x.js beside x.ts) may change
        // what an import resolves to.
        for (const file of [...compilation.fileDependencies, ...compilation.missingDependencies]) {
          if (!file.includes('/node_modules/')) inputs.add(file);
        }
      });
    },
  };
  const bundlerOptions: BundleOptions = {
    workflowsPath,
    logger: { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop },
    ...WORKFLOW_BUNDLER_OPTIONS,
    webpackConfigHook: (config) => ({ ...config, plugins: [...(config.plugins ?? []), record] }),
  };
  const { code } = await bundleWorkflowCode(bundlerOptions);
  if (inputs.size === 0) throw new Error('workflow bundle: webpack reported no input files');
  return { code, inputs: [...inputs] };
};

interface Compilation {
  fileDependencies: Iterable<string>;
  missingDependencies: Iterable<string>;
}

function readInputs(file: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(parsed) && parsed.every((f) => typeof f === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readOrMissing(file: string): Buffer | string {
  try {
    return readFileSync(file);
  } catch {
    return '\0missing';
  }
}

function digest(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function atomicWrite(file: string, data: string): void {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}
