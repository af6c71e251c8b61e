/**
 * A legacy run's state in the decider's shape: how a contract started before the decider shows its
 * obligations, and what its next run (after continue-as-new) starts from.
 */
import type { Fact as DeciderFact } from '../../domain/decider/inputs';
import { initialState, type ContractState } from '../../domain/decider/state';
import type { Fact } from './facts';
import type { ContractState as LegacyState } from './state';

export function fromLegacyState(old: LegacyState): ContractState {
  const fresh = initialState();
  const flagged = (prefix: string) =>
    old.flags.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  const reviewDeadline = old.deadlines.find((d) => d.name === 'qualification review');
  const acceptanceDeadline = old.deadlines.find((d) => d.name === 'acceptance');
  const activated =
    old.stage !== 'qualification' && (old.installations.length > 0 || old.resources.length > 0);
  return {
    ...fresh,
    stage: old.stage,
    ...(old.outcome ? { outcome: old.outcome } : {}),
    review: reviewDeadline ? { dueDate: reviewDeadline.date as never } : {},
    checklist: old.checklist,
    ...(old.qualification ? { qualification: old.qualification } : {}),
    ...(old.orderAcceptedDate ? { orderAcceptedDate: old.orderAcceptedDate } : {}),
    resources: old.resources,
    provisioning: { reserved: old.resources.length > 0, committed: old.resources.length > 0, activated },
    installations: old.installations,
    ...(old.icpFilingNo ? { icpFilingNo: old.icpFilingNo } : {}),
    ...(old.campaignScriptId ? { campaignScriptId: old.campaignScriptId } : {}),
    activation: {
      ...(old.activation.deadline ? { deadline: old.activation.deadline } : {}),
      daysLate: old.activation.daysLate,
      penaltyFen: old.activation.penaltyFen,
      terminationRightRaised: old.activation.terminationRightRaised,
    },
    ...(old.completionNoticeDate ? { completionNoticeDate: old.completionNoticeDate } : {}),
    ...(acceptanceDeadline
      ? {
          acceptanceWindow: {
            ref: acceptanceDeadline.clause ?? 'default',
            lastDayToRespond: acceptanceDeadline.date as never,
            deemedAcceptedOn: null,
            activationDateIfDeemed: null,
            calendarDataMissing: false,
          },
        }
      : {}),
    ...(old.acceptance ? { acceptance: old.acceptance } : {}),
    ...(old.objection ? { objection: old.objection } : {}),
    ...(old.activationDate ? { activationDate: old.activationDate } : {}),
    term: old.term,
    renewalsSoFar: old.renewalsSoFar,
    ...(old.flags.includes(`renewal-due:${old.term.number}`) ? { renewalDueSentFor: old.term.number } : {}),
    ...(old.nonRenewal ? { nonRenewal: old.nonRenewal } : {}),
    ...(old.unsubscribe ? { unsubscribe: old.unsubscribe } : {}),
    receivables: old.receivables.map(({ lateFeeFen: _unused, ...r }) => r),
    paymentIds: flagged('payment:'),
    complaints: { ids: flagged('complaint:'), byMonth: old.complaintsByMonth },
    ...(old.suspension ? { suspension: old.suspension } : {}),
    violations: old.violations,
    ...(old.scheduledTermination ? { scheduledTermination: old.scheduledTermination } : {}),
    balances: old.balances,
    flags: old.flags.filter((f) => !/^(payment|complaint|renewal-due):/.test(f)),
    decisions: old.decisions,
    events: old.events,
  };
}

/** Facts a legacy run had queued when it continued as new. */
export function fromLegacyFacts(facts: readonly Fact[]): DeciderFact[] {
  return facts.map((f): DeciderFact => {
    switch (f.kind) {
      case 'payment':
        return { fact: 'payment-received', data: f.fact };
      case 'overdue':
        return { fact: 'invoice-overdue', data: f.fact };
      case 'complaint':
        return { fact: 'complaint-recorded', data: f.fact };
      case 'violation':
        return { fact: 'violation-recorded', data: f.fact };
    }
  });
}
