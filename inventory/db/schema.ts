/**
 * The inventory tables as Kysely sees them. Timestamps are timestamptz, read back as Date and
 * written as UTC ISO strings; JSON columns are written as JSON text (pg would turn a JS array into
 * a PostgreSQL array literal).
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { ResourceKind } from '../../domain/resource-formats';

/**
 * Life of one resource (TMF685 terms in brackets): free [available] → held [reserved, until the
 * hold expires] → assigned [in use by a contract] ⇄ suspended [kept for the contract, service off]
 * → quarantined [reclaimed, resting until quarantineUntil] → handed out again.
 */
export const RESOURCE_STATES = ['free', 'held', 'assigned', 'suspended', 'quarantined'] as const;
export type ResourceState = (typeof RESOURCE_STATES)[number];

/** States in which a resource belongs to a contract. */
export const TAKEN_STATES = ['held', 'assigned', 'suspended'] as const satisfies readonly ResourceState[];

type Timestamp = ColumnType<Date, string, string>;
type NullableTimestamp = ColumnType<Date | null, string | null, string | null>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export type Attributes = Record<string, string | number | boolean>;

export interface ResourcePoolTable {
  id: string;
  kind: ResourceKind;
  name: string;
  /** Facts about the whole pool, e.g. the area code of display numbers. */
  attributes: Json<Attributes>;
  /** IPv4 pools only: the CIDR blocks sub-blocks are cut from. */
  ipv4_blocks: Json<string[]>;
  created_at: Timestamp;
}

export interface ResourceTable {
  id: Generated<string>;
  pool_id: string;
  kind: ResourceKind;
  /** Canonical spelling (domain/resource-formats), unique per kind. */
  value: string;
  /** Facts that come with the resource, e.g. an SMS port's carrier. */
  attributes: Json<Attributes>;
  state: ResourceState;
  contract_no: string | null;
  /** The reservation (request id) that took it. */
  request_id: string | null;
  /** What this contract ordered on it, e.g. a circuit's bandwidth. */
  assignment: NullableJson<Attributes>;
  hold_expires_at: NullableTimestamp;
  quarantine_until: NullableTimestamp;
  updated_at: Timestamp;
}

export interface InventoryRequestTable {
  contract_no: string;
  request_id: string;
  operation: string;
  /** The request as first received; a retry with different content is refused. */
  fingerprint: string;
  result: NullableJson<unknown>;
  created_at: Timestamp;
}

export interface InventoryAuditTable {
  id: Generated<string>;
  at: Timestamp;
  operation: string;
  actor: string;
  reason: string;
  contract_no: string | null;
  request_id: string | null;
  resource_id: string | null;
  pool_id: string;
  kind: ResourceKind;
  value: string;
  from_state: ResourceState | null;
  to_state: ResourceState | 'retired';
  details: NullableJson<Attributes>;
}

export interface InventoryDatabase {
  resource_pool: ResourcePoolTable;
  resource: ResourceTable;
  inventory_request: InventoryRequestTable;
  inventory_audit: InventoryAuditTable;
}

export type ResourceRow = Selectable<ResourceTable>;
export type NewResource = Insertable<ResourceTable>;
export type NewAuditEntry = Insertable<InventoryAuditTable>;
