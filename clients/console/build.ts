/**
 * The console's offline build: esbuild bundles src/main.tsx (preact, and the SAME zod schemas the API
 * validates with) into dist/ next to a static index.html. No CDN, no network: everything comes from
 * node_modules, and the output depends only on the sources (no timestamps, no hashes of paths), so two
 * builds of one commit are byte-identical. Run: npm run console:build (the API also builds when stale).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

export const CONSOLE_DIR = __dirname;
export const SRC_DIR = join(__dirname, 'src');
export const DIST_DIR = join(__dirname, 'dist');
/** What the console imports from the rest of the repository (schemas): a change there rebuilds too. */
const SHARED_DIRS = [join(__dirname, '../../domain'), join(__dirname, '../sdk')];
export const DIST_FILES = ['index.html', 'app.js', 'app.css'] as const;

/**
 * platform/key-registry.ts (ROLES, imported by the API contract) reads key files with node:fs in the
 * processes that authenticate; the browser only needs its constants. Any other Node module in the
 * bundle is a mistake and fails the build.
 */
export const browserOnly: Plugin = {
  name: 'browser-only',
  setup(b) {
    b.onResolve({ filter: /^node:|^(fs|path|crypto|os|stream)$/ }, (args) => {
      if (args.path === 'node:fs' && args.importer.endsWith('platform/key-registry.ts')) {
        return { path: 'node:fs', namespace: 'node-stub' };
      }
      return { errors: [{ text: `${args.importer} imports ${args.path}: not available in the browser` }] };
    });
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({
      contents: 'export function readFileSync() { throw new Error("no file system in the browser"); }',
      loader: 'js',
    }));
  },
};

/**
 * zod re-exports its 40-odd message locales (two thirds of the bundle) from its namespace, so no
 * tree-shaking drops them. The console uses the default (English) messages and the schemas' own.
 */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, args.path), namespace: 'zod-locales' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

function newestMtime(dir: string): number {
  return readdirSync(dir).reduce((newest, name) => {
    const path = join(dir, name);
    const s = statSync(path);
    return Math.max(newest, s.isDirectory() ? newestMtime(path) : s.mtimeMs);
  }, 0);
}

/** dist/ is missing a file or older than a source (console or shared schema). */
export function consoleIsStale(): boolean {
  let built = Infinity;
  for (const f of DIST_FILES) {
    try {
      built = Math.min(built, statSync(join(DIST_DIR, f)).mtimeMs);
    } catch {
      return true;
    }
  }
  return [SRC_DIR, ...SHARED_DIRS].some((dir) => newestMtime(dir) > built);
}

export async function buildConsole(outDir = DIST_DIR): Promise<void> {
  const result = await build({
    entryPoints: { app: join(SRC_DIR, 'main.tsx') },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    charset: 'utf8',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [browserOnly, zodEnglishOnly],
    write: false,
    outdir: outDir,
    logLevel: 'silent',
  });
  mkdirSync(outDir, { recursive: true });
  // Write then rename: API processes starting in parallel (test files) never read a half-written file.
  const put = (name: string, contents: Uint8Array) => {
    const tmp = join(outDir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, contents);
    renameSync(tmp, join(outDir, name));
  };
  for (const file of result.outputFiles) put('app.js', file.contents);
  put('app.css', readFileSync(join(SRC_DIR, 'app.css')));
  put('index.html', readFileSync(join(SRC_DIR, 'index.html')));
}

if (require.main === module) {
  buildConsole().then(
    () => console.log(`console built into ${DIST_DIR}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
