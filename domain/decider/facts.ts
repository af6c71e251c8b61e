/**
 * Facts from billing and compliance, applied in arrival order: payments settle the oldest open bill
 * first and book the late fee on what was overdue (lateFee); overdue invoices join dunning; complaints
 * count against the monthly thresholds; violations follow their tier (004 7.3, violationOutcome).
 * Facts that arrive before billing starts wait for it.
 */
import { monthOf } from '../calendar';
import { complaintThresholdsReached, violationOutcome } from '../clauses/compliance';
import { lateFee } from '../clauses/dunning';
import { postpaidWindow } from '../clauses/payments';
import { endOfPeriod } from '../clauses/periods';
import type {
  ComplaintRecorded,
  InvoiceIssued,
  InvoiceOverdue,
  PaymentReceived,
  ViolationRecorded,
} from '../events/intake';
import { assertNever } from '../never';
import type { Draft } from './draft';
import type { Fact } from './inputs';
import { resumeAfterArrears, suspend } from './service';
import { arrearsCleared, openReceivables } from './state';
import { recordUsage } from './usage';

const BEFORE_BILLING = ['qualification', 'provisioning', 'acceptance'];

export function onFact(d: Draft, fact: Fact): void {
  const { stage } = d.state;
  if (stage === 'terminating' || stage === 'closed') return;
  if (BEFORE_BILLING.includes(stage)) return d.emit({ type: 'fact-parked', fact });
  applyFact(d, fact);
}

export function applyFact(d: Draft, f: Fact): void {
  switch (f.fact) {
    case 'payment-received':
      return applyPayment(d, f.data);
    case 'invoice-overdue':
      return addOverdueInvoice(d, f.data);
    case 'invoice-issued':
      return addInvoice(d, f.data);
    case 'usage-reported':
      return recordUsage(d, f.data);
    case 'complaint-recorded':
      return recordComplaint(d, f.data);
    case 'violation-recorded':
      return recordViolation(d, f.data);
    default:
      return assertNever(f, 'fact');
  }
}

/** Intake is at-least-once: a payment id seen before is the same payment. */
function applyPayment(d: Draft, p: PaymentReceived): void {
  if (d.state.paymentIds.includes(p.paymentId)) return;
  d.publish('telecom.contract.payment-received.v1', {
    paymentId: p.paymentId,
    amountFen: p.amountFen,
    paidDate: p.paidDate,
    ...(p.invoiceId ? { invoiceId: p.invoiceId } : {}),
  });
  let left = p.amountFen;
  const open = openReceivables(d.state);
  const targeted = p.invoiceId ? open.filter((r) => r.id === p.invoiceId) : [];
  for (const r of [...targeted, ...open.filter((o) => !targeted.includes(o))]) {
    if (left <= 0) break;
    const take = Math.min(left, r.amountFen - r.paidFen);
    left -= take;
    d.emit({ type: 'payment-allocated', receivableId: r.id, amountFen: take });
    const fee = r.overdue ? lateFee(d.spec, take, r.dueDate, p.paidDate) : undefined;
    if (fee && fee.feeFen > 0) {
      d.publish('telecom.contract.charge-applied.v1', {
        chargeId: `late-fee:${r.id}:${p.paymentId}`,
        chargeType: 'late-fee',
        amountFen: fee.feeFen,
        reason: `${fee.overdueDays} days late on ${r.id} at ${fee.rateBpPerDay} bp/day`,
        clauseRef: fee.ref ?? 'default',
        chargeDate: p.paidDate,
        invoiceId: r.id,
      });
    }
  }
  if (d.state.suspension?.reason === 'arrears' && arrearsCleared(d.state)) resumeAfterArrears(d);
}

/** An invoice billing reports overdue becomes a bill the contract dunns. */
function addOverdueInvoice(d: Draft, o: InvoiceOverdue): void {
  if (d.state.receivables.some((r) => r.id === o.invoiceId)) return;
  d.emit({
    type: 'receivable-added',
    receivable: {
      id: o.invoiceId,
      amountFen: o.amountDueFen,
      dueDate: o.dueDate,
      paidFen: 0,
      overdue: false,
    },
  });
}

/**
 * Billing issued an invoice: it dates an instalment due N days after its invoice, or bills a post-paid
 * month (001 2.3.2: paid in the window after the month). An invoice the contract has no payment term for
 * is due on its date, and flagged for a person.
 */
function addInvoice(d: Draft, i: InvoiceIssued): void {
  if (d.state.receivables.some((r) => r.id === i.invoiceId)) return;
  const awaited = d.state.awaitingInvoices.find((a) => a.id === i.invoiceId);
  const postpaid = d.spec.clauses.payment.plans.find((p) => p.kind === 'postpaid-monthly');
  const due = awaited
    ? endOfPeriod(i.invoiceDate, awaited.days, awaited.dayType)
    : postpaid?.kind === 'postpaid-monthly' && i.billingMonth
      ? postpaidWindow(postpaid, i.billingMonth).due
      : undefined;
  if (awaited) d.emit({ type: 'invoice-arrived', invoiceId: i.invoiceId });
  if (!due) d.flag(`invoice-without-payment-term:${i.invoiceId}`);
  d.emit({
    type: 'receivable-added',
    receivable: {
      id: i.invoiceId,
      amountFen: i.amountFen,
      dueDate: due?.date ?? i.invoiceDate,
      paidFen: 0,
      overdue: false,
      ...(awaited ? { ref: awaited.ref } : postpaid ? { ref: postpaid.ref } : {}),
      ...(due?.calendarDataMissing ? { calendarDataMissing: true } : {}),
    },
  });
}

function recordComplaint(d: Draft, k: ComplaintRecorded): void {
  if (d.state.complaints.ids.includes(k.complaintId)) return;
  const month = monthOf(k.receivedDate);
  const count = (d.state.complaints.byMonth[month] ?? 0) + 1;
  const thresholds = d.spec.clauses.compliance.complaintThresholds;
  const reached = complaintThresholdsReached(d.spec, count);
  const lowest = thresholds.map((t) => t.perMonth).sort((a, b) => a - b)[0];
  d.publish('telecom.contract.complaint-recorded.v1', {
    complaintId: k.complaintId,
    receivedDate: k.receivedDate,
    category: k.category,
    complaintsThisMonth: count,
    ...(lowest !== undefined ? { monthlyThreshold: lowest } : {}),
    thresholdReached: reached.length > 0,
  });
  if (reached.length === 0 || d.state.flags.includes(`complaint-threshold:${month}`)) return;
  d.flag(`complaint-threshold:${month}`);
  // 001 annex 2 §17, 002 annex 1 §20, 004 annex §14: the provider stops or ends the service.
  for (const threshold of reached) {
    const response = threshold.response ?? (threshold.action === 'may-terminate' ? 'terminate' : 'suspend');
    if (response === 'suspend' && !d.state.suspension) suspend(d, 'complaints', threshold.ref);
    if (response === 'terminate' && !d.state.scheduledTermination)
      d.emit({ type: 'termination-scheduled', date: d.today, outcome: 'complaints', clause: threshold.ref });
  }
}

function recordViolation(d: Draft, v: ViolationRecorded): void {
  if (d.state.violations.some((x) => x.violationId === v.violationId)) return;
  const outcome = violationOutcome(d.spec, v.tier, v.detectedDate);
  const base = { violationId: v.violationId, tier: v.tier, detectedDate: v.detectedDate };
  switch (outcome.kind) {
    case 'no-tier-rules':
      // Nothing in the contract says what follows: recorded for a person to decide, no deadline.
      d.emit({ type: 'violation-opened', violation: { ...base, status: 'remediating' } });
      d.publish('telecom.contract.violation-recorded.v1', {
        ...base,
        portBlocked: false,
        clauseRef: 'default',
      });
      return;
    case 'remediate':
      d.emit({
        type: 'violation-opened',
        violation: { ...base, remediateBy: outcome.remediationEnds, status: 'remediating' },
      });
      // The event says the port is blocked: it goes out once the gateway has blocked it.
      if (outcome.portBlocked) blockPorts(d, true, v.violationId);
      else publishViolation(d, v.violationId, false);
      return;
    case 'terminate-business':
      d.emit({ type: 'violation-opened', violation: { ...base, status: 'terminating' } });
      d.publish('telecom.contract.violation-recorded.v1', {
        ...base,
        portBlocked: true,
        clauseRef: outcome.ref,
      });
      charge(
        d,
        'violation-penalty',
        outcome.penaltyFen,
        `major violation ${v.violationId}`,
        outcome.ref,
        v.violationId,
      );
      d.flag(`new-applications-accepted-from:${outcome.applicationsAcceptedAgainFrom}`);
      d.emit({ type: 'termination-scheduled', date: d.today, outcome: 'violation', clause: outcome.ref });
      return;
    default:
      return assertNever(outcome, 'violation outcome');
  }
}

/** violation-recorded for a violation under remediation, with its deadline and penalty (004 7.3). */
export function publishViolation(d: Draft, violationId: string, portBlocked: boolean): void {
  const v = d.state.violations.find((x) => x.violationId === violationId)!;
  const outcome = violationOutcome(d.spec, v.tier, v.detectedDate);
  if (outcome.kind !== 'remediate') return;
  d.publish('telecom.contract.violation-recorded.v1', {
    violationId,
    tier: v.tier,
    detectedDate: v.detectedDate,
    remediationDueDate: outcome.remediationEnds,
    penaltyIfUnremediedFen: outcome.penaltyIfUnremediedFen,
    portBlocked,
    clauseRef: outcome.ref,
  });
}

export function blockPorts(d: Draft, blocked: boolean, violationId: string): void {
  d.request({
    kind: 'block-sms-ports',
    resources: d.state.resources,
    blocked,
    requestId: `${blocked ? 'block' : 'unblock'}-${violationId}`,
    purpose: { kind: 'violation', violationId },
  });
}

/** A violation penalty, booked once per violation (chargeId). */
export function charge(
  d: Draft,
  chargeType: 'violation-penalty' | 'early-termination',
  amountFen: number,
  reason: string,
  clauseRef: string,
  key: string,
): void {
  if (amountFen <= 0) return;
  d.publish('telecom.contract.charge-applied.v1', {
    chargeId: `${chargeType === 'violation-penalty' ? 'violation' : chargeType}:${key}`,
    chargeType,
    amountFen,
    reason,
    clauseRef,
    chargeDate: d.today,
  });
}
