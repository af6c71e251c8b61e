/**
 * Reserve: put resources on hold for a contract until `holdExpiresAt`. All items of a request are
 * taken in one transaction, all or nothing: contract 000 gets 96110, its seat and its cloud line
 * together, or nothing and a reason.
 */
import { checkBandwidth } from '../domain/resource-formats';
import { findPools, normalisePreferred, pickFromPools, pickNamed, type NamedPick } from './allocation';
import { jsonOrNull, oncePerRequest, toView, transition, type Change, type InventoryTrx } from './changes';
import type { Attributes, ResourceRow } from './db/schema';
import { InventoryError } from './errors';
import { carveIpv4 } from './ipv4';
import type { InventoryDb } from './store';
import { parseRequest, ReserveRequestSchema, type Reservation, type ReserveItem } from './types';

export const DEFAULT_HOLD_MINUTES = 24 * 60;
export const DEFAULT_ACTOR = 'orchestrator';

export async function reserve(db: InventoryDb, input: unknown, now: Date): Promise<Reservation> {
  const request = parseRequest(ReserveRequestSchema, input);
  const items = request.items.map(checkItem);
  const holdExpiresAt = new Date(
    now.getTime() + (request.holdMinutes ?? DEFAULT_HOLD_MINUTES) * 60_000,
  ).toISOString();
  const key = { contractNo: request.contractNo, requestId: request.requestId, operation: 'reserve' };
  return oncePerRequest(db, key, request, now, async (trx) => {
    const change = changeFor(trx, request, 'reserve', now);
    // Named resources first, all in one sorted lock; pool picks follow.
    const namedRows = await pickNamed(
      change,
      items.flatMap((i) => i.named),
    );
    const held: ResourceRow[] = [];
    for (const checked of items) {
      // Each item is moved to held before the next is picked: our own row locks do not hide rows
      // from our own later SKIP LOCKED picks, the state change does.
      const rows =
        checked.named.length > 0 ? namedBy(namedRows, checked.named) : await pickFor(change, checked);
      const hold = {
        state: 'held' as const,
        contract_no: request.contractNo,
        request_id: request.requestId,
        hold_expires_at: holdExpiresAt,
        quarantine_until: null,
        assignment: jsonOrNull(assignmentOf(checked.item)),
      };
      held.push(...(await transition(change, rows, hold, { holdExpiresAt })));
    }
    return {
      contractNo: request.contractNo,
      reservationId: request.requestId,
      holdExpiresAt,
      resources: held.map(toView),
    };
  });
}

export function changeFor(
  trx: InventoryTrx,
  request: { contractNo: string; requestId: string; actor?: string; reason?: string },
  operation: string,
  now: Date,
): Change {
  return {
    trx,
    operation,
    contractNo: request.contractNo,
    requestId: request.requestId,
    actor: request.actor ?? DEFAULT_ACTOR,
    reason: request.reason ?? operation,
    now,
  };
}

export interface CheckedItem {
  item: ReserveItem;
  named: NamedPick[];
  quantity: number;
}

/** Everything that can be refused without looking at the database. */
export function checkItem(item: ReserveItem): CheckedItem {
  const invalid = (message: string) => new InventoryError('InvalidRequest', message, { kind: item.kind });
  const named = normalisePreferred(item);
  if (named.length > 0 && item.quantity !== undefined && item.quantity !== named.length) {
    throw invalid(`asked for ${item.quantity} ${item.kind} but named ${named.length}; name them all or none`);
  }
  if (new Set(named.map((n) => n.value)).size !== named.length)
    throw invalid(`the same ${item.kind} is named twice`);
  if (item.kind === 'ipv4-block' && (item.prefixLength === undefined || named.length > 0)) {
    throw invalid('IPv4 addresses are reserved by prefixLength (e.g. 29 for 8 addresses), not by name');
  }
  if (item.kind === 'circuit') {
    if (item.bandwidthMbps === undefined) throw invalid('a circuit needs bandwidthMbps (e.g. 100)');
    const bandwidth = checkBandwidth(item.bandwidthMbps);
    if (!bandwidth.ok)
      throw new InventoryError('InvalidResourceFormat', bandwidth.message, { rule: bandwidth.rule });
  }
  return { item, named, quantity: named.length || (item.quantity ?? 1) };
}

function assignmentOf(item: ReserveItem): Attributes | null {
  if (item.kind === 'circuit' && item.bandwidthMbps !== undefined) {
    // Contract 001 lines are symmetric: the same bandwidth up and down.
    return { bandwidthUpMbps: item.bandwidthMbps, bandwidthDownMbps: item.bandwidthMbps };
  }
  return null;
}

const namedBy = (rows: ResourceRow[], named: NamedPick[]) =>
  rows.filter((r) => named.some((n) => n.kind === r.kind && n.value === r.value));

/** Rows for an item that names nothing: the lowest free values of its pools, or fresh IPv4 cuts. */
export async function pickFor(change: Change, { item, quantity }: CheckedItem): Promise<ResourceRow[]> {
  const pools = await findPools(change.trx, item);
  return item.kind === 'ipv4-block'
    ? carveIpv4(change, pools, item.prefixLength!, quantity)
    : pickFromPools(change, pools, quantity);
}
