/**
 * The inventory on a real PostgreSQL server (`bash infra/up.sh postgres`; DATABASE_URL overrides the
 * default URL): the same behaviour suite as the embedded store, then allocation under concurrency.
 */
import { seedPools } from '../../inventory/pools';
import { reserve } from '../../inventory/reserve';
import type { InventoryStore } from '../../inventory/store';
import type { Reservation } from '../../inventory/types';
import { describeInventoryBehaviour } from './behaviour';
import { refusal, T0 } from './behaviour/fixtures';
import { dropSchema, openPostgresStore, testSchemaName } from './support/stores';

const behaviourSchema = testSchemaName('behaviour');
describeInventoryBehaviour(
  'PostgreSQL',
  () => openPostgresStore(behaviourSchema),
  async (store) => {
    await dropSchema(store, behaviourSchema);
    await store.close();
  },
);

const ALLOCATORS = 8;
const NUMBERS = 5000;
const POOL = {
  id: 'n400-bulk',
  kind: 'number-400' as const,
  name: 'bulk 400 numbers',
  ranges: [{ from: '4000000000', count: NUMBERS }],
};

/** One allocator: its own pg pool with one connection, reserving one number at a time. */
async function allocate(store: InventoryStore, allocator: number, count: number): Promise<Reservation[]> {
  const taken: Reservation[] = [];
  for (let n = 0; n < count; n++) {
    const request = {
      contractNo: `LOAD-${allocator}`,
      requestId: `take-${n}`,
      items: [{ kind: 'number-400' as const, poolId: POOL.id }],
    };
    for (;;) {
      try {
        taken.push(await reserve(store.db, request, T0));
        break;
      } catch (error) {
        // What Temporal would do with a retryable failure: try again.
        if ((error as { type?: string }).type !== 'PoolContended') throw error;
      }
    }
  }
  return taken;
}

describe('allocation under concurrency on PostgreSQL', () => {
  const schema = testSchemaName('concurrency');
  let stores: InventoryStore[] = [];

  beforeAll(async () => {
    // The first store migrates the schema; the others find it ready.
    stores = [await openPostgresStore(schema, 1)];
    stores.push(
      ...(await Promise.all(Array.from({ length: ALLOCATORS - 1 }, () => openPostgresStore(schema, 1)))),
    );
    await seedPools(stores[0]!.db, [POOL], T0);
  });

  afterAll(async () => {
    if (stores[0]) await dropSchema(stores[0], schema);
    await Promise.all(stores.map((s) => s.close()));
  });

  test(`${ALLOCATORS} allocators take ${NUMBERS} numbers: no duplicate, none lost`, async () => {
    const started = Date.now();
    const results = await Promise.all(stores.map((store, i) => allocate(store, i, NUMBERS / ALLOCATORS)));
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `${NUMBERS} allocations by ${ALLOCATORS} allocators in ${seconds.toFixed(1)} s (${Math.round(NUMBERS / seconds)}/s)`,
    );

    const reservations = results.flat();
    expect(reservations).toHaveLength(NUMBERS);
    expect(reservations.every((r) => r.resources.length === 1)).toBe(true);
    const values = reservations.map((r) => r.resources[0]!.value);
    expect(new Set(values).size).toBe(NUMBERS);

    // Every reservation is what the database says, and the database holds nothing else.
    const db = stores[0]!.db;
    const rows = await db
      .selectFrom('resource')
      .select(['value', 'state', 'contract_no', 'request_id'])
      .where('pool_id', '=', POOL.id)
      .execute();
    const answered = new Map(
      reservations.map((r) => [r.resources[0]!.value, `${r.contractNo}/${r.reservationId}`]),
    );
    expect(rows.filter((r) => r.state !== 'held')).toEqual([]);
    expect(rows.every((r) => answered.get(r.value) === `${r.contract_no}/${r.request_id}`)).toBe(true);
    const audited = await db
      .selectFrom('inventory_audit')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('pool_id', '=', POOL.id)
      .where('to_state', '=', 'held')
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(NUMBERS);

    const e = await refusal(
      reserve(
        db,
        { contractNo: 'LOAD-X', requestId: 'one-more', items: [{ kind: 'number-400', poolId: POOL.id }] },
        T0,
      ),
    );
    expect(e.type).toBe('PoolExhausted');
  }, 300_000);

  test('racing retries of one request take one number and all get the same answer', async () => {
    const db = stores[0]!.db;
    await seedPools(
      db,
      [{ id: 'n400-race', kind: 'number-400', name: 'race', ranges: [{ from: '4001000000', count: 10 }] }],
      T0,
    );
    const request = {
      contractNo: 'RACE-1',
      requestId: 'provision',
      items: [{ kind: 'number-400' as const, poolId: 'n400-race', quantity: 2 }],
    };
    const [first, ...retries] = await Promise.all(stores.map((s) => reserve(s.db, request, T0)));
    for (const retry of retries) expect(retry).toEqual(first);
    const held = await db
      .selectFrom('resource')
      .select('value')
      .where('pool_id', '=', 'n400-race')
      .where('state', '=', 'held')
      .execute();
    expect(held).toHaveLength(2);
  });
});
