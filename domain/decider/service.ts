/**
 * 在网服务 — the active service: 催缴 → 停机 → 拆机 for bills past their due date (dunningLadder:
 * 001 2.3.4, 002 3.3), suspension and resumption on the network, and the remediation deadlines of
 * violations (004 7.3). A payment that clears the arrears resumes service and cancels the termination.
 */
import { addDays, addMonthsToMonth, daysBetween, firstDayOfMonth, monthOf, type IsoDate } from '../calendar';
import { dunningLadder, lateFee } from '../clauses/dunning';
import type { ActionInput } from '../lifecycle/actions';
import type { Draft } from './draft';
import type { Effect, EffectResult } from './effects';
import { blockPorts, charge, publishViolation } from './facts';
import { onServiceRequestStep } from './service-requests';
import { arrearsFen, openReceivables, type ContractState, type OpenViolation } from './state';

type SuspensionReason = NonNullable<ContractState['suspension']>['reason'];

const inService = (s: ContractState) => (s.stage === 'active' || s.stage === 'suspended') && !s.ending;

/** Bills past due become overdue; the ladder's suspension and termination dates apply when reached. */
export function dun(d: Draft): void {
  if (!inService(d.state)) return;
  for (const r of openReceivables(d.state)) {
    if (r.dueDate >= d.today) continue;
    const ladder = dunningLadder(d.spec, r.dueDate, arrearsSuspensionDate(d.state));
    if (!r.overdue) {
      d.publish('telecom.contract.payment-overdue.v1', {
        invoiceId: r.id,
        amountDueFen: r.amountFen - r.paidFen,
        dueDate: r.dueDate,
        asOfDate: d.today,
        overdueDays: daysBetween(r.dueDate, d.today),
        lateFeeAccruedFen: lateFee(d.spec, r.amountFen - r.paidFen, r.dueDate, d.today).feeFen,
        ...(ladder.suspension.kind === 'from-date' ? { suspensionFromDate: ladder.suspension.date } : {}),
        ...(r.calendarDataMissing ||
        (ladder.suspension.kind === 'from-date' && ladder.suspension.calendarDataMissing)
          ? { calendarDataMissing: true }
          : {}),
      });
    }
    const { suspension, termination } = ladder;
    if (suspension.kind === 'from-date' && d.today >= suspension.date && !d.state.suspension) {
      suspend(d, 'arrears', suspension.ref);
    }
    if (termination.kind === 'from-date' && d.today >= termination.date && !d.state.scheduledTermination) {
      d.emit({ type: 'termination-scheduled', date: d.today, outcome: 'arrears', clause: termination.ref });
    }
  }
}

const arrearsSuspensionDate = (s: ContractState): IsoDate | undefined =>
  s.suspension?.reason === 'arrears' ? s.suspension.since : undefined;

/** The late fee accrued by `asOf` on every overdue, unpaid bill (not booked yet). */
export function accruedLateFees(d: Draft, asOf: IsoDate): number {
  return openReceivables(d.state)
    .filter((r) => r.overdue)
    .reduce((sum, r) => sum + lateFee(d.spec, r.amountFen - r.paidFen, r.dueDate, asOf).feeFen, 0);
}

/** The next dates dunning must look again: a due date passing, a suspension or termination date. */
export function dunningWakes(d: Draft): IsoDate[] {
  if (!inService(d.state)) return [];
  const dates: IsoDate[] = [];
  for (const r of openReceivables(d.state)) {
    if (!r.overdue) dates.push(addDays(r.dueDate, 1));
    const ladder = dunningLadder(d.spec, r.dueDate, d.state.suspension?.since);
    for (const step of [ladder.suspension, ladder.termination])
      if (step.kind === 'from-date') dates.push(step.date);
  }
  return dates;
}

/** Take the service off the network; the suspension counts from the day the network confirms it. */
export function suspend(d: Draft, reason: SuspensionReason, clause?: string): void {
  if (d.busyWith('suspend')) return;
  d.request({
    kind: 'set-service-active',
    resources: d.state.resources,
    active: false,
    requestId: `suspend-${d.today}`,
    purpose: { kind: 'suspend', reason, ...(clause ? { clause } : {}) },
  });
}

/** A month's complaints stopped the service: it runs again when the next month begins. */
export function resumeAfterComplaints(d: Draft): void {
  const since = d.state.suspension?.reason === 'complaints' ? d.state.suspension.since : undefined;
  if (since && d.today >= nextMonthStart(since) && inService(d.state)) resume(d);
}

export const complaintWakes = (d: Draft): IsoDate[] =>
  d.state.suspension?.reason === 'complaints' ? [nextMonthStart(d.state.suspension.since)] : [];

const nextMonthStart = (date: IsoDate) => firstDayOfMonth(addMonthsToMonth(monthOf(date), 1));

export function resumeAfterArrears(d: Draft): void {
  if (d.state.scheduledTermination?.outcome === 'arrears') d.emit({ type: 'termination-cancelled' });
  resume(d);
}

function resume(d: Draft): void {
  if (d.busyWith('resume')) return;
  d.request({
    kind: 'set-service-active',
    resources: d.state.resources,
    active: true,
    requestId: `resume-${d.today}`,
    purpose: { kind: 'resume' },
  });
}

/** The network answered a suspension or resumption (for dunning, a violation, or the customer). */
export function onServiceStateChange(d: Draft, effect: Effect, result: EffectResult): void {
  if (!result.ok) {
    // Nothing changed on the network: the rule that asked tries again at its next look.
    d.note(`${effect.purpose.kind}-failed`, 'workflow', `${effect.kind}: ${result.error}`);
    return;
  }
  if (effect.purpose.kind === 'suspend') {
    const { reason, clause } = effect.purpose;
    d.publish('telecom.contract.service-suspended.v1', {
      suspendedDate: d.today,
      reason,
      chargesContinue: reason !== 'customer-request',
      ...(clause ? { clauseRef: clause } : {}),
      ...(reason === 'arrears'
        ? { arrearsFen: arrearsFen(d.state), lateFeeAccruedFen: accruedLateFees(d, d.today) }
        : {}),
    });
  } else if (d.state.suspension) {
    d.publish('telecom.contract.service-resumed.v1', {
      resumedDate: d.today,
      suspendedDate: d.state.suspension.since,
    });
  }
}

/** Every answer of an in-service step, by what it was for. */
export function onServiceEffect(d: Draft, effect: Effect, result: EffectResult): void {
  switch (effect.purpose.kind) {
    case 'suspend':
    case 'resume':
      return onServiceStateChange(d, effect, result);
    case 'service-request':
      return onServiceRequestStep(d, effect, result);
    case 'violation':
      if (!result.ok) networkStepFailed(d, effect, result.error);
      if (effect.kind !== 'block-sms-ports') return;
      if (effect.blocked) return publishViolation(d, effect.purpose.violationId, result.ok);
      return publishRemediated(d, effect.purpose.violationId);
    case 'icp-filing':
      if (!result.ok) networkStepFailed(d, effect, result.error);
      return;
    default:
      return;
  }
}

function networkStepFailed(d: Draft, effect: Effect, error: string): void {
  d.note(`${effect.kind}-failed`, 'workflow', error);
  d.flag(`network-step-failed:${effect.requestId}`);
}

function publishRemediated(d: Draft, violationId: string): void {
  d.publish('telecom.contract.violation-remediated.v1', { violationId, remediatedDate: d.today });
}

/** Remediation not confirmed by its deadline (004 7.3): the penalty, then termination. */
export function expireRemediations(d: Draft): void {
  if (!inService(d.state)) return;
  for (const v of d.state.violations) {
    if (v.status === 'remediating' && v.remediateBy && d.today > v.remediateBy) failRemediation(d, v);
  }
}

export const remediationWakes = (d: Draft): IsoDate[] =>
  d.state.violations.flatMap((v) =>
    v.status === 'remediating' && v.remediateBy ? [addDays(v.remediateBy, 1)] : [],
  );

function failRemediation(d: Draft, v: OpenViolation): void {
  d.emit({ type: 'violation-failed', violationId: v.violationId });
  const tiers = d.spec.clauses.compliance.violationTiers;
  const rule = tiers?.[v.tier];
  const penalty = rule?.response === 'remediate' ? rule.penaltyIfUnremediedFen : 0;
  const clause = tiers?.ref ?? 'default';
  const when = v.remediateBy && d.today > v.remediateBy ? `by ${v.remediateBy}` : `(check failed ${d.today})`;
  charge(
    d,
    'violation-penalty',
    penalty,
    `violation ${v.violationId} not remedied ${when}`,
    clause,
    v.violationId,
  );
  if (!d.state.scheduledTermination)
    d.emit({ type: 'termination-scheduled', date: d.today, outcome: 'violation', clause });
}

export const remediationRule = (d: Draft, i: ActionInput<'record-remediation'>): string | undefined => {
  const v = d.state.violations.find((x) => x.violationId === i.violationId);
  if (!v) return `no violation ${i.violationId} on this contract`;
  return v.status === 'remediating'
    ? undefined
    : `violation ${i.violationId} is ${v.status}, not under remediation`;
};

/** The provider checked the remediation: passed unblocks the port, failed ends the business. */
export function recordRemediation(d: Draft, i: ActionInput<'record-remediation'>): void {
  d.note('record-remediation', i.checkedBy, `${i.violationId}: ${i.passed ? 'passed' : 'failed'}`);
  const v = d.state.violations.find((x) => x.violationId === i.violationId)!;
  if (!i.passed) return failRemediation(d, v);
  const othersOpen = d.state.violations.some((x) => x.status === 'remediating' && x !== v);
  // The port opens again once no violation is under remediation; the event follows the gateway's answer.
  if (othersOpen) publishRemediated(d, i.violationId);
  else blockPorts(d, false, i.violationId);
}
