/**
 * How a term ends: auto-renewal into the next term (renewalOutlook: 000 10.2, 001 11.1, 003 §20), or
 * termination — the early-termination charge where the contract has one (earlyTerminationCharge),
 * the service taken down, every resource released into quarantine (quarantineReleaseDate, 001 3.2.10),
 * then the final settlement closes the contract. Notices: non-renewal and unsubscribe (unsubscribeStopDate).
 */
import { addDays, type IsoDate } from '../calendar';
import { termScheduledFen } from '../clauses/charges';
import { quarantineReleaseDate, terminationPenaltyFen } from '../clauses/compliance';
import { lateFee } from '../clauses/dunning';
import { earlyTerminationCharge, remainingFees } from '../clauses/early-termination';
import { monthsInPeriod, renewalOutlook, type RenewalOutlook, type TermPeriod } from '../clauses/term';
import { unsubscribeStopDate } from '../clauses/unsubscribe';
import type { ActionInput } from '../lifecycle/actions';
import type { Outcome } from '../lifecycle/stages';
import { noticeDateProblem, notBeforeNotice } from './notice-dates';
import type { Draft } from './draft';
import type { Effect, EffectResult } from './effects';
import { charge } from './facts';
import { resourceRefs } from './provisioning';
import { billRenewedTerm } from './billing';
import { arrearsFen, openReceivables, type ContractState } from './state';

export function outlookOf(d: Draft): RenewalOutlook | undefined {
  const { term, renewalsSoFar } = d.state;
  if (!term.start || !term.end) return undefined;
  return renewalOutlook(d.spec, { start: term.start, end: term.end }, renewalsSoFar);
}

const inService = (s: ContractState) => (s.stage === 'active' || s.stage === 'suspended') && !s.ending;

/** Scheduled termination, the unsubscribe stop date, the renewal reminder, the end of the term. */
export function termCheckpoints(d: Draft): void {
  if (!inService(d.state)) return;
  const s = d.state;
  if (s.scheduledTermination && d.today >= s.scheduledTermination.date) {
    const { outcome, date, clause } = s.scheduledTermination;
    return terminate(d, outcome, date, clause);
  }
  if (s.unsubscribe && d.today >= s.unsubscribe.stopDate) {
    return terminate(d, 'unsubscribed', s.unsubscribe.stopDate, d.spec.clauses.unsubscribe?.ref);
  }
  const outlook = outlookOf(d);
  const end = s.term.end;
  if (!outlook || !end) return;
  // The reminder comes ahead of the non-renewal deadline, while the customer can still act on it.
  if (outlook.kind === 'auto' && d.today >= outlook.reminderDate && s.renewalDueSentFor !== s.term.number) {
    d.publish('telecom.contract.renewal-due.v1', {
      expiryDate: end,
      noticeDeadline: outlook.nonRenewalNoticeDeadline,
      autoRenew: !s.nonRenewal,
      ...(s.nonRenewal ? {} : { renewalTermMonths: renewalMonths(d) }),
      ...(outlook.calendarDataMissing ? { calendarDataMissing: true } : {}),
    });
  }
  if (d.today <= end) return;
  if (outlook.kind === 'auto' && !s.nonRenewal) return renew(d, outlook);
  terminate(d, s.nonRenewal ? 'not-renewed' : 'expired', addDays(end, 1), outlook.ref);
}

export function termWakes(d: Draft): IsoDate[] {
  if (!inService(d.state)) return [];
  const s = d.state;
  const dates: IsoDate[] = [];
  if (s.unsubscribe) dates.push(s.unsubscribe.stopDate);
  if (s.scheduledTermination) dates.push(s.scheduledTermination.date);
  const outlook = outlookOf(d);
  if (outlook?.kind === 'auto') dates.push(outlook.reminderDate);
  if (s.term.end) dates.push(addDays(s.term.end, 1));
  return dates;
}

function renewalMonths(d: Draft): number {
  const r = d.spec.clauses.renewal;
  return r.mode === 'auto' ? r.renewalMonths : 0;
}

function renew(d: Draft, outlook: Extract<RenewalOutlook, { kind: 'auto' }>): void {
  const count = d.state.renewalsSoFar + 1;
  const bills = billRenewedTerm(d, outlook.next);
  d.publish('telecom.contract.renewed.v1', {
    agreementPeriod: { startDate: outlook.next.start, endDate: outlook.next.end },
    renewalCount: count,
    clauseRef: outlook.ref,
    ...bills,
  });
  d.note('renewed', 'workflow', `term ${d.state.term.number}: ${outlook.next.start} – ${outlook.next.end}`);
}

/**
 * Stop billing on `stopDate`: book what the contract charges for this ending — the late fees on the
 * arrears (001 2.3.4 recovers both), the early-termination charge and the penalties whose clauses apply
 * to it — then take the service down and release every resource into quarantine.
 */
export function terminate(d: Draft, outcome: Outcome, stopDate: IsoDate, clause?: string): void {
  const { term } = d.state;
  d.emit({ type: 'ending-started', outcome, stopDate, ...(clause ? { clause } : {}) });
  const early = term.end !== undefined && stopDate <= term.end;
  bookLateFees(d, stopDate);
  if (early && term.start && term.end) {
    bookTerminationCharges(d, outcome, { start: term.start, end: term.end }, stopDate);
  }
  d.publish('telecom.contract.terminated.v1', {
    terminatedDate: d.today,
    reason: outcome,
    stopBillingDate: stopDate,
    earlyTermination: early,
    ...(clause ? { clauseRef: clause } : {}),
  });
  const requestId = `terminate-${term.number}`;
  const purpose = { kind: 'terminate' as const };
  d.request({ kind: 'deactivate-network', resources: d.state.resources, requestId, purpose });
  if (d.state.resources.length > 0) {
    d.request({
      kind: 'release-resources',
      quarantineDays: d.spec.clauses.quarantine.days,
      availableFrom: quarantineReleaseDate(d.spec, d.today).date,
      reason: outcome,
      requestId: `release-${term.number}-${outcome}`,
      purpose,
    });
  }
}

/** The late fee accrued on each bill still overdue, up to the day billing stops. */
function bookLateFees(d: Draft, stopDate: IsoDate): void {
  for (const r of openReceivables(d.state).filter((x) => x.overdue)) {
    const fee = lateFee(d.spec, r.amountFen - r.paidFen, r.dueDate, stopDate);
    if (fee.feeFen <= 0) continue;
    d.publish('telecom.contract.charge-applied.v1', {
      chargeId: `late-fee:${r.id}:final`,
      chargeType: 'late-fee',
      amountFen: fee.feeFen,
      reason: `${fee.overdueDays} days late on ${r.id} at ${fee.rateBpPerDay} bp/day, to the end of the service`,
      clauseRef: fee.ref ?? 'default',
      chargeDate: d.today,
      invoiceId: r.id,
    });
  }
}

/** The early-termination charge and the penalties whose clauses name this ending (appliesTo). */
function bookTerminationCharges(d: Draft, outcome: Outcome, term: TermPeriod, stopDate: IsoDate): void {
  const reason = `stopped on ${stopDate}, before the term ends on ${term.end}`;
  const termNo = String(d.state.term.number);
  const fee = earlyTerminationCharge(d.spec, { term, stopDate, outcome });
  if (fee) charge(d, 'early-termination', fee.totalFen, reason, fee.ref, termNo);
  const penalties = d.spec.clauses.compliance.terminationPenalties.filter((p) =>
    (p.appliesTo as readonly string[]).includes(outcome),
  );
  if (penalties.length === 0) return;
  const proration = d.spec.clauses.earlyTermination?.proration;
  const amounts = {
    contractValueFen: termScheduledFen(d.spec.lineItems, monthsInPeriod(term) ?? 12),
    remainingFeesFen: remainingFees(d.spec.lineItems, term, stopDate, proration),
  };
  for (const p of penalties) {
    const amount = terminationPenaltyFen(p, amounts);
    charge(d, 'violation-penalty', amount, `${outcome}: ${p.trigger}`, p.ref, `${p.ref}:${termNo}`);
  }
}

/** A step of the take-down answered: quarantine published, failures reported; the last one closes. */
export function onTerminationStep(d: Draft, effect: Effect, result: EffectResult): void {
  const outcome = d.state.ending?.outcome ?? 'expired';
  if (!result.ok) {
    d.note('termination-step-failed', 'workflow', `${effect.kind}: ${result.error}`);
    d.flag(`termination-step-failed:${effect.kind}`);
  } else if (effect.kind === 'release-resources') {
    const released = d.state.resources;
    if (effect.quarantineDays > 0) {
      const { date, ref, calendarDataMissing } = quarantineReleaseDate(d.spec, d.today);
      d.publish('telecom.contract.resource-quarantined.v1', {
        resources: resourceRefs(released),
        quarantinedDate: d.today,
        availableFromDate: date,
        clauseRef: ref,
        ...(calendarDataMissing ? { calendarDataMissing: true } : {}),
      });
    } else {
      d.publish('telecom.contract.resource-released.v1', {
        resources: resourceRefs(released),
        releasedDate: d.today,
        reason: outcome,
      });
    }
  }
  if (!d.busyWith('terminate')) close(d, outcome);
}

/** The final settlement: principal, late fees, termination charges and credits, each on its own. */
export function close(d: Draft, outcome: Outcome): void {
  const principalFen = arrearsFen(d.state);
  const { lateFeesFen = 0, chargesFen = 0, creditsFen = 0 } = d.state.ending ?? {};
  d.publish('telecom.contract.closed.v1', {
    closedDate: d.today,
    reason: outcome,
    outstandingFen: principalFen,
    settlement: {
      principalFen,
      lateFeesFen,
      terminationChargesFen: chargesFen,
      creditsFen,
      totalFen: principalFen + lateFeesFen + chargesFen - creditsFen,
    },
  });
}

export const endingRules = {
  'non-renewal-notice': (d: Draft, i: ActionInput<'non-renewal-notice'>) => {
    const { nonRenewal } = d.state;
    if (nonRenewal)
      return `a non-renewal notice was already given on ${nonRenewal.noticeDate} by the ${nonRenewal.party}`;
    const outlook = outlookOf(d);
    if (!outlook) return 'the term has not started yet';
    if (outlook.kind !== 'auto')
      return `the contract does not renew automatically (renewal: ${outlook.kind}, clause ${outlook.ref})`;
    const dated = noticeDateProblem(d, 'noticeDate', i.noticeDate);
    if (dated) return dated;
    if (i.noticeDate > outlook.nonRenewalNoticeDeadline) {
      return `notice on ${i.noticeDate} is too late: it had to be given by ${outlook.nonRenewalNoticeDeadline} (clause ${outlook.ref}); the contract renews on ${outlook.next.start}`;
    }
    return undefined;
  },
  unsubscribe: (d: Draft, i: ActionInput<'unsubscribe'>) => {
    if (!d.spec.clauses.unsubscribe)
      return 'the contract has no unsubscribe clause: use termination by agreement';
    if (d.state.unsubscribe) return `already unsubscribed with stop date ${d.state.unsubscribe.stopDate}`;
    return (
      noticeDateProblem(d, 'noticeDate', i.noticeDate) ??
      notBeforeNotice('requestedStopDate', i.requestedStopDate, i.noticeDate)
    );
  },
};

export function noticeNonRenewal(d: Draft, i: ActionInput<'non-renewal-notice'>): void {
  d.note('non-renewal-notice', i.givenBy, `${i.party} notice of ${i.noticeDate}`);
  d.publish('telecom.contract.non-renewal-noticed.v1', {
    party: i.party,
    noticeDate: i.noticeDate,
    expiryDate: d.state.term.end!,
    inTime: true,
  });
}

export function unsubscribe(d: Draft, i: ActionInput<'unsubscribe'>): void {
  const stop = unsubscribeStopDate(d.spec, i.noticeDate, i.requestedStopDate);
  if (stop.kind !== 'stop') return;
  const adjusted = stop.adjusted ? ` (requested ${i.requestedStopDate}, too early)` : '';
  d.note('unsubscribe', i.givenBy, `stop date ${stop.stopDate}${adjusted}`);
  d.publish('telecom.contract.unsubscribe-noticed.v1', {
    noticeDate: i.noticeDate,
    requestedStopDate: i.requestedStopDate,
    stopBillingDate: stop.stopDate,
    clauseRef: stop.ref,
  });
}
