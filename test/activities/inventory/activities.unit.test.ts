/** The inventory activities in an activity context, on the embedded store, with the clock passed in. */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createInventoryActivities, type InventoryActivities } from '../../../activities/inventory';
import { seedPools } from '../../../inventory/pools';
import type { InventoryStore } from '../../../inventory/store';
import {
  CONTRACT_000,
  CONTRACT_001,
  CONTRACT_004,
  daysLater,
  FIXTURE_POOLS,
  T0,
} from '../../inventory/behaviour/fixtures';
import { emptyInventory, openEmbeddedStore } from '../../inventory/support/stores';

let store: InventoryStore;
let now = T0;
let activities: InventoryActivities;
const env = new MockActivityEnvironment({
  workflowExecution: { workflowId: `contract-${CONTRACT_000}`, runId: 'run-1' },
});

/** Run an activity in the mock context; the request is typed by the activity, not by its literal. */
function run<A extends unknown[], R>(activity: (...args: A) => Promise<R>, ...args: NoInfer<A>): Promise<R> {
  return env.run<A, R, typeof activity>(activity, ...args);
}

async function failure(call: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApplicationFailure))
    throw new Error(`expected an ApplicationFailure, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  store = await openEmbeddedStore();
  activities = createInventoryActivities({ store, clock: () => now });
});
afterAll(() => store.close());
beforeEach(async () => {
  now = T0;
  await emptyInventory(store);
  await seedPools(store.db, FIXTURE_POOLS, T0);
});

describe('inventory activities', () => {
  test('contract 000 reserves 96110 and commits it; the audit names the workflow that asked', async () => {
    const reservation = await run(activities.reserveResources, {
      contractNo: CONTRACT_000,
      requestId: 'provision-1',
      items: [{ kind: 'special-number', preferred: ['96110'] }],
    });
    expect(reservation.resources).toMatchObject([{ value: '96110', state: 'held' }]);
    await run(activities.commitReservation, {
      contractNo: CONTRACT_000,
      requestId: 'commit-1',
      reservationId: 'provision-1',
    });
    expect(await run(activities.getContractResources, { contractNo: CONTRACT_000 })).toMatchObject([
      { value: '96110', state: 'assigned' },
    ]);
    const history = await run(activities.getResourceHistory, { kind: 'special-number', value: '96110' });
    expect(history.slice(1).map((h) => h.actor)).toEqual([
      `workflow:contract-${CONTRACT_000}`,
      `workflow:contract-${CONTRACT_000}`,
    ]);
  });

  test('business refusals are non-retryable failures typed for the workflow', async () => {
    const ask = (
      requestId: string,
      contractNo: string,
      preferred: string[],
      kind: 'special-number' | 'number-400' = 'special-number',
    ) => run(activities.reserveResources, { contractNo, requestId, items: [{ kind, preferred }] });
    await ask('p1', CONTRACT_000, ['96110']);

    const taken = await failure(ask('p2', CONTRACT_004, ['96110']));
    expect(taken).toMatchObject({
      type: 'ResourceUnavailable',
      nonRetryable: true,
      message: 'number 96110 is held by another contract',
    });

    const malformed = await failure(ask('p3', CONTRACT_004, ['4001234'], 'number-400'));
    expect(malformed).toMatchObject({ type: 'InvalidResourceFormat', nonRetryable: true });
    expect(malformed.details).toEqual([expect.objectContaining({ rule: 'number-400' })]);

    const exhausted = await failure(
      run(activities.reserveResources, {
        contractNo: CONTRACT_004,
        requestId: 'p4',
        items: [{ kind: 'seat', quantity: 9 }],
      }),
    );
    expect(exhausted).toMatchObject({
      type: 'PoolExhausted',
      nonRetryable: true,
      message: expect.stringContaining('"seats-test"'),
    });

    const invalid = await failure(
      run(activities.reserveResources, { contractNo: '', requestId: 'p5', items: [] }),
    );
    expect(invalid).toMatchObject({ type: 'InvalidRequest', nonRetryable: true });
  });

  test('the clock decides when quarantine is over: 001 3.2.10 reuse only after 90 days, on the 91st', async () => {
    const the400 = [{ kind: 'number-400' as const, poolId: 'n400-single' }];
    await run(activities.reserveResources, { contractNo: CONTRACT_001, requestId: 'p', items: the400 });
    await run(activities.commitReservation, {
      contractNo: CONTRACT_001,
      requestId: 'c',
      reservationId: 'p',
    });
    const released = await run(activities.releaseResources, {
      contractNo: CONTRACT_001,
      requestId: 'end',
      quarantineDays: 90,
    });
    expect(released.resources[0]!.quarantineUntil).toBe('2025-06-09T16:00:00.000Z');

    now = daysLater(90);
    const early = await failure(
      run(activities.reserveResources, { contractNo: CONTRACT_004, requestId: 'a', items: the400 }),
    );
    expect(early.type).toBe('PoolExhausted');
    now = daysLater(91);
    const onTime = await run(activities.reserveResources, {
      contractNo: CONTRACT_004,
      requestId: 'b',
      items: the400,
    });
    expect(onTime.resources[0]!.value).toBe('4006180000');

    const occupancy = await run(activities.getPoolOccupancy);
    expect(occupancy.find((p) => p.poolId === 'n400-single')).toMatchObject({ held: 1, quarantined: 0 });
  });

  test('expired holds are swept by the scheduled activity', async () => {
    await run(activities.reserveResources, {
      contractNo: CONTRACT_004,
      requestId: 'sms',
      items: [{ kind: 'sms-access-number' }, { kind: 'enterprise-code' }],
      holdMinutes: 60,
    });
    now = daysLater(1);
    const swept = await run(activities.releaseExpiredHolds, {});
    expect(swept.released.map((h) => h.value).sort()).toEqual(['106590251001', '251001']);
    expect(await run(activities.getContractHistory, { contractNo: CONTRACT_004 })).toHaveLength(4);
  });
});
