/**
 * What a running contract owes, as the book's metrics count it: its open obligations grouped by party
 * and due date, written to the workflow's memo so the worker can count the whole book from Temporal
 * visibility (the source of truth across workers, evictions and restarts) without querying every
 * contract. Bounded and non-personal: parties are an enum, dates are dates, no ids, names or text.
 */
import type { IsoDate } from '../domain/calendar';
import { PARTIES, type Obligation, type Party } from '../domain/lifecycle/status';

/** Memo key of the open obligations (`OwedGroup[]`); next to the typed client's `requestedBy`. */
export const BOOK_MEMO_KEY = 'obligations';

/**
 * Marks histories in which the contract writes its open obligations to the memo (a new command), so
 * histories recorded before replay without it.
 */
export const BOOK_MEMO_PATCH = 'book-obligations-memo';

/** `count` open obligations owed by `party`, due by `due` (local date, Asia/Shanghai), or undated. */
export interface OwedGroup {
  party: Party;
  due: IsoDate | null;
  count: number;
}

/**
 * The open obligations grouped by (party, due date), in a fixed order (party as listed in PARTIES,
 * then earliest due, undated last), so equal books serialise equally and the memo is written only on
 * change. Thirty lines to install by one date are one group, not thirty entries.
 */
export function owedGroups(obligations: readonly Obligation[]): OwedGroup[] {
  const groups = new Map<string, OwedGroup>();
  for (const o of obligations) {
    const due = (o.dueDate ?? null) as IsoDate | null;
    const key = `${o.party}|${due ?? ''}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { party: o.party, due, count: 1 });
  }
  return [...groups.values()].sort(
    (a, b) => PARTIES.indexOf(a.party) - PARTIES.indexOf(b.party) || byDue(a.due, b.due),
  );
}

function byDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
