/**
 * The two guarantees every inventory change shares: it happens once per (contract, request id), and
 * each resource it moves leaves an audit entry (who, why, when, from which state to which).
 */
import type { Transaction, Updateable } from 'kysely';
import type { Attributes, InventoryDatabase, ResourceRow, ResourceState, ResourceTable } from './db/schema';
import { sql } from './db/native-modules';
import { InventoryError } from './errors';
import type { InventoryDb } from './store';
import type { ResourceView } from './types';

export type InventoryTrx = Transaction<InventoryDatabase>;

export interface Change {
  trx: InventoryTrx;
  operation: string;
  /** Null only for sweeps across contracts (expired holds); the row's holder is audited then. */
  contractNo: string | null;
  requestId: string | null;
  actor: string;
  reason: string;
  now: Date;
}

// Dates may come from another realm (PGlite under jest), so convert through the constructor.
export const iso = (date: Date): string => new Date(date).toISOString();
const isoOrNull = (date: Date | null) => (date === null ? null : iso(date));

export function toView(row: ResourceRow): ResourceView {
  return {
    kind: row.kind,
    poolId: row.pool_id,
    value: row.value,
    state: row.state,
    contractNo: row.contract_no,
    reservationId: row.request_id,
    attributes: row.attributes,
    assignment: row.assignment,
    holdExpiresAt: isoOrNull(row.hold_expires_at),
    quarantineUntil: isoOrNull(row.quarantine_until),
    updatedAt: iso(row.updated_at),
  };
}

/** A point in time as a query parameter (ISO text cast by the server, the same on pg and PGlite). */
export const at = (date: Date) => sql<Date>`${date.toISOString()}::timestamptz`;

export const jsonOrNull = (value: Attributes | null): string | null =>
  value === null ? null : JSON.stringify(value);

/** JSON with sorted keys, so two equal requests always read the same. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

interface RequestKey {
  contractNo: string;
  requestId: string;
  operation: string;
}

/**
 * Run `work` in a transaction, once per (contract, request id). A retry, even one racing the first
 * attempt, waits on the request row and gets the first answer back; a different request reusing
 * the id is refused. Actor and reason are not part of the identity (a retry may word them anew).
 */
export async function oncePerRequest<T>(
  db: InventoryDb,
  key: RequestKey,
  request: { actor?: string; reason?: string },
  now: Date,
  work: (trx: InventoryTrx) => Promise<T>,
): Promise<T> {
  const { actor: _actor, reason: _reason, ...substance } = request;
  const fingerprint = canonicalJson({ operation: key.operation, ...substance });
  return db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto('inventory_request')
      .values({
        contract_no: key.contractNo,
        request_id: key.requestId,
        operation: key.operation,
        fingerprint,
        result: null,
        created_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['contract_no', 'request_id']).doNothing())
      .returning('request_id')
      .executeTakeFirst();
    if (!fresh) return replay<T>(trx, key, fingerprint);
    const result = await work(trx);
    await trx
      .updateTable('inventory_request')
      .set({ result: JSON.stringify(result) })
      .where('contract_no', '=', key.contractNo)
      .where('request_id', '=', key.requestId)
      .execute();
    return result;
  });
}

async function replay<T>(trx: InventoryTrx, key: RequestKey, fingerprint: string): Promise<T> {
  const first = await trx
    .selectFrom('inventory_request')
    .select(['operation', 'fingerprint', 'result'])
    .where('contract_no', '=', key.contractNo)
    .where('request_id', '=', key.requestId)
    .executeTakeFirstOrThrow();
  if (first.fingerprint !== fingerprint) {
    throw new InventoryError(
      'RequestConflict',
      `request "${key.requestId}" of contract ${key.contractNo} was already used for a different ${first.operation} request; use a new request id`,
      { contractNo: key.contractNo, requestId: key.requestId, firstOperation: first.operation },
    );
  }
  return first.result as T;
}

/** Columns a state sets; the holder columns are cleared whenever a resource leaves its contract. */
export type StatePatch = Omit<Updateable<ResourceTable>, 'id' | 'updated_at'> & { state: ResourceState };

export const released = (
  state: 'free' | 'quarantined',
  quarantineUntil: string | null = null,
): StatePatch => ({
  state,
  contract_no: null,
  request_id: null,
  assignment: null,
  hold_expires_at: null,
  quarantine_until: quarantineUntil,
});

/** Move rows to a new state and audit each move. Returns the rows as they are now, in input order. */
export async function transition(
  change: Change,
  rows: ResourceRow[],
  patch: StatePatch,
  details?: Attributes,
): Promise<ResourceRow[]> {
  if (rows.length === 0) return [];
  const updated = await change.trx
    .updateTable('resource')
    .set({ ...patch, updated_at: change.now.toISOString() })
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .returningAll()
    .execute();
  const byId = new Map(updated.map((r) => [r.id, r]));
  await audit(
    change,
    rows.map((before) => ({ before, to: patch.state })),
    details,
  );
  return rows.map((r) => byId.get(r.id)!);
}

interface Move {
  /** The resource before the move; id null for a pool's IPv4 block, which has no row. */
  before: Pick<ResourceRow, 'pool_id' | 'kind' | 'value' | 'contract_no' | 'request_id'> & {
    id: string | null;
    state: ResourceState | null;
  };
  to: ResourceState | 'retired';
}

export async function audit(change: Change, moves: Move[], details?: Attributes): Promise<void> {
  if (moves.length === 0) return;
  await change.trx
    .insertInto('inventory_audit')
    .values(
      moves.map(({ before, to }) => ({
        at: change.now.toISOString(),
        operation: change.operation,
        actor: change.actor,
        reason: change.reason,
        contract_no: change.contractNo ?? before.contract_no,
        request_id: change.requestId ?? before.request_id,
        resource_id: before.id,
        pool_id: before.pool_id,
        kind: before.kind,
        value: before.value,
        from_state: before.state,
        to_state: to,
        details: details ? JSON.stringify(details) : null,
      })),
    )
    .execute();
}
