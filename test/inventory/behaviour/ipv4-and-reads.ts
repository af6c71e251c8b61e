/** IPv4 sub-blocks, the audit trail, pool occupancy and seeding from data/pools. */
import { blockEnd, blocksOverlap, parseIpv4Block } from '../../../domain/resource-formats';
import { commit, release, suspendKeepNumber } from '../../../inventory/lifecycle';
import { seedPoolsFromFiles } from '../../../inventory/pools';
import { contractHistory, poolOccupancy, resourceHistory } from '../../../inventory/queries';
import { reserve } from '../../../inventory/reserve';
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

const ipv4 = (prefixLength: number, quantity = 1) => ({
  kind: 'ipv4-block' as const,
  prefixLength,
  quantity,
});

export function ipv4AndReadsBehaviour(ctx: SuiteContext) {
  describe('IPv4 sub-blocks', () => {
    test('sub-blocks of the asked size are cut from the pool, aligned and never overlapping', async () => {
      const sizes = [29, 30, 28, 29, 32, 27, 30];
      const blocks = [];
      for (const [i, prefixLength] of sizes.entries()) {
        const r = await reserve(
          ctx.db(),
          { contractNo: CONTRACT_001, requestId: `ip-${i}`, items: [ipv4(prefixLength)] },
          T0,
        );
        blocks.push(parseIpv4Block(r.resources[0]!.value)!);
      }
      const pool = parseIpv4Block('198.51.100.0/24')!;
      for (const [i, b] of blocks.entries()) {
        expect(b.prefixLength).toBe(sizes[i]);
        expect(b.start >= pool.start && blockEnd(b) <= blockEnd(pool)).toBe(true);
        for (const other of blocks.slice(i + 1)) expect(blocksOverlap(b, other)).toBe(false);
      }
      const occupancy = (await poolOccupancy(ctx.db(), T0)).find((p) => p.poolId === 'ipv4-test');
      expect(occupancy).toMatchObject({
        unit: 'addresses',
        total: 256,
        held: 8 + 4 + 16 + 8 + 1 + 32 + 4,
        free: 256 - 73,
      });
    });

    test('a pool with no room for the size left is exhausted, by name', async () => {
      await reserve(ctx.db(), { contractNo: CONTRACT_001, requestId: 'half', items: [ipv4(25, 2)] }, T0);
      const e = await refusal(
        reserve(ctx.db(), { contractNo: CONTRACT_002, requestId: 'more', items: [ipv4(30)] }, T0),
      );
      expect(e).toMatchObject({
        type: 'PoolExhausted',
        message: 'pool "ipv4-test" (IPv4 addresses) has no free /30 left: 0 of 1 found',
      });
      expect(
        (
          await refusal(
            reserve(ctx.db(), { contractNo: CONTRACT_002, requestId: 'odd', items: [ipv4(33)] }, T0),
          )
        ).type,
      ).toBe('InvalidResourceFormat');
    });

    test('released addresses rest in quarantine, then may be cut differently', async () => {
      await reserve(ctx.db(), { contractNo: CONTRACT_001, requestId: 'ip', items: [ipv4(24)] }, T0);
      await commit(ctx.db(), { contractNo: CONTRACT_001, requestId: 'ip-commit', reservationId: 'ip' }, T0);
      await release(ctx.db(), { contractNo: CONTRACT_001, requestId: 'end', quarantineDays: 90 }, T0);
      const early = await refusal(
        reserve(ctx.db(), { contractNo: CONTRACT_002, requestId: 'a', items: [ipv4(29)] }, daysLater(80)),
      );
      expect(early.type).toBe('PoolExhausted');
      const r = await reserve(
        ctx.db(),
        { contractNo: CONTRACT_002, requestId: 'b', items: [ipv4(29)] },
        daysLater(91),
      );
      expect(r.resources[0]!.value).toBe('198.51.100.0/29');
      const old = await resourceHistory(ctx.db(), 'ipv4-block', '198.51.100.0/24');
      expect(old.at(-1)).toMatchObject({ toState: 'retired', details: { resplitInto: '198.51.100.0/29' } });
    });
  });

  describe('audit trail and reads', () => {
    test('every change names contract, request, actor, reason, time and both states', async () => {
      await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_003,
          requestId: 'open',
          items: [{ kind: 'number-400', poolId: 'n400-single' }],
          actor: 'alice',
          reason: 'service request form: open',
        },
        T0,
      );
      await commit(
        ctx.db(),
        { contractNo: CONTRACT_003, requestId: 'open-commit', reservationId: 'open', actor: 'bob' },
        later(5),
      );
      await suspendKeepNumber(
        ctx.db(),
        { contractNo: CONTRACT_003, requestId: 'stop', reason: 'customer asked' },
        later(10),
      );
      const history = await contractHistory(ctx.db(), CONTRACT_003);
      expect(history).toEqual([
        expect.objectContaining({
          at: T0.toISOString(),
          operation: 'reserve',
          actor: 'alice',
          reason: 'service request form: open',
          requestId: 'open',
          fromState: 'free',
          toState: 'held',
          value: '4006180000',
          poolId: 'n400-single',
        }),
        expect.objectContaining({
          at: later(5).toISOString(),
          operation: 'commit',
          actor: 'bob',
          reason: 'commit',
          requestId: 'open-commit',
          fromState: 'held',
          toState: 'assigned',
        }),
        expect.objectContaining({
          operation: 'suspend-keep-number',
          actor: 'orchestrator',
          reason: 'customer asked',
          fromState: 'assigned',
          toState: 'suspended',
        }),
      ]);
      expect(history.every((h) => h.contractNo === CONTRACT_003)).toBe(true);
    });

    test('pool occupancy counts every state, and expired quarantine as free', async () => {
      const items = [{ kind: 'number-400' as const, poolId: 'n400-test', quantity: 3 }];
      await reserve(ctx.db(), { contractNo: CONTRACT_003, requestId: 'r', items }, T0);
      await commit(ctx.db(), { contractNo: CONTRACT_003, requestId: 'c', reservationId: 'r' }, T0);
      await suspendKeepNumber(
        ctx.db(),
        { contractNo: CONTRACT_003, requestId: 's', values: ['4008260001'] },
        T0,
      );
      await release(
        ctx.db(),
        { contractNo: CONTRACT_003, requestId: 'x', values: ['4008260002'], quarantineDays: 10 },
        T0,
      );
      const at = async (when: Date) =>
        (await poolOccupancy(ctx.db(), when)).find((p) => p.poolId === 'n400-test');
      expect(await at(T0)).toMatchObject({
        unit: 'resources',
        total: 3,
        free: 0,
        held: 0,
        assigned: 1,
        suspended: 1,
        quarantined: 1,
      });
      expect(await at(daysLater(11))).toMatchObject({ free: 1, quarantined: 0 });
    });

    test('the sample pools in data/pools load, and loading them again adds nothing', async () => {
      await ctx.empty();
      const first = await seedPoolsFromFiles(ctx.db(), T0);
      expect(first.find((r) => r.poolId === 'number-400-national')).toEqual({
        poolId: 'number-400-national',
        added: 400,
        alreadyThere: 0,
      });
      const again = await seedPoolsFromFiles(ctx.db(), later(1));
      expect(again.every((r) => r.added === 0)).toBe(true);
      const occupancy = await poolOccupancy(ctx.db(), T0);
      expect(occupancy.find((p) => p.poolId === 'ipv4-js-public')).toMatchObject({ total: 512, free: 512 });
      expect(occupancy.find((p) => p.poolId === 'special-96-xj')?.free).toBeGreaterThan(10);
      const seeded = await resourceHistory(ctx.db(), 'special-number', '96110');
      expect(seeded.map((h) => [h.operation, h.poolId])).toEqual([['seed', 'special-96-xj']]);
    });
  });
}
