/**
 * 催缴 → 停机 → 拆机: receivables past their due date become overdue, and the contract's dunning
 * ladder (001 clause 2.3.4, 002 clause 3.3) suspends and then terminates on its dates. A payment that
 * clears the arrears resumes service (facts.ts).
 */
import { addDays, daysBetween, type IsoDate } from '../../domain/calendar';
import { dunningLadder } from './clauses/dunning';
import { network } from './activities';
import { today } from './clock';
import type { Contract } from './contract';
import type { ContractState } from './state';

const open = (s: ContractState) => s.receivables.filter((r) => r.paidFen < r.amountFen);

export async function applyDunning(c: Contract): Promise<void> {
  const day = today();
  for (const r of open(c.state)) {
    if (r.dueDate >= day) continue;
    const suspendedOn = c.state.suspension?.reason === 'arrears' ? c.state.suspension.since : undefined;
    const ladder = dunningLadder(c.spec, r.dueDate, suspendedOn);
    if (!r.overdue) {
      r.overdue = true;
      await c.emit('telecom.contract.payment-overdue.v1', {
        invoiceId: r.id,
        amountDueFen: r.amountFen - r.paidFen,
        dueDate: r.dueDate,
        asOfDate: day,
        overdueDays: daysBetween(r.dueDate, day),
        ...(ladder.suspension.kind === 'from-date' ? { suspensionFromDate: ladder.suspension.date } : {}),
      });
    }
    if (ladder.suspension.kind === 'from-date' && day >= ladder.suspension.date && !c.state.suspension) {
      await suspend(c, 'arrears', ladder.suspension.ref);
    }
    const termination = dunningLadder(c.spec, r.dueDate, c.state.suspension?.since).termination;
    if (termination.kind === 'from-date' && day >= termination.date && !c.state.scheduledTermination) {
      c.state.scheduledTermination = { date: day, outcome: 'arrears', clause: termination.ref };
    }
  }
}

/** The next date dunning must look again: a due date passing, a suspension or termination date. */
export function nextDunningDate(c: Contract): IsoDate | undefined {
  const day = today();
  const dates: IsoDate[] = [];
  for (const r of open(c.state)) {
    if (!r.overdue) dates.push(addDays(r.dueDate, 1));
    const ladder = dunningLadder(c.spec, r.dueDate, c.state.suspension?.since);
    for (const step of [ladder.suspension, ladder.termination])
      if (step.kind === 'from-date') dates.push(step.date);
  }
  return dates.filter((d) => d > day).sort()[0];
}

export async function suspend(
  c: Contract,
  reason: NonNullable<ContractState['suspension']>['reason'],
  clauseRef?: string,
): Promise<void> {
  const day = today();
  await network.setServiceActive({
    contractNo: c.contractNo,
    requestId: `suspend-${day}`,
    resources: c.state.resources,
    active: false,
  });
  c.state.suspension = { since: day, reason };
  c.enter('suspended');
  await c.emit('telecom.contract.service-suspended.v1', {
    suspendedDate: day,
    reason,
    chargesContinue: reason !== 'customer-request',
    ...(clauseRef ? { clauseRef } : {}),
  });
}

export async function resume(c: Contract): Promise<void> {
  const since = c.state.suspension?.since;
  if (!since) return;
  const day = today();
  await network.setServiceActive({
    contractNo: c.contractNo,
    requestId: `resume-${day}`,
    resources: c.state.resources,
    active: true,
  });
  c.state.suspension = undefined;
  c.enter('active');
  await c.emit('telecom.contract.service-resumed.v1', { resumedDate: day, suspendedDate: since });
}
