/**
 * Kysely 0.29 ships ES modules only, and PGlite loads its wasm runtime with dynamic import(). Node
 * 20.19+ loads both from CommonJS, but jest 30 on Node < 24.9 runs every require() through its own
 * module registry, which can do neither ("Must use import to load ES Module"). Asking Node's own
 * loader for these two packages keeps a single code path for the worker, tsx scripts and jest.
 * Everything else imports kysely *types* from 'kysely' and its *values* from here.
 * Once jest runs on Node ≥ 24.9 (or transforms kysely), this file can become plain re-exports.
 */
import nodeModule from 'node:module';
import type * as KyselyModule from 'kysely';
// Type-only deep path: the project resolves modules node10-style, which ignores package "exports".
import type * as KyselyMigrationModule from 'kysely/dist/migration/index';
import type * as PGliteModule from '@electric-sql/pglite';

interface NodeLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

// Under jest, 'node:module' is jest's subclass of Module, but its static _load is still Node's.
const nodeLoad = <T>(id: string): T =>
  (nodeModule as unknown as NodeLoader)._load(require.resolve(id), null, false) as T;

const kysely = nodeLoad<typeof KyselyModule>('kysely');

export const { CompiledQuery, Kysely, PostgresAdapter, PostgresDialect, PostgresIntrospector } = kysely;
export const { PostgresQueryCompiler, sql } = kysely;
export const { Migrator } = nodeLoad<typeof KyselyMigrationModule>('kysely/migration');
export type { Migration } from 'kysely/dist/migration/index';
export type Kysely<DB> = KyselyModule.Kysely<DB>;
export type Transaction<DB> = KyselyModule.Transaction<DB>;

let pglite: typeof PGliteModule | undefined;

/** PGlite is only loaded when the embedded store is used. */
export function loadPGlite(): typeof PGliteModule {
  pglite ??= nodeLoad<typeof PGliteModule>('@electric-sql/pglite');
  return pglite;
}
