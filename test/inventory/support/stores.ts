/** Stores for the inventory tests: embedded PGlite in memory, or a throw-away schema on PostgreSQL. */
import { sql } from '../../../inventory/db/native-modules';
import { createInventoryStore, type InventoryStore } from '../../../inventory/store';

/** Where `bash infra/up.sh postgres` listens. */
export const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/orchestrator';

export const openEmbeddedStore = () => createInventoryStore();

/** A schema of its own per test file, so runs never see each other's numbers. */
export function testSchemaName(label: string): string {
  return `inventory_test_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
}

export async function openPostgresStore(schema: string, maxConnections?: number): Promise<InventoryStore> {
  try {
    return await createInventoryStore({ databaseUrl: DATABASE_URL, schema, maxConnections });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL at ${DATABASE_URL} is not usable (${why}); start it with: bash infra/up.sh postgres`,
    );
  }
}

export async function dropSchema(store: InventoryStore, schema: string): Promise<void> {
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(store.db);
}

/** Empty every inventory table (TRUNCATE does not fire the audit log's append-only trigger). */
export async function emptyInventory(store: InventoryStore): Promise<void> {
  await sql`truncate inventory_audit, inventory_request, resource, resource_pool`.execute(store.db);
}
