/** Reserving and committing: by quantity, by name, all or nothing, once per request id. */
import { commit } from '../../../inventory/lifecycle';
import { contractHistory, contractResources, poolOccupancy } from '../../../inventory/queries';
import { reserve } from '../../../inventory/reserve';
import {
  CONTRACT_000,
  CONTRACT_001,
  CONTRACT_002,
  CONTRACT_004,
  later,
  refusal,
  T0,
  type SuiteContext,
} from './fixtures';

export function reservationBehaviour(ctx: SuiteContext) {
  describe('reserve and commit', () => {
    test('a reservation by kind and quantity holds the lowest free values until the hold expires', async () => {
      const r = await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_002,
          requestId: 'r1',
          items: [{ kind: 'number-400', poolId: 'n400-test', quantity: 2 }],
          holdMinutes: 90,
        },
        T0,
      );
      expect(r.reservationId).toBe('r1');
      expect(r.holdExpiresAt).toBe(later(90).toISOString());
      expect(r.resources.map((x) => [x.value, x.state, x.contractNo])).toEqual([
        ['4008260000', 'held', CONTRACT_002],
        ['4008260001', 'held', CONTRACT_002],
      ]);
      const n400 = (await poolOccupancy(ctx.db(), T0)).find((p) => p.poolId === 'n400-test');
      expect(n400).toMatchObject({ total: 3, free: 1, held: 2, assigned: 0 });
    });

    test('a retried reserve returns the first answer and takes nothing more', async () => {
      const request = {
        contractNo: CONTRACT_002,
        requestId: 'r1',
        items: [{ kind: 'seat' as const, quantity: 1 }],
      };
      const first = await reserve(ctx.db(), request, T0);
      const retry = await reserve(ctx.db(), { ...request, actor: 'someone else' }, later(5));
      expect(retry).toEqual(first);
      expect(await contractResources(ctx.db(), CONTRACT_002)).toHaveLength(1);
      expect(await contractHistory(ctx.db(), CONTRACT_002)).toHaveLength(1);
    });

    test('a request id reused for different content is refused', async () => {
      await reserve(
        ctx.db(),
        { contractNo: CONTRACT_002, requestId: 'r1', items: [{ kind: 'seat', quantity: 1 }] },
        T0,
      );
      const e = await refusal(
        reserve(
          ctx.db(),
          { contractNo: CONTRACT_002, requestId: 'r1', items: [{ kind: 'seat', quantity: 2 }] },
          T0,
        ),
      );
      expect(e.type).toBe('RequestConflict');
      expect(e.message).toContain('use a new request id');
    });

    test('commit puts the held resources into service; a retried commit changes nothing', async () => {
      await reserve(
        ctx.db(),
        { contractNo: CONTRACT_002, requestId: 'r1', items: [{ kind: 'seat', quantity: 2 }] },
        T0,
      );
      const commitRequest = { contractNo: CONTRACT_002, requestId: 'c1', reservationId: 'r1' };
      const first = await commit(ctx.db(), commitRequest, later(10));
      expect(first.resources.map((x) => [x.value, x.state, x.holdExpiresAt])).toEqual([
        ['SEAT-XZ-0001', 'assigned', null],
        ['SEAT-XZ-0002', 'assigned', null],
      ]);
      const entries = (await contractHistory(ctx.db(), CONTRACT_002)).length;
      expect(await commit(ctx.db(), commitRequest, later(20))).toEqual(first);
      expect(await contractHistory(ctx.db(), CONTRACT_002)).toHaveLength(entries);
    });

    test('contract 000 gets 96110 by name, with its seat and line, in one reservation', async () => {
      const r = await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_000,
          requestId: 'provision-1',
          items: [
            { kind: 'special-number', preferred: ['96110'] },
            { kind: 'seat', quantity: 1 },
            { kind: 'circuit', quantity: 1, bandwidthMbps: 100 },
          ],
        },
        T0,
      );
      expect(r.resources.map((x) => x.value)).toEqual(['96110', 'SEAT-XZ-0001', 'CZ-MSTP-000001']);
      expect(r.resources[2]!.assignment).toEqual({ bandwidthUpMbps: 100, bandwidthDownMbps: 100 });
    });

    test('a named number someone else holds is refused without saying who holds it', async () => {
      const ask = (contractNo: string, requestId: string) =>
        reserve(
          ctx.db(),
          { contractNo, requestId, items: [{ kind: 'special-number', preferred: ['96110'] }] },
          T0,
        );
      await ask(CONTRACT_000, 'provision-1');
      const e = await refusal(ask(CONTRACT_004, 'want-96110'));
      expect(e.type).toBe('ResourceUnavailable');
      expect(e.message).toBe('number 96110 is held by another contract');
      expect(JSON.stringify(e.details)).not.toContain(CONTRACT_000);
      expect((await refusal(ask(CONTRACT_000, 'again'))).message).toContain('already held by this contract');
    });

    test('a number outside the inventory is unavailable; a malformed one names the broken rule', async () => {
      const ask = (preferred: string[], kind: 'number-400' | 'special-number' = 'number-400') =>
        reserve(ctx.db(), { contractNo: CONTRACT_002, requestId: 'x', items: [{ kind, preferred }] }, T0);
      expect((await refusal(ask(['4009999999']))).message).toBe('number 4009999999 is not in the inventory');
      const e = await refusal(ask(['4001234']));
      expect(e.type).toBe('InvalidResourceFormat');
      expect(e.message).toBe('number "4001234": a 400 number is 10 digits starting with 400');
      expect(e.details.rule).toBe('number-400');
      expect((await refusal(ask(['110'], 'special-number'))).message).toContain(
        '95 or 96 followed by 3 to 6 digits',
      );
    });

    test('loosely written numbers are taken in their canonical form', async () => {
      const r = await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_002,
          requestId: 'x',
          items: [{ kind: 'number-400', preferred: ['400-826-0002'] }],
        },
        T0,
      );
      expect(r.resources[0]!.value).toBe('4008260002');
    });

    test('an exhausted pool is a final refusal naming the pool; nothing of the request is kept', async () => {
      const e = await refusal(
        reserve(
          ctx.db(),
          {
            contractNo: CONTRACT_000,
            requestId: 'too-many',
            items: [
              { kind: 'special-number', preferred: ['96110'] },
              { kind: 'seat', quantity: 3 },
            ],
          },
          T0,
        ),
      );
      expect(e.type).toBe('PoolExhausted');
      expect(e.message).toBe('pool "seats-test" (agent seats) is exhausted: 2 free, 3 asked');
      expect(await contractResources(ctx.db(), CONTRACT_000)).toEqual([]);
      const retry = await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_000,
          requestId: 'too-many',
          items: [{ kind: 'special-number', preferred: ['96110'] }],
        },
        T0,
      );
      expect(retry.resources[0]!.value).toBe('96110');
    });

    test('display numbers come from the pool of the asked area code', async () => {
      const r = await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_002,
          requestId: 'r1',
          items: [{ kind: 'display-number', areaCode: '025', quantity: 2 }],
        },
        T0,
      );
      expect(r.resources.map((x) => [x.value, x.poolId])).toEqual([
        ['025-84561000', 'display-025-test'],
        ['025-84561001', 'display-025-test'],
      ]);
      const e = await refusal(
        reserve(
          ctx.db(),
          {
            contractNo: CONTRACT_002,
            requestId: 'r2',
            items: [{ kind: 'display-number', areaCode: '0755' }],
          },
          T0,
        ),
      );
      expect(e.type).toBe('UnknownPool');
      expect(e.message).toContain('area code 0755');
    });

    test('circuits need a bandwidth the price table sells', async () => {
      const ask = (bandwidthMbps?: number) =>
        reserve(
          ctx.db(),
          {
            contractNo: CONTRACT_001,
            requestId: 'lines',
            items: [{ kind: 'circuit', quantity: 2, bandwidthMbps }],
          },
          T0,
        );
      expect((await refusal(ask())).type).toBe('InvalidRequest');
      const e = await refusal(ask(37));
      expect(e.type).toBe('InvalidResourceFormat');
      expect(e.message).toMatch(/^bandwidth "37": a line bandwidth is one of 2, 10, .* Mbit\/s$/);
    });

    test('an SMS port comes with an enterprise code (contract 004)', async () => {
      const r = await reserve(
        ctx.db(),
        {
          contractNo: CONTRACT_004,
          requestId: 'sms',
          items: [
            { kind: 'sms-access-number', quantity: 1 },
            { kind: 'enterprise-code', quantity: 1 },
          ],
        },
        T0,
      );
      expect(r.resources.map((x) => [x.kind, x.value])).toEqual([
        ['sms-access-number', '106590251001'],
        ['enterprise-code', '251001'],
      ]);
    });
  });
}
