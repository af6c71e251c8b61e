/**
 * What safe allocation costs: reservations per second (idempotency row, SKIP LOCKED pick, state
 * change, audit entry, one transaction each) against plain single-row INSERTs into the same table,
 * in the same run. PostgreSQL with 1 and 8 clients (if reachable), then embedded PGlite.
 *
 *   npx tsx inventory/bench.ts [count]       (default 5000; DATABASE_URL picks the server)
 */
import { sql } from './db/native-modules';
import { seedPools } from './pools';
import { reserve } from './reserve';
import { createInventoryStore, type InventoryStore } from './store';

export interface BenchFigure {
  engine: 'postgres' | 'pglite';
  clients: number;
  operation: 'reserve' | 'plain INSERT';
  count: number;
  seconds: number;
  perSecond: number;
}

export interface BenchOptions {
  engine: 'postgres' | 'pglite';
  databaseUrl?: string;
  count: number;
  /** Separate connections working at once (PGlite has one connection, so always 1). */
  clients: number;
}

const NOW = new Date('2025-01-01T00:00:00.000Z');

async function timed(
  options: BenchOptions,
  operation: BenchFigure['operation'],
  work: () => Promise<unknown>,
): Promise<BenchFigure> {
  const started = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { engine, clients, count } = options;
  return { engine, clients, operation, count, seconds, perSecond: Math.round(count / seconds) };
}

/** Each client works through its share of `count`, one call at a time. */
const shared = (
  stores: InventoryStore[],
  count: number,
  call: (store: InventoryStore, i: number) => Promise<unknown>,
) =>
  Promise.all(
    stores.map(async (store, client) => {
      for (let i = client; i < count; i += stores.length) await call(store, i);
    }),
  );

function reserveOne(store: InventoryStore, i: number) {
  const request = {
    contractNo: 'BENCH',
    requestId: `r-${i}`,
    items: [{ kind: 'number-400' as const, poolId: 'bench-reserve' }],
  };
  return reserve(store.db, request, NOW);
}

function insertOne(store: InventoryStore, i: number) {
  return store.db
    .insertInto('resource')
    .values({
      pool_id: 'bench-insert',
      kind: 'number-400',
      value: `41${String(i).padStart(8, '0')}`,
      attributes: '{}',
      state: 'free',
      updated_at: NOW.toISOString(),
    })
    .execute();
}

export async function runBench(options: BenchOptions): Promise<BenchFigure[]> {
  const schema = `inventory_bench_${process.pid}_${options.clients}`;
  const open = () =>
    createInventoryStore(
      options.engine === 'postgres' ? { databaseUrl: options.databaseUrl, schema, maxConnections: 1 } : {},
    );
  const first = await open();
  const stores = [first, ...(await Promise.all(Array.from({ length: options.clients - 1 }, open)))];
  try {
    await seedPools(
      first.db,
      [
        {
          id: 'bench-reserve',
          kind: 'number-400',
          name: 'bench',
          ranges: [{ from: '4000000000', count: options.count }],
        },
        { id: 'bench-insert', kind: 'number-400', name: 'bench inserts', values: [] },
      ],
      NOW,
    );
    return [
      await timed(options, 'reserve', () => shared(stores, options.count, reserveOne)),
      await timed(options, 'plain INSERT', () => shared(stores, options.count, insertOne)),
    ];
  } finally {
    if (options.engine === 'postgres') await sql`drop schema ${sql.id(schema)} cascade`.execute(first.db);
    await Promise.all(stores.map((s) => s.close()));
  }
}

const row = (cells: (string | number)[]) =>
  cells.map((c, i) => String(c).padEnd([10, 8, 14, 7, 9][i] ?? 0)).join(' ');

async function main(count: number): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/orchestrator';
  const runs: BenchOptions[] = [
    { engine: 'postgres', databaseUrl, count, clients: 1 },
    { engine: 'postgres', databaseUrl, count, clients: 8 },
    { engine: 'pglite', count, clients: 1 },
  ];
  console.log(row(['engine', 'clients', 'operation', 'count', 'seconds', 'per second']));
  for (const run of runs) {
    try {
      for (const f of await runBench(run)) {
        console.log(row([f.engine, f.clients, f.operation, f.count, f.seconds.toFixed(2), f.perSecond]));
      }
    } catch (error) {
      console.log(
        `${run.engine} (${run.clients} clients) skipped: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

if (require.main === module) void main(Number(process.argv[2] ?? 5000));
