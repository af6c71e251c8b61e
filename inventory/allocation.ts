/**
 * Picking resources out of pools without ever handing one to two contracts. Every pick happens in
 * the caller's transaction and locks its rows: pool picks use FOR UPDATE SKIP LOCKED (concurrent
 * allocators pass each other instead of queueing or colliding), named picks lock exactly the rows
 * asked for. A quarantined resource counts as free once its quarantineUntil has passed.
 */
import { checkResourceValue, KIND_NAMES, type ResourceKind } from '../domain/resource-formats';
import type { ExpressionBuilder } from 'kysely';
import type { InventoryDatabase, ResourceRow } from './db/schema';
import { at, type Change, type InventoryTrx } from './changes';
import { InventoryError } from './errors';
import type { ReserveItem } from './types';

export interface PoolRef {
  id: string;
  kind: ResourceKind;
}

/** Rows a new holder may take at `now`. */
export function reusableAt(now: Date) {
  return (eb: ExpressionBuilder<InventoryDatabase, 'resource'>) =>
    eb.and([
      // Repeats the partial index predicate so the planner walks resource_allocatable.
      eb('state', 'in', ['free', 'quarantined']),
      eb.or([eb('state', '=', 'free'), eb('quarantine_until', '<=', at(now))]),
    ]);
}

const isReusable = (row: ResourceRow, now: Date) =>
  row.state === 'free' ||
  (row.state === 'quarantined' && new Date(row.quarantine_until!).getTime() <= now.getTime());

function describePools(item: Pick<ReserveItem, 'kind' | 'poolId' | 'areaCode'>): string {
  const where = [item.poolId ? `"${item.poolId}"` : '', item.areaCode ? `area code ${item.areaCode}` : '']
    .filter(Boolean)
    .join(', ');
  return `${KIND_NAMES[item.kind]}${where ? ` (${where})` : ''}`;
}

/** The pools an item may draw from, in a stable order. */
export async function findPools(
  trx: InventoryTrx,
  item: Pick<ReserveItem, 'kind' | 'poolId' | 'areaCode'>,
): Promise<PoolRef[]> {
  let query = trx.selectFrom('resource_pool').select(['id', 'kind']).where('kind', '=', item.kind);
  if (item.poolId) query = query.where('id', '=', item.poolId);
  if (item.areaCode)
    query = query.where((eb) => eb(eb.ref('attributes', '->>').key('areaCode'), '=', item.areaCode!));
  const pools = await query.orderBy('id').execute();
  if (pools.length === 0) {
    throw new InventoryError(
      'UnknownPool',
      `there is no pool of ${describePools(item)}; seed one or ask for another`,
      {
        kind: item.kind,
        poolId: item.poolId,
        areaCode: item.areaCode,
      },
    );
  }
  return pools;
}

/** Lock `quantity` reusable rows from the pools, lowest value first. */
export async function pickFromPools(
  change: Change,
  pools: PoolRef[],
  quantity: number,
): Promise<ResourceRow[]> {
  const poolIds = pools.map((p) => p.id);
  const rows = await change.trx
    .selectFrom('resource')
    .selectAll()
    .where('pool_id', 'in', poolIds)
    .where(reusableAt(change.now))
    .orderBy('value')
    .limit(quantity)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length < quantity) await refuseShortage(change, pools, quantity);
  return rows;
}

/**
 * Too few unlocked rows: either the pools really are exhausted (a business fact, final) or other
 * allocations in flight lock rows they may yet give back (worth a retry).
 */
async function refuseShortage(change: Change, pools: PoolRef[], asked: number): Promise<never> {
  const { free } = await change.trx
    .selectFrom('resource')
    .select((eb) => eb.fn.countAll<number>().as('free'))
    .where(
      'pool_id',
      'in',
      pools.map((p) => p.id),
    )
    .where(reusableAt(change.now))
    .executeTakeFirstOrThrow();
  const names = pools.map((p) => `"${p.id}"`).join(', ');
  const details = { pools: pools.map((p) => p.id), free: Number(free), asked };
  if (Number(free) >= asked) {
    throw new InventoryError(
      'PoolContended',
      `pool ${names}: free resources are locked by allocations in flight; retry`,
      details,
    );
  }
  const kind = KIND_NAMES[pools[0]!.kind];
  const subject = pools.length === 1 ? `pool ${names} (${kind}) is` : `pools ${names} (${kind}) are`;
  throw new InventoryError(
    'PoolExhausted',
    `${subject} exhausted: ${Number(free)} free, ${asked} asked`,
    details,
  );
}

export interface NamedPick {
  kind: ResourceKind;
  value: string;
  poolId?: string;
}

/** Check and normalise the values a customer asked for by name. */
export function normalisePreferred(item: ReserveItem): NamedPick[] {
  return (item.preferred ?? []).map((raw) => {
    const checked = checkResourceValue(item.kind, raw);
    if (!checked.ok) {
      throw new InventoryError('InvalidResourceFormat', checked.message, {
        rule: checked.rule,
        kind: item.kind,
        value: raw,
      });
    }
    return { kind: item.kind, value: checked.value, poolId: item.poolId };
  });
}

/**
 * Lock exactly the named rows, all in one statement ordered by id, so two reservations asking for
 * overlapping names wait for each other instead of deadlocking. Refuses if any one is not free.
 */
export async function pickNamed(change: Change, picks: NamedPick[]): Promise<ResourceRow[]> {
  if (picks.length === 0) return [];
  const rows = await change.trx
    .selectFrom('resource')
    .selectAll()
    .where((eb) => eb.or(picks.map((p) => eb.and([eb('kind', '=', p.kind), eb('value', '=', p.value)]))))
    .orderBy('id')
    .forUpdate()
    .execute();
  return picks.map((pick) => {
    const row = rows.find((r) => r.kind === pick.kind && r.value === pick.value);
    const refusal = refuseNamed(change, pick, row);
    if (refusal) throw refusal;
    return row!;
  });
}

function refuseNamed(
  change: Change,
  pick: NamedPick,
  row: ResourceRow | undefined,
): InventoryError | undefined {
  const label = `${pick.kind === 'ipv4-block' ? 'block' : 'number'} ${pick.value}`;
  const unavailable = (why: string, extra: Record<string, unknown> = {}) =>
    new InventoryError('ResourceUnavailable', `${label} ${why}`, {
      kind: pick.kind,
      value: pick.value,
      ...extra,
    });
  if (!row) return unavailable('is not in the inventory');
  if (pick.poolId && row.pool_id !== pick.poolId) return unavailable(`is not in pool "${pick.poolId}"`);
  if (isReusable(row, change.now)) return undefined;
  if (row.state === 'quarantined') {
    const until = new Date(row.quarantine_until!).toISOString();
    return unavailable(`is in quarantine until ${until}`, { quarantineUntil: until });
  }
  if (row.contract_no === change.contractNo) {
    return unavailable(`is already held by this contract (request "${row.request_id}")`, {
      state: row.state,
    });
  }
  // Never say which customer has it.
  return unavailable('is held by another contract');
}
