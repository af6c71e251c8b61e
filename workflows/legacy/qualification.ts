/**
 * 资质审核 — qualification review. The checklist comes from the contract model (product × customer
 * type); reviewers act through Updates (submit, request more, approve, reject). Past the review
 * deadline the review is escalated once and keeps waiting for a decision.
 */
import { condition } from '@temporalio/workflow';
import { addDays, addWorkingDays } from '../../domain/calendar';
import { requiredDocumentsFor } from '../../domain/qualification';
import { today, waitUntilDate } from './clock';
import type { Contract } from './contract';

export async function qualificationReview(
  c: Contract,
  reviewWorkingDays: number,
): Promise<'approved' | 'rejected'> {
  c.enter('qualification');
  const required = requiredDocumentsFor(c.spec);
  c.state.checklist = required.map((d) => ({
    documentType: d.code,
    rule: `${d.name} (${d.nameZh}), required by ${d.refs.join(', ')}`,
  }));
  const opened = today();
  const due = addWorkingDays(opened, reviewWorkingDays);
  await c.emit('telecom.contract.qualification-requested.v1', {
    customerCategory: c.spec.parties.customer.businessNature,
    requiredDocuments: required.map((d) => d.code),
    requestedDate: opened,
    dueDate: due.date,
    ...(due.calendarDataMissing ? { calendarDataMissing: true } : {}),
  });
  c.setDeadline('qualification review', due.date);
  c.waitFor('documents and a reviewer decision', due.date);

  const decided = () => c.state.qualification !== undefined;
  // The review is late once the due working day has ended.
  if (!(await waitUntilDate(addDays(due.date, 1), decided))) {
    await c.emit('telecom.contract.qualification-escalated.v1', {
      pendingSince: opened,
      escalatedDate: today(),
      reason: `no decision within ${reviewWorkingDays} working days`,
    });
    c.waitFor('a reviewer decision (escalated)');
    await condition(decided);
  }
  c.clearDeadline('qualification review');

  const decision = c.state.qualification!;
  if (decision.decision === 'approved') {
    c.state.orderAcceptedDate = decision.date;
    await c.emit('telecom.contract.qualification-approved.v1', { approvedDate: decision.date });
    return 'approved';
  }
  // Issue #15: the reason stays in the history; the event log gets a code (legacy state keeps none).
  await c.emit('telecom.contract.qualification-rejected.v2', {
    rejectedDate: decision.date,
    reasonCode: 'other',
  });
  return 'rejected';
}

/** Documents of the checklist still missing, for the approve validator's message. */
export function missingDocuments(c: Contract): string[] {
  return c.state.checklist.filter((i) => !i.documentRef).map((i) => i.documentType);
}
