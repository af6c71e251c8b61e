/** After the hold: release into quarantine, suspend keeping the number, number change, expired holds. */
import {
  changeNumber,
  commit,
  release,
  releaseExpiredHolds,
  resumeService,
  suspendKeepNumber,
} from '../../../inventory/lifecycle';
import { contractResources, resourceHistory } from '../../../inventory/queries';
import { reserve } from '../../../inventory/reserve';
import type { InventoryDb } from '../../../inventory/store';
import type { ReserveItem } from '../../../inventory/types';
import {
  CONTRACT_001,
  CONTRACT_002,
  CONTRACT_003,
  daysLater,
  later,
  refusal,
  T0,
  type SuiteContext,
} from './fixtures';

/** Reserve and commit in one go, as provisioning does. */
async function inService(
  db: InventoryDb,
  contractNo: string,
  requestId: string,
  items: ReserveItem[],
  at = T0,
) {
  await reserve(db, { contractNo, requestId, items }, at);
  return commit(db, { contractNo, requestId: `${requestId}-commit`, reservationId: requestId }, at);
}

const the400 = { kind: 'number-400' as const, poolId: 'n400-single', quantity: 1 };

export function lifecycleBehaviour(ctx: SuiteContext) {
  describe('release and quarantine', () => {
    // Released 2025-03-11 04:00 Shanghai: the 90 days run 12 March – 9 June (art. 201), so the number
    // goes to someone else from 2025-06-10 00:00 Shanghai.
    const quarantineEnd = new Date('2025-06-09T16:00:00.000Z');

    test('a number taken back from a terminated contract rests 90 days (contract 001, 3.2.10)', async () => {
      await inService(ctx.db(), CONTRACT_001, 'p1', [the400], daysLater(-30));
      const r = await release(
        ctx.db(),
        { contractNo: CONTRACT_001, requestId: 'terminate', quarantineDays: 90, reason: 'contract ended' },
        T0,
      );
      expect(r.resources).toMatchObject([{ value: '4006180000', state: 'quarantined', contractNo: null }]);
      expect(r.resources[0]!.quarantineUntil).toBe(quarantineEnd.toISOString());
      expect(await contractResources(ctx.db(), CONTRACT_001)).toEqual([]);
    });

    test('nobody gets a quarantined number before quarantineUntil; the next comer does from then on', async () => {
      await inService(ctx.db(), CONTRACT_001, 'p1', [the400], daysLater(-30));
      await release(ctx.db(), { contractNo: CONTRACT_001, requestId: 'terminate', quarantineDays: 90 }, T0);
      const askAt = (at: Date, requestId: string) =>
        reserve(ctx.db(), { contractNo: CONTRACT_002, requestId, items: [the400] }, at);
      expect((await refusal(askAt(later(-1, quarantineEnd), 'early'))).type).toBe('PoolExhausted');
      const named = await refusal(
        reserve(
          ctx.db(),
          {
            contractNo: CONTRACT_002,
            requestId: 'named',
            items: [{ kind: 'number-400', preferred: ['4006180000'] }],
          },
          T0,
        ),
      );
      expect(named).toMatchObject({
        type: 'ResourceUnavailable',
        message: `number 4006180000 is in quarantine until ${quarantineEnd.toISOString()}`,
      });
      const r = await askAt(quarantineEnd, 'on-time');
      expect(r.resources[0]).toMatchObject({
        value: '4006180000',
        state: 'held',
        contractNo: CONTRACT_002,
        quarantineUntil: null,
      });
      const history = await resourceHistory(ctx.db(), 'number-400', '400-618-0000');
      expect(history.map((h) => [h.operation, h.fromState, h.toState])).toEqual([
        ['seed', null, 'free'],
        ['reserve', 'free', 'held'],
        ['commit', 'held', 'assigned'],
        ['release', 'assigned', 'quarantined'],
        ['reserve', 'quarantined', 'held'],
      ]);
    });

    test('a hold that never went into service is free again at once', async () => {
      await reserve(ctx.db(), { contractNo: CONTRACT_002, requestId: 'r1', items: [the400] }, T0);
      const r = await release(
        ctx.db(),
        { contractNo: CONTRACT_002, requestId: 'cancel', quarantineDays: 90 },
        T0,
      );
      expect(r.resources).toMatchObject([{ state: 'free', quarantineUntil: null }]);
    });

    test('a retried release changes nothing; releasing what the contract does not hold is refused', async () => {
      await inService(ctx.db(), CONTRACT_001, 'p1', [the400]);
      const request = { contractNo: CONTRACT_001, requestId: 'terminate', quarantineDays: 90 };
      const first = await release(ctx.db(), request, T0);
      expect(await release(ctx.db(), request, later(60))).toEqual(first);
      const e = await refusal(
        release(ctx.db(), { ...request, requestId: 'other', values: ['4008260000'] }, T0),
      );
      expect(e).toMatchObject({
        type: 'ResourceUnavailable',
        message: `4008260000: not held by contract ${CONTRACT_001}`,
      });
    });
  });

  describe('suspend keeping the number (contract 003, 停机保号)', () => {
    test('the number stays with the contract while service is off, and comes back on resume', async () => {
      await inService(ctx.db(), CONTRACT_003, 'open', [the400]);
      const s = await suspendKeepNumber(
        ctx.db(),
        { contractNo: CONTRACT_003, requestId: 'stop-1', reason: 'customer request' },
        later(60),
      );
      expect(s.resources).toMatchObject([
        { value: '4006180000', state: 'suspended', contractNo: CONTRACT_003 },
      ]);
      const taken = await refusal(
        reserve(
          ctx.db(),
          {
            contractNo: CONTRACT_002,
            requestId: 'x',
            items: [{ kind: 'number-400', preferred: ['4006180000'] }],
          },
          later(61),
        ),
      );
      expect(taken.message).toBe('number 4006180000 is held by another contract');
      const resumed = await resumeService(
        ctx.db(),
        { contractNo: CONTRACT_003, requestId: 'resume-1' },
        later(120),
      );
      expect(resumed.resources).toMatchObject([{ state: 'assigned', contractNo: CONTRACT_003 }]);
    });

    test('only resources in service can be suspended', async () => {
      await reserve(ctx.db(), { contractNo: CONTRACT_003, requestId: 'open', items: [the400] }, T0);
      const e = await refusal(
        suspendKeepNumber(ctx.db(), { contractNo: CONTRACT_003, requestId: 'stop-1' }, T0),
      );
      expect(e).toMatchObject({
        type: 'InvalidRequest',
        message: '4006180000: still on hold, not in service; commit first',
      });
    });
  });

  describe('number change (contract 003)', () => {
    test('the new number takes the old one’s place and the old one goes into quarantine', async () => {
      await inService(ctx.db(), CONTRACT_003, 'open', [
        { kind: 'number-400', poolId: 'n400-test', quantity: 1 },
      ]);
      const request = {
        contractNo: CONTRACT_003,
        requestId: 'change-1',
        oldValue: '4008260000',
        newValue: '400 826 0002',
        quarantineDays: 90,
      };
      const change = await changeNumber(ctx.db(), request, T0);
      expect(change.taken).toMatchObject({
        value: '4008260002',
        state: 'assigned',
        contractNo: CONTRACT_003,
        reservationId: 'change-1',
      });
      expect(change.released).toMatchObject({
        value: '4008260000',
        state: 'quarantined',
        quarantineUntil: '2025-06-09T16:00:00.000Z',
      });
      expect(await changeNumber(ctx.db(), request, later(5))).toEqual(change);
      expect((await contractResources(ctx.db(), CONTRACT_003)).map((r) => r.value)).toEqual(['4008260002']);
    });

    test('without a wish the next free number of the same pool is taken; a taken wish is refused', async () => {
      await inService(ctx.db(), CONTRACT_003, 'open', [
        { kind: 'number-400', poolId: 'n400-test', quantity: 1 },
      ]);
      await inService(ctx.db(), CONTRACT_002, 'open', [
        { kind: 'number-400', poolId: 'n400-test', quantity: 1 },
      ]);
      const base = { contractNo: CONTRACT_003, oldValue: '4008260000', quarantineDays: 90 };
      const e = await refusal(
        changeNumber(ctx.db(), { ...base, requestId: 'c1', newValue: '4008260001' }, T0),
      );
      expect(e).toMatchObject({
        type: 'ResourceUnavailable',
        message: 'number 4008260001 is held by another contract',
      });
      const change = await changeNumber(ctx.db(), { ...base, requestId: 'c2' }, T0);
      expect(change.taken.value).toBe('4008260002');
    });
  });

  describe('expired holds', () => {
    test('holds nobody committed go back to the pool once they expire, and cannot be committed after', async () => {
      await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_002,
          requestId: 'r1',
          items: [{ kind: 'seat', quantity: 2 }],
          holdMinutes: 30,
        },
        T0,
      );
      expect((await releaseExpiredHolds(ctx.db(), {}, later(29))).released).toEqual([]);
      const swept = await releaseExpiredHolds(ctx.db(), { actor: 'hold-sweeper' }, later(30));
      expect(swept.released.map((h) => [h.contractNo, h.reservationId, h.value])).toEqual([
        [CONTRACT_002, 'r1', 'SEAT-XZ-0001'],
        [CONTRACT_002, 'r1', 'SEAT-XZ-0002'],
      ]);
      const e = await refusal(
        commit(ctx.db(), { contractNo: CONTRACT_002, requestId: 'c1', reservationId: 'r1' }, later(31)),
      );
      expect(e.type).toBe('ReservationNotFound');
      const history = await resourceHistory(ctx.db(), 'seat', 'SEAT-XZ-0001');
      expect(history.at(-1)).toMatchObject({
        operation: 'release-expired-hold',
        actor: 'hold-sweeper',
        contractNo: CONTRACT_002,
        toState: 'free',
      });
    });
  });
}
