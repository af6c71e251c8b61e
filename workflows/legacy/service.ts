/**
 * 在网服务 — the active service loop. It sleeps until the next date that matters (a due date, a
 * dunning step, a remediation deadline, the renewal checkpoint, the end of the term, a stop date) or
 * until a fact or a human action arrives, applies what is due, and returns how the term ends.
 */
import { workflowInfo } from '@temporalio/workflow';
import { addDays, type IsoDate } from '../../domain/calendar';
import { renewalOutlook } from './clauses/term';
import type { Outcome } from '../../domain/lifecycle/stages';
import { today, waitUntilDate } from './clock';
import type { Contract } from './contract';
import { applyDunning, nextDunningDate } from './dunning';
import { applyFact, setPortsBlocked, type Fact } from './facts';

export type Ending =
  | { kind: 'renew' }
  | { kind: 'end'; outcome: Outcome; date: IsoDate; clause?: string }
  /** History is long: carry the state into a fresh run and keep serving. */
  | { kind: 'continue' };

export async function activeService(c: Contract, inbox: Fact[]): Promise<Ending> {
  c.enter(c.state.suspension ? 'suspended' : 'active');
  for (;;) {
    while (inbox.length > 0) await applyFact(c, inbox.shift()!);
    await applyDunning(c);
    await applyRemediationDeadlines(c);
    const ending = await termCheckpoints(c);
    if (ending) return ending;
    if (workflowInfo().continueAsNewSuggested) return { kind: 'continue' };

    const next = nextDate(c);
    c.waitFor(next.what, next.date);
    const version = c.changes;
    await waitUntilDate(next.date, () => inbox.length > 0 || c.changes !== version);
  }
}

/** Remediation not confirmed by its deadline (004 clause 7.3): termination plus the penalty. */
async function applyRemediationDeadlines(c: Contract): Promise<void> {
  const day = today();
  for (const v of c.state.violations) {
    if (v.status === 'remediated' && v.remediateBy) {
      c.clearDeadline(`remediation ${v.violationId}`);
    }
    if (v.status !== 'remediating' || !v.remediateBy || day <= v.remediateBy) continue;
    v.status = 'failed';
    c.clearDeadline(`remediation ${v.violationId}`);
    const tiers = c.spec.clauses.compliance.violationTiers;
    const rule = tiers?.[v.tier];
    const penalty = rule?.response === 'remediate' ? rule.penaltyIfUnremediedFen : 0;
    await c.charge(
      'violation-penalty',
      penalty,
      `violation ${v.violationId} not remedied by ${v.remediateBy}`,
      tiers?.ref ?? 'default',
      `violation:${v.violationId}`,
    );
    c.state.scheduledTermination ??= { date: day, outcome: 'violation', clause: tiers?.ref ?? 'default' };
  }
}

/** Remediation confirmed in time: unblock the port and record it (called from the update handler). */
export async function remediationPassed(c: Contract, violationId: string): Promise<void> {
  const v = c.state.violations.find((x) => x.violationId === violationId);
  if (!v) return;
  v.status = 'remediated';
  c.clearDeadline(`remediation ${violationId}`);
  if (!c.state.violations.some((x) => x.status === 'remediating'))
    await setPortsBlocked(c, false, violationId);
  await c.emit('telecom.contract.violation-remediated.v1', { violationId, remediatedDate: today() });
}

/** Renewal checkpoint (expiry − notice days), term end, unsubscribe stop date, scheduled termination. */
async function termCheckpoints(c: Contract): Promise<Ending | undefined> {
  const day = today();
  const s = c.state;
  if (s.scheduledTermination && day >= s.scheduledTermination.date) {
    return { kind: 'end', ...s.scheduledTermination };
  }
  if (s.unsubscribe && day >= s.unsubscribe.stopDate) {
    return {
      kind: 'end',
      outcome: 'unsubscribed',
      date: s.unsubscribe.stopDate,
      clause: c.spec.clauses.unsubscribe?.ref,
    };
  }
  const end = s.term.end!;
  const outlook = renewalOutlook(c.spec, { start: s.term.start!, end }, s.renewalsSoFar);
  if (
    outlook.kind === 'auto' &&
    day > outlook.nonRenewalNoticeDeadline &&
    !s.flags.includes(`renewal-due:${s.term.number}`)
  ) {
    s.flags.push(`renewal-due:${s.term.number}`);
    await c.emit('telecom.contract.renewal-due.v1', {
      expiryDate: end,
      noticeDeadline: outlook.nonRenewalNoticeDeadline,
      autoRenew: !s.nonRenewal,
      ...(s.nonRenewal ? {} : { renewalTermMonths: monthsOf(c) }),
    });
  }
  if (day <= end) return undefined;
  if (outlook.kind === 'auto' && !s.nonRenewal) return { kind: 'renew' };
  return {
    kind: 'end',
    outcome: s.nonRenewal ? 'not-renewed' : 'expired',
    date: addDays(end, 1),
    clause: outlook.ref,
  };
}

function monthsOf(c: Contract): number {
  const r = c.spec.clauses.renewal;
  return r.mode === 'auto' ? r.renewalMonths : 0;
}

function nextDate(c: Contract): { date: IsoDate; what: string } {
  const s = c.state;
  const candidates: Array<{ date: IsoDate; what: string }> = [];
  const add = (date: IsoDate | undefined, what: string) =>
    date && date > today() && candidates.push({ date, what });
  add(nextDunningDate(c), 'payment (next dunning step)');
  for (const v of s.violations)
    if (v.status === 'remediating' && v.remediateBy)
      add(addDays(v.remediateBy, 1), `remediation of ${v.violationId}`);
  if (s.unsubscribe) add(s.unsubscribe.stopDate, 'the unsubscribe stop date');
  if (s.scheduledTermination) add(s.scheduledTermination.date, 'termination');
  const outlook = renewalOutlook(c.spec, { start: s.term.start!, end: s.term.end! }, s.renewalsSoFar);
  if (outlook.kind === 'auto')
    add(addDays(outlook.nonRenewalNoticeDeadline, 1), 'the non-renewal notice deadline');
  add(
    addDays(s.term.end!, 1),
    outlook.kind === 'auto' && !s.nonRenewal ? 'renewal at the end of the term' : 'the end of the term',
  );
  candidates.sort((a, b) => a.date.localeCompare(b.date));
  return candidates[0] ?? { date: addDays(today(), 365), what: 'facts or actions' };
}
