/**
 * The inventory's behaviour, written once and run against every store: the embedded PGlite store
 * (test/inventory/store.unit.test.ts) and PostgreSQL (test/inventory/store.int.test.ts).
 */
import { seedPools } from '../../../inventory/pools';
import type { InventoryStore } from '../../../inventory/store';
import { emptyInventory } from '../support/stores';
import { FIXTURE_POOLS, T0, type SuiteContext } from './fixtures';
import { ipv4AndReadsBehaviour } from './ipv4-and-reads';
import { lifecycleBehaviour } from './lifecycle';
import { reservationBehaviour } from './reservation';

export function describeInventoryBehaviour(
  storeName: string,
  open: () => Promise<InventoryStore>,
  close: (store: InventoryStore) => Promise<void> = (store) => store.close(),
) {
  describe(`resource inventory on ${storeName}`, () => {
    let store: InventoryStore | undefined;
    const ctx: SuiteContext = {
      db: () => {
        if (!store) throw new Error('store not open');
        return store.db;
      },
      empty: () => emptyInventory(store!),
    };

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      if (store) await close(store);
    });
    beforeEach(async () => {
      await ctx.empty();
      await seedPools(ctx.db(), FIXTURE_POOLS, T0);
    });

    reservationBehaviour(ctx);
    lifecycleBehaviour(ctx);
    ipv4AndReadsBehaviour(ctx);
  });
}
