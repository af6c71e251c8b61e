/**
 * What happens to resources after the hold: commit into service, suspend keeping the number
 * (contract 003 停机保号) and resume, number change, release into quarantine, and the sweep that
 * takes back holds nobody committed. Each is idempotent by (contract, request id).
 */
import { checkResourceValue } from '../domain/resource-formats';
import { pickFromPools, pickNamed } from './allocation';
import {
  at,
  iso,
  jsonOrNull,
  oncePerRequest,
  released,
  toView,
  transition,
  type Change,
  type InventoryTrx,
} from './changes';
import type { ResourceRow, ResourceState } from './db/schema';
import { InventoryError } from './errors';
import { quarantineUntil } from './quarantine';
import { changeFor, DEFAULT_ACTOR } from './reserve';
import type { InventoryDb } from './store';
import {
  ChangeNumberRequestSchema,
  CommitRequestSchema,
  parseRequest,
  ReleaseRequestSchema,
  SuspendRequestSchema,
  type ChangeResult,
  type NumberChange,
} from './types';

const keyOf = (r: { contractNo: string; requestId: string }, operation: string) => ({
  contractNo: r.contractNo,
  requestId: r.requestId,
  operation,
});

/** Rows as they are after `changed` replaced some of them. */
const merged = (rows: ResourceRow[], changed: ResourceRow[]) =>
  rows.map((r) => changed.find((c) => c.id === r.id) ?? r);

const answer = (r: { contractNo: string; requestId: string }, rows: ResourceRow[]): ChangeResult => ({
  contractNo: r.contractNo,
  requestId: r.requestId,
  resources: rows.map(toView),
});

export async function commit(db: InventoryDb, input: unknown, now: Date): Promise<ChangeResult> {
  const request = parseRequest(CommitRequestSchema, input);
  return oncePerRequest(db, keyOf(request, 'commit'), request, now, async (trx) => {
    const change = changeFor(trx, request, 'commit', now);
    const rows = await trx
      .selectFrom('resource')
      .selectAll()
      .where('contract_no', '=', request.contractNo)
      .where('request_id', '=', request.reservationId)
      .orderBy('value')
      .forUpdate()
      .execute();
    if (rows.length === 0) {
      throw new InventoryError(
        'ReservationNotFound',
        `reservation "${request.reservationId}" of contract ${request.contractNo} holds nothing: it was never made, or its hold expired and was released; reserve again`,
        { contractNo: request.contractNo, reservationId: request.reservationId },
      );
    }
    const inService = await transition(
      change,
      rows.filter((r) => r.state === 'held'),
      { state: 'assigned', hold_expires_at: null },
    );
    return answer(request, merged(rows, inService));
  });
}

/** The contract's resources, or just the named ones (refusing names the contract does not hold). */
async function lockHeldBy(
  trx: InventoryTrx,
  contractNo: string,
  values: string[] | undefined,
): Promise<ResourceRow[]> {
  let query = trx.selectFrom('resource').selectAll().where('contract_no', '=', contractNo);
  if (values) query = query.where('value', 'in', values);
  const rows = await query.orderBy('value').forUpdate().execute();
  const missing = (values ?? []).filter((v) => !rows.some((r) => r.value === v));
  if (missing.length > 0) {
    throw new InventoryError(
      'ResourceUnavailable',
      `${missing.join(', ')}: not held by contract ${contractNo}`,
      {
        contractNo,
        values: missing,
      },
    );
  }
  return rows;
}

/**
 * Give resources back. A hold that never went into service is simply free again; a resource that
 * served the contract rests in quarantine until 00:00 Shanghai, quarantineDays after today.
 */
export async function release(db: InventoryDb, input: unknown, now: Date): Promise<ChangeResult> {
  const request = parseRequest(ReleaseRequestSchema, input);
  return oncePerRequest(db, keyOf(request, 'release'), request, now, async (trx) => {
    const change = changeFor(trx, request, 'release', now);
    const rows = await lockHeldBy(trx, request.contractNo, request.values);
    const until = quarantineUntil(now, request.quarantineDays, request.availableFrom);
    const freed = await transition(
      change,
      rows.filter((r) => r.state === 'held'),
      released('free'),
    );
    const resting = await transition(
      change,
      rows.filter((r) => r.state !== 'held'),
      released('quarantined', until),
      { quarantineDays: request.quarantineDays },
    );
    return answer(request, merged(rows, [...freed, ...resting]));
  });
}

async function switchService(
  db: InventoryDb,
  input: unknown,
  now: Date,
  from: ResourceState,
  to: ResourceState,
) {
  const request = parseRequest(SuspendRequestSchema, input);
  const operation = to === 'suspended' ? 'suspend-keep-number' : 'resume';
  return oncePerRequest(db, keyOf(request, operation), request, now, async (trx) => {
    const rows = await lockHeldBy(trx, request.contractNo, request.values);
    const onHold = rows.filter((r) => r.state === 'held').map((r) => r.value);
    if (onHold.length > 0) {
      throw new InventoryError(
        'InvalidRequest',
        `${onHold.join(', ')}: still on hold, not in service; commit first`,
        {
          values: onHold,
        },
      );
    }
    const moved = await transition(
      changeFor(trx, request, operation, now),
      rows.filter((r) => r.state === from),
      { state: to },
    );
    return answer(request, merged(rows, moved));
  });
}

/** Service stops, the number stays with the contract (contract 003 停机保号). */
export const suspendKeepNumber = (db: InventoryDb, input: unknown, now: Date) =>
  switchService(db, input, now, 'assigned', 'suspended');

export const resumeService = (db: InventoryDb, input: unknown, now: Date) =>
  switchService(db, input, now, 'suspended', 'assigned');

/**
 * Number change (contract 003 service request): the new number takes the old one's place (same
 * state, same assignment) and the old one goes into quarantine, in one transaction.
 */
export async function changeNumber(db: InventoryDb, input: unknown, now: Date): Promise<NumberChange> {
  const request = parseRequest(ChangeNumberRequestSchema, input);
  return oncePerRequest(db, keyOf(request, 'change-number'), request, now, async (trx) => {
    const change = changeFor(trx, request, 'change-number', now);
    const old = (await lockHeldBy(trx, request.contractNo, [request.oldValue]))[0]!;
    if (old.state === 'held') {
      throw new InventoryError(
        'InvalidRequest',
        `${old.value}: still on hold; release it and reserve another`,
      );
    }
    const fresh = await pickReplacement(change, old, request.newValue);
    const taken = (
      await transition(change, fresh, {
        state: old.state,
        contract_no: request.contractNo,
        request_id: request.requestId,
        hold_expires_at: null,
        quarantine_until: null,
        assignment: jsonOrNull(old.assignment),
      })
    )[0]!;
    const resting = (
      await transition(
        change,
        [old],
        released('quarantined', quarantineUntil(now, request.quarantineDays, request.availableFrom)),
        {
          quarantineDays: request.quarantineDays,
          replacedBy: taken.value,
        },
      )
    )[0]!;
    return {
      contractNo: request.contractNo,
      requestId: request.requestId,
      released: toView(resting),
      taken: toView(taken),
    };
  });
}

function pickReplacement(
  change: Change,
  old: ResourceRow,
  newValue: string | undefined,
): Promise<ResourceRow[]> {
  if (newValue === undefined) return pickFromPools(change, [{ id: old.pool_id, kind: old.kind }], 1);
  const checked = checkResourceValue(old.kind, newValue);
  if (!checked.ok) {
    throw new InventoryError('InvalidResourceFormat', checked.message, {
      rule: checked.rule,
      kind: old.kind,
      value: newValue,
    });
  }
  return pickNamed(change, [{ kind: old.kind, value: checked.value }]);
}

export interface ExpiredHold {
  contractNo: string;
  reservationId: string;
  kind: ResourceRow['kind'];
  value: string;
  holdExpiresAt: string;
}

/** Take back every hold past its expiry (run on a schedule); holds another sweep is taking are skipped. */
export async function releaseExpiredHolds(
  db: InventoryDb,
  input: { actor?: string },
  now: Date,
): Promise<{ released: ExpiredHold[] }> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('resource')
      .selectAll()
      .where('state', '=', 'held')
      .where('hold_expires_at', '<=', at(now))
      .orderBy('contract_no')
      .orderBy('value')
      .forUpdate()
      .skipLocked()
      .execute();
    const change: Change = {
      trx,
      operation: 'release-expired-hold',
      contractNo: null,
      requestId: null,
      actor: input.actor ?? DEFAULT_ACTOR,
      reason: 'hold expired before commit',
      now,
    };
    await transition(change, rows, released('free'));
    const expired = rows.map((r) => ({
      contractNo: r.contract_no!,
      reservationId: r.request_id!,
      kind: r.kind,
      value: r.value,
      holdExpiresAt: iso(r.hold_expires_at!),
    }));
    return { released: expired };
  });
}
