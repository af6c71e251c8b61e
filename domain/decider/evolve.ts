/**
 * evolve(state, event): the one place the contract's state changes. Pure: it returns a new state and
 * never reads the spec, a clock or the world, so replaying the events rebuilds the same contract.
 */
import { monthOf, type IsoDate } from '../calendar';
import { assertNever } from '../never';
import { amountOf, type DomainEvent, type PublishedEvent } from './events';
import type { ContractState, Receivable } from './state';

/** Catalogue dates are checked strings; the state keeps them as IsoDate. */
const day = (date: string): IsoDate => date as IsoDate;

/** Decisions and events kept in the state; older ones live in the history and on Kafka. */
export const KEEP_LAST = 200;

const keepLast = <T>(list: T[], item: T): T[] => [...list, item].slice(-KEEP_LAST);
const withFlag = (s: ContractState, flag: string): string[] =>
  s.flags.includes(flag) ? s.flags : [...s.flags, flag];
const updateReceivable = (s: ContractState, id: string, change: (r: Receivable) => Receivable) =>
  s.receivables.map((r) => (r.id === id ? change(r) : r));

export function evolve(state: ContractState, event: DomainEvent): ContractState {
  const s = event.type.startsWith('telecom.') ? recordPublished(state, event as PublishedEvent) : state;
  switch (event.type) {
    case 'decision-recorded': {
      const { at, action, by, detail } = event;
      return { ...s, decisions: keepLast(s.decisions, { at, action, by, ...(detail ? { detail } : {}) }) };
    }
    case 'checklist-opened':
      return { ...s, checklist: event.items };
    case 'document-submitted':
      return {
        ...s,
        checklist: s.checklist.map((i) =>
          i.documentType === event.documentType
            ? { ...i, documentRef: event.documentRef, submittedBy: event.by }
            : i,
        ),
      };
    case 'qualification-decided': {
      const { decision, by, date, reason } = event;
      return {
        ...s,
        qualification: { decision, by, date, ...(reason ? { reason } : {}) },
        ...(decision === 'approved' ? { orderAcceptedDate: date } : {}),
      };
    }
    case 'resources-held':
      return {
        ...s,
        resources: event.resources,
        reservationId: event.reservationId,
        provisioning: { ...s.provisioning, reserved: true },
      };
    case 'network-activated':
      return {
        ...s,
        provisioning: { ...s.provisioning, activated: true },
        installations: Array.from({ length: event.lines }, (_, lineIndex) => ({ lineIndex })),
      };
    case 'provisioning-failed':
      return { ...s, provisioning: { ...s.provisioning, failed: event.reason } };
    case 'activation-deadline-set':
      return {
        ...s,
        activation: {
          ...s.activation,
          deadline: event.deadline,
          ...(event.calendarDataMissing ? { calendarDataMissing: true } : {}),
        },
      };
    case 'line-confirmed':
      return {
        ...s,
        installations: s.installations.map((l) =>
          l.lineIndex === event.lineIndex
            ? { ...l, circuitId: event.circuitId, testedBy: event.testedBy }
            : l,
        ),
      };
    case 'obligation-claimed':
      return { ...s, claims: { ...s.claims, [event.obligationId]: { by: event.by, since: event.since } } };
    case 'obligation-released': {
      const { [event.obligationId]: _released, ...claims } = s.claims;
      return { ...s, claims };
    }
    case 'icp-filing-recorded':
      return { ...s, icpFilingNo: event.filingNo };
    case 'campaign-script-approved':
      return { ...s, campaignScriptId: event.scriptId };
    case 'completion-noticed':
      return { ...s, completionNoticeDate: event.date, acceptance: undefined, objection: undefined };
    case 'acceptance-window-opened':
      return { ...s, stage: 'acceptance', acceptanceWindow: event.window };
    case 'acceptance-answered':
      return { ...s, acceptance: event.answer, activationDate: event.activationDate };
    case 'objection-raised':
      return { ...s, objection: { date: event.date, reason: event.reason } };
    case 'receivables-scheduled':
      return { ...s, receivables: [...s.receivables, ...event.receivables] };
    case 'receivable-added':
      return { ...s, receivables: [...s.receivables, event.receivable] };
    case 'first-term-started':
      return { ...s, firstTermStart: event.start };
    case 'invoices-awaited':
      return { ...s, awaitingInvoices: [...s.awaitingInvoices, ...event.invoices] };
    case 'invoice-arrived':
      return { ...s, awaitingInvoices: s.awaitingInvoices.filter((i) => i.id !== event.invoiceId) };
    case 'usage-recorded': {
      const { month, itemId } = event.usage;
      const others = s.usage.filter((u) => u.month !== month || u.itemId !== itemId);
      return { ...s, usage: [...others, event.usage] };
    }
    case 'free-month-chosen':
      return { ...s, freeMonth: event.month };
    case 'fact-parked':
      return { ...s, parkedFacts: [...s.parkedFacts, event.fact] };
    case 'parked-facts-released':
      return { ...s, parkedFacts: [] };
    case 'payment-allocated':
      return {
        ...s,
        receivables: updateReceivable(s, event.receivableId, (r) => ({
          ...r,
          paidFen: r.paidFen + event.amountFen,
        })),
      };
    case 'termination-scheduled':
      return {
        ...s,
        scheduledTermination: { date: event.date, outcome: event.outcome, clause: event.clause },
      };
    case 'termination-cancelled':
      return { ...s, scheduledTermination: undefined };
    case 'violation-opened':
      return { ...s, violations: [...s.violations, event.violation] };
    case 'violation-failed':
      return {
        ...s,
        violations: s.violations.map((v) =>
          v.violationId === event.violationId ? { ...v, status: 'failed' } : v,
        ),
      };
    case 'flag-raised':
      return { ...s, flags: withFlag(s, event.flag) };
    case 'resources-replaced':
      return {
        ...s,
        resources: [...s.resources.filter((r) => !event.removed.includes(r.value)), ...event.added],
      };
    case 'ending-started':
      return {
        ...s,
        stage: 'terminating',
        ending: {
          outcome: event.outcome,
          stopDate: event.stopDate,
          clause: event.clause,
          lateFeesFen: 0,
          chargesFen: 0,
          creditsFen: 0,
        },
      };
    case 'effect-requested':
      return { ...s, pending: [...s.pending, event.effect], effectCount: s.effectCount + 1 };
    case 'effect-answered':
      return { ...s, pending: s.pending.filter((e) => e.id !== event.effectId) };
    default:
      return evolvePublished(s, event);
  }
}

/** Keep the published event in the bounded log the status shows. */
function recordPublished(s: ContractState, e: PublishedEvent): ContractState {
  if (!e.published) return s;
  const { id, on } = e.published;
  const amountFen = amountOf(e);
  return {
    ...s,
    events: keepLast(s.events, {
      date: on,
      type: e.type,
      id,
      ...(amountFen !== undefined ? { amountFen } : {}),
    }),
  };
}

function evolvePublished(s: ContractState, e: PublishedEvent): ContractState {
  switch (e.type) {
    case 'telecom.contract.onboarding-received.v1':
      return { ...s, stage: 'qualification' };
    case 'telecom.contract.qualification-requested.v1':
      return {
        ...s,
        review: {
          openedOn: day(e.data.requestedDate),
          ...(e.data.dueDate ? { dueDate: day(e.data.dueDate) } : {}),
          ...(e.data.calendarDataMissing ? { calendarDataMissing: true } : {}),
        },
      };
    case 'telecom.contract.documents-requested.v1':
    case 'telecom.contract.documents-requested.v2': {
      const why = 'reason' in e.data ? e.data.reason : e.data.reasonCode;
      const known = new Set(s.checklist.map((i) => i.documentType));
      const reset = s.checklist.map((i) =>
        e.data.documentTypes.includes(i.documentType) ? { documentType: i.documentType, rule: i.rule } : i,
      );
      const added = e.data.documentTypes
        .filter((t) => !known.has(t))
        .map((documentType) => ({ documentType, rule: `requested by the reviewer: ${why}` }));
      return { ...s, checklist: [...reset, ...added] };
    }
    case 'telecom.contract.qualification-escalated.v1':
      return { ...s, review: { ...s.review, escalatedOn: day(e.data.escalatedDate) } };
    case 'telecom.contract.qualification-approved.v1':
      return { ...s, stage: 'provisioning' };
    case 'telecom.contract.qualification-rejected.v1':
    case 'telecom.contract.qualification-rejected.v2':
      return s;
    case 'telecom.contract.resource-reserved.v1':
      return s;
    case 'telecom.contract.resource-committed.v1':
      return { ...s, provisioning: { ...s.provisioning, committed: true } };
    case 'telecom.contract.resource-released.v1':
    case 'telecom.contract.resource-quarantined.v1':
      return { ...s, resources: [] };
    case 'telecom.contract.activation-overdue.v1':
      return {
        ...s,
        activation: {
          ...s.activation,
          daysLate: e.data.overdueDays,
          penaltyFen: e.data.penaltyAccruedFen,
          terminationRightRaised: s.activation.terminationRightRaised || e.data.customerMayTerminate,
        },
      };
    case 'telecom.contract.completion-notice-issued.v1':
      return s;
    case 'telecom.contract.acceptance-signed.v1':
    case 'telecom.contract.acceptance-deemed.v1':
      return s;
    case 'telecom.contract.acceptance-objected.v1':
    case 'telecom.contract.acceptance-objected.v2':
      return {
        ...s,
        stage: 'provisioning',
        completionNoticeDate: undefined,
        acceptanceWindow: undefined,
      };
    case 'telecom.contract.billing-started.v1': {
      const { startDate, endDate } = e.data.agreementPeriod;
      return {
        ...s,
        stage: 'active',
        term: { number: s.term.number, start: day(startDate), end: day(endDate) },
        balances: { ...s.balances, creditsFen: s.balances.creditsFen + e.data.firstMonthCreditFen },
      };
    }
    case 'telecom.contract.charge-applied.v1': {
      const late = e.data.chargeType === 'late-fee';
      const amount = e.data.amountFen;
      const ending = s.ending && {
        ...s.ending,
        lateFeesFen: s.ending.lateFeesFen + (late ? amount : 0),
        chargesFen: s.ending.chargesFen + (late ? 0 : amount),
      };
      return {
        ...s,
        balances: {
          ...s.balances,
          lateFeesFen: s.balances.lateFeesFen + (late ? amount : 0),
          penaltiesFen: s.balances.penaltiesFen + (late ? 0 : amount),
        },
        ...(ending ? { ending } : {}),
      };
    }
    case 'telecom.contract.credit-applied.v1': {
      const amount = e.data.amountFen;
      const ending = s.ending && { ...s.ending, creditsFen: s.ending.creditsFen + amount };
      return {
        ...s,
        balances: { ...s.balances, creditsFen: s.balances.creditsFen + amount },
        ...(ending ? { ending } : {}),
      };
    }
    case 'telecom.contract.payment-received.v1':
      return {
        ...s,
        paymentIds: keepLast(s.paymentIds, e.data.paymentId),
        balances: { ...s.balances, paidFen: s.balances.paidFen + e.data.amountFen },
      };
    case 'telecom.contract.usage-settled.v1': {
      const until = day(e.data.periodEndDate);
      return {
        ...s,
        usageSettledUntil: until,
        usage: s.usage.filter((u) => `${u.month}-01` > until),
        balances: { ...s.balances, creditsFen: s.balances.creditsFen + e.data.slaCreditFen },
      };
    }
    case 'telecom.contract.payment-overdue.v1':
      return { ...s, receivables: updateReceivable(s, e.data.invoiceId, (r) => ({ ...r, overdue: true })) };
    case 'telecom.contract.service-suspended.v1':
      return {
        ...s,
        stage: 'suspended',
        suspension: { since: day(e.data.suspendedDate), reason: suspensionReason(e.data.reason) },
      };
    case 'telecom.contract.service-resumed.v1':
      return { ...s, stage: 'active', suspension: undefined };
    case 'telecom.contract.violation-recorded.v1':
      return s;
    case 'telecom.contract.violation-remediated.v1':
      return {
        ...s,
        violations: s.violations.map((v) =>
          v.violationId === e.data.violationId ? { ...v, status: 'remediated' } : v,
        ),
      };
    case 'telecom.contract.complaint-recorded.v1': {
      const month = monthOf(day(e.data.receivedDate));
      return {
        ...s,
        complaints: {
          ids: keepLast(s.complaints.ids, e.data.complaintId),
          byMonth: { ...s.complaints.byMonth, [month]: e.data.complaintsThisMonth },
        },
      };
    }
    case 'telecom.contract.service-request-completed.v1':
      return s;
    case 'telecom.contract.renewal-due.v1':
      return { ...s, renewalDueSentFor: s.term.number };
    case 'telecom.contract.renewed.v1': {
      const { startDate, endDate } = e.data.agreementPeriod;
      return {
        ...s,
        term: { number: s.term.number + 1, start: day(startDate), end: day(endDate) },
        renewalsSoFar: e.data.renewalCount,
        nonRenewal: undefined,
      };
    }
    case 'telecom.contract.non-renewal-noticed.v1':
      return { ...s, nonRenewal: { party: e.data.party, noticeDate: day(e.data.noticeDate) } };
    case 'telecom.contract.unsubscribe-noticed.v1':
      return {
        ...s,
        unsubscribe: { noticeDate: day(e.data.noticeDate), stopDate: day(e.data.stopBillingDate) },
      };
    case 'telecom.contract.termination-requested.v1':
      return s;
    case 'telecom.contract.terminated.v1':
      return { ...s, stage: 'terminating' };
    case 'telecom.contract.closed.v1':
      return { ...s, stage: 'closed', outcome: e.data.reason };
    default:
      return assertNever(e, 'contract event');
  }
}

function suspensionReason(reason: string): NonNullable<ContractState['suspension']>['reason'] {
  return reason === 'customer-request' || reason === 'violation' || reason === 'complaints'
    ? reason
    : 'arrears';
}
