/**
 * Claims: an engineer takes an open obligation that a person discharges, so colleagues see who works
 * on it (the inbox's assignee), and gives it up again. Each claim and release is a decision in the
 * log, by the key that acted; a claim ends with its obligation, so a later obligation with the same id
 * starts unassigned.
 */
import type { ActionInput } from '../lifecycle/actions';
import type { Obligation } from '../lifecycle/status';
import type { Draft } from './draft';
import { obligations } from './obligations';
import { claimOf } from './state';

/** At most this many ids are named when a request names an obligation that is not open. */
const NAMED = 8;

function openForPeople(d: Draft): Obligation[] {
  return obligations(d.spec, d.state, d.today).filter((o) => o.action);
}

export const claimRules = {
  claim: (d: Draft, { obligationId, claimedBy }: ActionInput<'claim'>): string | undefined => {
    const open = obligations(d.spec, d.state, d.today);
    const obligation = open.find((o) => o.id === obligationId);
    if (!obligation) {
      const ids = openForPeople(d).map((o) => o.id);
      const named = ids.length === 0 ? 'none' : ids.slice(0, NAMED).join(', ');
      const more = ids.length > NAMED ? ` and ${ids.length - NAMED} more` : '';
      return `obligation '${obligationId}' is not open on contract ${d.spec.contractNo} (open obligations a person acts on: ${named}${more})`;
    }
    if (!obligation.action) {
      return `obligation '${obligationId}' is discharged by ${obligation.party} reporting a fact, not by a person's action: it cannot be claimed`;
    }
    const held = claimOf(d.state, obligationId);
    if (held && held.by !== claimedBy)
      return `obligation '${obligationId}' is already claimed by ${held.by} since ${held.since}`;
    return undefined;
  },
  unclaim: (d: Draft, { obligationId }: ActionInput<'unclaim'>): string | undefined =>
    claimOf(d.state, obligationId)
      ? undefined
      : `nobody holds obligation '${obligationId}' on contract ${d.spec.contractNo}`,
};

/** Claiming what one already holds changes nothing: no second decision, the first `since` stays. */
export function claim(d: Draft, { obligationId, claimedBy }: ActionInput<'claim'>): void {
  if (claimOf(d.state, obligationId)) return;
  const obligation = obligations(d.spec, d.state, d.today).find((o) => o.id === obligationId);
  d.note('claim', claimedBy, `${obligationId}: ${obligation?.summary ?? ''}`.trim());
  d.emit({ type: 'obligation-claimed', obligationId, by: claimedBy, since: d.at });
}

export function unclaim(d: Draft, { obligationId, releasedBy }: ActionInput<'unclaim'>): void {
  const held = claimOf(d.state, obligationId)!;
  d.note('unclaim', releasedBy, `${obligationId} (held by ${held.by} since ${held.since})`);
  d.emit({ type: 'obligation-released', obligationId });
}

/** Claims whose obligation is no longer open end with it (discharged, or its stage is over). */
export function pruneClaims(d: Draft): void {
  const claimed = Object.keys(d.state.claims);
  if (claimed.length === 0) return;
  const open = new Set(obligations(d.spec, d.state, d.today).map((o) => o.id));
  for (const obligationId of claimed) {
    if (!open.has(obligationId)) d.emit({ type: 'obligation-released', obligationId });
  }
}
