/**
 * A fresh in-memory inventory per simulation, seeded from data/pools like a new deployment. Creating an
 * embedded PostgreSQL takes seconds (initdb in wasm), so the migrated and seeded database is built once
 * and kept as a data-directory image — in memory for this process and in the temp directory for the
 * next one, keyed by the migrations, the pool files and the PGlite version — and every simulation
 * starts from a copy of it: same pools, same allocation order, nothing left over from another run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Kysely as KyselyType } from 'kysely';
import { migrateToLatest } from '../../inventory/db/migrations';
import { Kysely, loadPGlite, sql } from '../../inventory/db/native-modules';
import { PGliteDialect } from '../../inventory/db/pglite-dialect';
import type { InventoryDatabase } from '../../inventory/db/schema';
import { DEFAULT_POOLS_DIR, seedPoolsFromFiles } from '../../inventory/pools';
import type { InventoryStore } from '../../inventory/store';

/** Pools exist long before any contract; a fixed date keeps the image the same for every run. */
const POOLS_SEEDED_AT = new Date('2000-01-01T00:00:00Z');

let image: Promise<Blob> | undefined;

export async function simulationInventory(): Promise<InventoryStore> {
  image ??= cachedImage();
  image.catch(() => (image = undefined));
  const dump = await image;
  const { PGlite } = loadPGlite();
  const db: KyselyType<InventoryDatabase> = new Kysely<InventoryDatabase>({
    dialect: new PGliteDialect(() => PGlite.create({ loadDataDir: dump })),
  });
  // Open it now (wasm start and data-dir load take over a second), so it overlaps the server's start
  // rather than delaying the contract's first activity.
  await sql`select 1`.execute(db);
  return { db, engine: 'pglite', close: () => db.destroy() };
}

async function cachedImage(): Promise<Blob> {
  const file = join(tmpdir(), `contract-simulation-inventory-${imageKey()}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const dump = await seededImage();
  // Written under a unique name, then renamed: parallel runs never read a half-written image.
  const partial = `${file}.${process.pid}.${Date.now()}`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  return dump;
}

function imageKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(require.resolve('../../inventory/db/migrations')));
  for (const name of readdirSync(DEFAULT_POOLS_DIR).sort()) {
    hash.update(name).update(readFileSync(join(DEFAULT_POOLS_DIR, name)));
  }
  hash.update(String(readPGliteVersion()));
  return hash.digest('hex').slice(0, 16);
}

/** The installed PGlite version (its package.json is not exported, so walk up from its entry point). */
function readPGliteVersion(): string {
  for (let dir = dirname(require.resolve('@electric-sql/pglite')); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === '@electric-sql/pglite') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

async function seededImage(): Promise<Blob> {
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
}
