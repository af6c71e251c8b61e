/**
 * Facts from billing and compliance (signals), applied by the service loop in arrival order: payments
 * and overdue invoices feed dunning, complaints count against monthly thresholds, violations follow
 * their tier (004 clause 7.3).
 */
import { addDays, monthOf } from '../../domain/calendar';
import { complaintThresholdsReached, violationOutcome } from './clauses/compliance';
import { lateFee } from './clauses/dunning';
import type {
  ComplaintRecorded,
  InvoiceOverdue,
  PaymentReceived,
  ViolationRecorded,
} from '../../domain/events/intake';
import { network } from './activities';
import { today } from './clock';
import type { Contract } from './contract';
import { resume } from './dunning';

export type Fact =
  | { kind: 'payment'; fact: PaymentReceived }
  | { kind: 'overdue'; fact: InvoiceOverdue }
  | { kind: 'complaint'; fact: ComplaintRecorded }
  | { kind: 'violation'; fact: ViolationRecorded };

export async function applyFact(c: Contract, f: Fact): Promise<void> {
  switch (f.kind) {
    case 'payment':
      return applyPayment(c, f.fact);
    case 'overdue':
      return applyOverdueInvoice(c, f.fact);
    case 'complaint':
      return applyComplaint(c, f.fact);
    case 'violation':
      return applyViolation(c, f.fact);
    default: {
      const unknown: never = f;
      throw new Error(`unknown fact ${JSON.stringify(unknown)}`);
    }
  }
}

/** Money goes to the oldest open receivable first; late fees are charged on what was overdue. */
async function applyPayment(c: Contract, p: PaymentReceived): Promise<void> {
  // Intake is at-least-once: the same payment may be signalled twice.
  const seen = `payment:${p.paymentId}`;
  if (c.state.flags.includes(seen)) return;
  c.state.flags.push(seen);
  await c.emit('telecom.contract.payment-received.v1', {
    paymentId: p.paymentId,
    amountFen: p.amountFen,
    paidDate: p.paidDate,
    ...(p.invoiceId ? { invoiceId: p.invoiceId } : {}),
  });
  c.state.balances.paidFen += p.amountFen;
  let left = p.amountFen;
  const open = c.state.receivables.filter((r) => r.paidFen < r.amountFen);
  const targeted = p.invoiceId ? open.filter((r) => r.id === p.invoiceId) : [];
  for (const r of [...targeted, ...open.filter((o) => !targeted.includes(o))]) {
    if (left <= 0) break;
    const take = Math.min(left, r.amountFen - r.paidFen);
    left -= take;
    const fee = r.overdue ? lateFee(c.spec, take, r.dueDate, p.paidDate) : undefined;
    r.paidFen += take;
    if (fee && fee.feeFen > 0) {
      c.state.balances.lateFeesFen += fee.feeFen;
      await c.emit('telecom.contract.charge-applied.v1', {
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
  if (
    c.state.suspension?.reason === 'arrears' &&
    c.state.receivables.every((r) => !r.overdue || r.paidFen >= r.amountFen)
  ) {
    await resume(c);
    if (c.state.scheduledTermination?.outcome === 'arrears') c.state.scheduledTermination = undefined;
  }
}

/** An invoice billing reports overdue becomes a receivable; dunning picks it up on the next pass. */
function applyOverdueInvoice(c: Contract, o: InvoiceOverdue): Promise<void> {
  if (!c.state.receivables.some((r) => r.id === o.invoiceId)) {
    c.state.receivables.push({
      id: o.invoiceId,
      amountFen: o.amountDueFen,
      dueDate: o.dueDate,
      paidFen: 0,
      overdue: false,
      lateFeeFen: 0,
    });
  }
  return Promise.resolve();
}

async function applyComplaint(c: Contract, k: ComplaintRecorded): Promise<void> {
  const seen = `complaint:${k.complaintId}`;
  if (c.state.flags.includes(seen)) return;
  c.state.flags.push(seen);
  const month = monthOf(k.receivedDate);
  const count = (c.state.complaintsByMonth[month] ?? 0) + 1;
  c.state.complaintsByMonth[month] = count;
  const thresholds = c.spec.clauses.compliance.complaintThresholds;
  const reached = complaintThresholdsReached(c.spec, count);
  const lowest = thresholds.map((t) => t.perMonth).sort((a, b) => a - b)[0];
  await c.emit('telecom.contract.complaint-recorded.v1', {
    complaintId: k.complaintId,
    receivedDate: k.receivedDate,
    category: k.category,
    complaintsThisMonth: count,
    ...(lowest !== undefined ? { monthlyThreshold: lowest } : {}),
    thresholdReached: reached.length > 0,
  });
  if (reached.length > 0 && !c.state.flags.includes(`complaint-threshold:${month}`)) {
    c.state.flags.push(`complaint-threshold:${month}`);
  }
}

async function applyViolation(c: Contract, v: ViolationRecorded): Promise<void> {
  if (c.state.violations.some((x) => x.violationId === v.violationId)) return;
  const outcome = violationOutcome(c.spec, v.tier, v.detectedDate);
  const base = { violationId: v.violationId, tier: v.tier, detectedDate: v.detectedDate };
  switch (outcome.kind) {
    case 'no-tier-rules':
      c.state.violations.push({ ...base, status: 'remediating' });
      await c.emit('telecom.contract.violation-recorded.v1', {
        ...base,
        portBlocked: false,
        clauseRef: 'default',
      });
      return;
    case 'remediate':
      c.state.violations.push({ ...base, remediateBy: outcome.remediationEnds, status: 'remediating' });
      if (outcome.portBlocked) await setPortsBlocked(c, true, v.violationId);
      await c.emit('telecom.contract.violation-recorded.v1', {
        ...base,
        remediationDueDate: outcome.remediationEnds,
        penaltyIfUnremediedFen: outcome.penaltyIfUnremediedFen,
        portBlocked: outcome.portBlocked,
        clauseRef: outcome.ref,
      });
      c.setDeadline(`remediation ${v.violationId}`, addDays(outcome.remediationEnds, 1), outcome.ref);
      return;
    case 'terminate-business':
      c.state.violations.push({ ...base, status: 'terminating' });
      await c.emit('telecom.contract.violation-recorded.v1', {
        ...base,
        portBlocked: true,
        clauseRef: outcome.ref,
      });
      await c.charge(
        'violation-penalty',
        outcome.penaltyFen,
        `major violation ${v.violationId}`,
        outcome.ref,
        `violation:${v.violationId}`,
      );
      c.state.flags.push(`new-applications-banned-until:${outcome.applicationsAcceptedAgainFrom}`);
      c.state.scheduledTermination = { date: today(), outcome: 'violation', clause: outcome.ref };
      return;
    default: {
      const unknown: never = outcome;
      throw new Error(`unknown violation outcome ${JSON.stringify(unknown)}`);
    }
  }
}

export async function setPortsBlocked(c: Contract, blocked: boolean, why: string): Promise<void> {
  await network.setSmsPortsBlocked({
    contractNo: c.contractNo,
    requestId: `${blocked ? 'block' : 'unblock'}-${why}`,
    resources: c.state.resources,
    blocked,
  });
}
