/**
 * The inventory store: one typed Kysely handle over PostgreSQL. Embedded PGlite by default (nothing
 * to install; in memory, or in a data directory to survive restarts); a real PostgreSQL server when
 * a DATABASE_URL is given. Both run the same migrations on start-up.
 */
import { mkdirSync } from 'node:fs';
import { Pool } from 'pg';
import type { Kysely as KyselyType } from 'kysely';
import { migrateToLatest } from './db/migrations';
import { Kysely, loadPGlite, PostgresDialect, sql } from './db/native-modules';
import { PGliteDialect } from './db/pglite-dialect';
import type { InventoryDatabase } from './db/schema';

export type InventoryDb = KyselyType<InventoryDatabase>;

export interface InventoryStore {
  readonly db: InventoryDb;
  readonly engine: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface InventoryStoreOptions {
  /** postgres://… — use this PostgreSQL server instead of the embedded store. */
  databaseUrl?: string;
  /** Embedded store only: keep the data in this directory (default: in memory). */
  dataDir?: string;
  /** PostgreSQL only: a schema of its own (created if missing), e.g. one per test run. */
  schema?: string;
  /** PostgreSQL only: connections in the pool (default 10). */
  maxConnections?: number;
  /** Told when an idle PostgreSQL connection fails (pg replaces it on next use). */
  onConnectionError?: (error: Error) => void;
}

/** Any two processes migrating at once take turns on this advisory lock. */
const MIGRATION_LOCK = 0x1e5a_7001;

export async function createInventoryStore(options: InventoryStoreOptions = {}): Promise<InventoryStore> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`inventory schema "${schema}": must be lower-case letters, digits and _`);
  }
  const engine = options.databaseUrl ? 'postgres' : 'pglite';
  const db = options.databaseUrl
    ? openPostgres(options.databaseUrl, schema, options)
    : openPGlite(options.dataDir);
  try {
    await prepareSchema(db, schema);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, engine, close: () => db.destroy() };
}

function openPostgres(url: string, schema: string, options: InventoryStoreOptions): InventoryDb {
  const pool = new Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    options: `-c search_path=${schema}`,
  });
  pool.on('error', (error) => options.onConnectionError?.(error));
  return new Kysely<InventoryDatabase>({ dialect: new PostgresDialect({ pool }) });
}

function openPGlite(dataDir: string | undefined): InventoryDb {
  // PGlite creates only the last directory of the path; a fresh checkout has none of them.
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const { PGlite } = loadPGlite();
  return new Kysely<InventoryDatabase>({ dialect: new PGliteDialect(() => PGlite.create(dataDir)) });
}

async function prepareSchema(db: InventoryDb, schema: string): Promise<void> {
  await db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      await sql`create schema if not exists ${sql.id(schema)}`.execute(connection);
      await migrateToLatest(connection as KyselyType<unknown>, schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}
