/**
 * PGlite loads its wasm runtime with a dynamic import(). Plain Node and tsx handle that from CommonJS,
 * but jest 30 on Node < 24.9 routes require() through its own registry, which cannot. Asking Node's
 * own loader keeps one code path for the CLI and the tests (inventory/db/native-modules.ts does the
 * same). A billing team copying this consumer into an ES-module project can import PGlite directly.
 */
import nodeModule from 'node:module';
import type * as PGliteModule from '@electric-sql/pglite';

interface NodeLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

let loaded: typeof PGliteModule | undefined;

export function loadPGlite(): typeof PGliteModule {
  loaded ??= (nodeModule as unknown as NodeLoader)._load(
    require.resolve('@electric-sql/pglite'),
    null,
    false,
  ) as typeof PGliteModule;
  return loaded;
}
