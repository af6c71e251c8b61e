/**
 * Read side of the inventory: what a contract holds, the regulator's trail of a resource or a
 * contract, and how full each pool is. Quarantine that has run out counts as free, as allocation
 * sees it.
 */
import { blockSize, checkResourceValue, parseIpv4Block, type ResourceKind } from '../domain/resource-formats';
import { at, iso, toView } from './changes';
import type { Selectable } from 'kysely';
import {
  RESOURCE_STATES,
  TAKEN_STATES,
  type Attributes,
  type InventoryAuditTable,
  type ResourceState,
} from './db/schema';
import { sql } from './db/native-modules';
import { InventoryError } from './errors';
import type { InventoryDb } from './store';
import type { ResourceView } from './types';

/** Resources held, in service or suspended for the contract. */
export async function contractResources(db: InventoryDb, contractNo: string): Promise<ResourceView[]> {
  const rows = await db
    .selectFrom('resource')
    .selectAll()
    .where('contract_no', '=', contractNo)
    .where('state', 'in', [...TAKEN_STATES])
    .orderBy('kind')
    .orderBy('value')
    .execute();
  return rows.map(toView);
}

export interface AuditEntry {
  at: string;
  operation: string;
  actor: string;
  reason: string;
  contractNo: string | null;
  requestId: string | null;
  poolId: string;
  kind: ResourceKind;
  value: string;
  fromState: ResourceState | null;
  toState: ResourceState | 'retired';
  details: Attributes | null;
}

const auditColumns = [
  'at',
  'operation',
  'actor',
  'reason',
  'contract_no',
  'request_id',
  'pool_id',
  'kind',
  'value',
  'from_state',
  'to_state',
  'details',
] as const;

type AuditRow = Pick<Selectable<InventoryAuditTable>, (typeof auditColumns)[number]>;

const toEntry = (r: AuditRow): AuditEntry => ({
  at: iso(r.at),
  operation: r.operation,
  actor: r.actor,
  reason: r.reason,
  contractNo: r.contract_no,
  requestId: r.request_id,
  poolId: r.pool_id,
  kind: r.kind,
  value: r.value,
  fromState: r.from_state,
  toState: r.to_state,
  details: r.details,
});

/** Every state change of one resource, oldest first; the value may be written loosely ("400-826-0001"). */
export async function resourceHistory(
  db: InventoryDb,
  kind: ResourceKind,
  value: string,
): Promise<AuditEntry[]> {
  const checked = checkResourceValue(kind, value);
  if (!checked.ok) throw new InventoryError('InvalidResourceFormat', checked.message, { rule: checked.rule });
  const rows = await db
    .selectFrom('inventory_audit')
    .select(auditColumns)
    .where('kind', '=', kind)
    .where('value', '=', checked.value)
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

/** Every state change made for a contract, oldest first. */
export async function contractHistory(db: InventoryDb, contractNo: string): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('inventory_audit')
    .select(auditColumns)
    .where('contract_no', '=', contractNo)
    .orderBy('id')
    .execute();
  return rows.map(toEntry);
}

export interface PoolOccupancy {
  poolId: string;
  kind: ResourceKind;
  name: string;
  /** IPv4 pools are counted in addresses, every other pool in resources. */
  unit: 'addresses' | 'resources';
  total: number;
  free: number;
  held: number;
  assigned: number;
  suspended: number;
  quarantined: number;
}

/** Free / held / assigned / suspended / quarantined per pool at `now`. */
export async function poolOccupancy(db: InventoryDb, now: Date): Promise<PoolOccupancy[]> {
  const current = db
    .selectFrom('resource')
    .select([
      'pool_id',
      'kind',
      'value',
      sql<ResourceState>`case when state = 'quarantined' and quarantine_until <= ${at(now)} then 'free' else state end`.as(
        'state',
      ),
    ])
    .as('r');
  // An IPv4 row is a CIDR sub-block: weigh it by its number of addresses.
  const units = sql<number>`sum(case when r.kind = 'ipv4-block' then power(2, 32 - split_part(r.value, '/', 2)::int) else 1 end)::float8`;
  const counts = await db
    .selectFrom(current)
    .select(['r.pool_id', 'r.state', units.as('units')])
    .groupBy(['r.pool_id', 'r.state'])
    .execute();
  const pools = await db
    .selectFrom('resource_pool')
    .select(['id', 'kind', 'name', 'ipv4_blocks'])
    .orderBy('id')
    .execute();
  return pools.map((pool) => {
    const byState = Object.fromEntries(RESOURCE_STATES.map((s) => [s, 0])) as Record<ResourceState, number>;
    for (const c of counts.filter((c) => c.pool_id === pool.id)) byState[c.state] += Number(c.units);
    const isIpv4 = pool.kind === 'ipv4-block';
    const total = isIpv4
      ? addressesIn(pool.ipv4_blocks)
      : RESOURCE_STATES.reduce((n, s) => n + byState[s], 0);
    const taken = byState.held + byState.assigned + byState.suspended + byState.quarantined;
    return {
      poolId: pool.id,
      kind: pool.kind,
      name: pool.name,
      unit: isIpv4 ? 'addresses' : 'resources',
      total,
      ...byState,
      free: total - taken,
    };
  });
}

const addressesIn = (cidrs: string[]) =>
  cidrs.reduce((n, cidr) => n + blockSize(parseIpv4Block(cidr)?.prefixLength ?? 32), 0);
