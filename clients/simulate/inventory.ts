/**
 * A fresh in-memory inventory per simulation, seeded from data/pools like a new deployment. Creating an
 * embedded PostgreSQL takes seconds (initdb in wasm), so the migrated and seeded database is built once
 * per process and every simulation starts from a copy of it: same pools, same allocation order, nothing
 * left over from another run.
 */
import type { Kysely as KyselyType } from 'kysely';
import { migrateToLatest } from '../../inventory/db/migrations';
import { Kysely, loadPGlite } from '../../inventory/db/native-modules';
import { PGliteDialect } from '../../inventory/db/pglite-dialect';
import type { InventoryDatabase } from '../../inventory/db/schema';
import { seedPoolsFromFiles } from '../../inventory/pools';
import type { InventoryStore } from '../../inventory/store';

/** Pools exist long before any contract; a fixed date keeps the copy the same for every run. */
const POOLS_SEEDED_AT = new Date('2000-01-01T00:00:00Z');

let template: Promise<Blob> | undefined;

function seededTemplate(): Promise<Blob> {
  template ??= (async () => {
    const { PGlite } = loadPGlite();
    const pglite = await PGlite.create();
    const db: KyselyType<InventoryDatabase> = new Kysely<InventoryDatabase>({
      dialect: new PGliteDialect(() => Promise.resolve(pglite)),
    });
    try {
      await migrateToLatest(db as unknown as KyselyType<unknown>, 'public');
      await seedPoolsFromFiles(db, POOLS_SEEDED_AT);
      return await pglite.dumpDataDir('none');
    } finally {
      await db.destroy();
    }
  })();
  template.catch(() => (template = undefined));
  return template;
}

export async function simulationInventory(): Promise<InventoryStore> {
  const dump = await seededTemplate();
  const { PGlite } = loadPGlite();
  const db: KyselyType<InventoryDatabase> = new Kysely<InventoryDatabase>({
    dialect: new PGliteDialect(() => PGlite.create({ loadDataDir: dump })),
  });
  return { db, engine: 'pglite', close: () => db.destroy() };
}
