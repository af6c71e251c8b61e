/**
 * Part 4: allocations per second (a reservation: idempotency row, SKIP LOCKED pick, state change,
 * audit entry, one transaction) against plain single-row INSERTs into the same table, on PostgreSQL
 * (the shared server, a schema of its own) and on the embedded store. Uses inventory/bench.ts.
 */
import { runBench, type BenchOptions } from '../inventory/bench';
import { pairedRatio, spread, type Spread } from './stats';

export interface InventoryRow {
  engine: 'postgres' | 'pglite';
  clients: number;
  count: number;
  reservePerSecond: Spread;
  insertPerSecond: Spread;
  /** reservations/s ÷ inserts/s, paired by repeat. */
  ratio: Spread;
}

export interface InventoryFigures {
  parameters: { allocations: number; repeats: number; databaseUrl: string };
  rows: InventoryRow[];
  skipped: string[];
}

export async function benchInventory(count: number, repeats: number): Promise<InventoryFigures> {
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/orchestrator';
  const setups: BenchOptions[] = [
    { engine: 'postgres', databaseUrl, count, clients: 1 },
    { engine: 'postgres', databaseUrl, count, clients: 8 },
    { engine: 'pglite', count, clients: 1 },
  ];
  const rows: InventoryRow[] = [];
  const skipped: string[] = [];
  for (const setup of setups) {
    try {
      const reserve: number[] = [];
      const insert: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const figures = await runBench(setup);
        reserve.push(figures.find((f) => f.operation === 'reserve')!.perSecond);
        insert.push(figures.find((f) => f.operation === 'plain INSERT')!.perSecond);
      }
      rows.push({
        engine: setup.engine,
        clients: setup.clients,
        count,
        reservePerSecond: spread(reserve),
        insertPerSecond: spread(insert),
        ratio: pairedRatio(reserve, insert),
      });
    } catch (error) {
      skipped.push(
        `${setup.engine} × ${setup.clients}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return {
    parameters: { allocations: count, repeats, databaseUrl: databaseUrl.replace(/\/\/[^@]*@/, '//…@') },
    rows,
    skipped,
  };
}
