/**
 * 资质审核 — qualification review. The checklist comes from the contract model (product × customer
 * type, requiredDocumentsFor); the reviewer decides within the review's working days, else the review
 * is escalated once and keeps waiting. Approval starts provisioning; rejection closes the contract.
 */
import { endOfPeriod } from '../clauses/periods';
import type { ActionInput } from '../lifecycle/actions';
import { requiredDocumentsFor } from '../qualification';
import type { Draft } from './draft';
import { close } from './ending';
import type { StartOptions } from './inputs';
import { startProvisioning } from './provisioning';

export function start(d: Draft, options: StartOptions): void {
  const { spec, today } = d;
  d.publish('telecom.contract.onboarding-received.v1', {
    requestId: options.requestId,
    requestedBy: options.requestedBy,
    receivedDate: today,
    productOfferings: spec.products,
  });
  const required = requiredDocumentsFor(spec);
  d.emit({
    type: 'checklist-opened',
    items: required.map((doc) => ({
      documentType: doc.code,
      rule: `${doc.name} (${doc.nameZh}), required by ${doc.refs.join(', ')}`,
    })),
  });
  const due = endOfPeriod(today, options.reviewWorkingDays, 'working');
  d.publish('telecom.contract.qualification-requested.v1', {
    customerCategory: spec.parties.customer.businessNature,
    requiredDocuments: required.map((doc) => doc.code),
    requestedDate: today,
    dueDate: due.date,
    ...(due.calendarDataMissing ? { calendarDataMissing: true } : {}),
  });
}

/** The review is late once its last working day has ended: escalate it, once. */
export function escalateLateReview(d: Draft): void {
  const { review, qualification, stage } = d.state;
  if (stage !== 'qualification' || qualification || !review.dueDate || review.escalatedOn) return;
  if (d.today <= review.dueDate) return;
  d.publish('telecom.contract.qualification-escalated.v1', {
    pendingSince: review.openedOn ?? review.dueDate,
    escalatedDate: d.today,
    reason: `no reviewer decision by ${review.dueDate}`,
  });
}

export const missingDocuments = (d: Draft): string[] =>
  d.state.checklist.filter((i) => !i.documentRef).map((i) => i.documentType);

function alreadyDecided(d: Draft): string | undefined {
  const q = d.state.qualification;
  return q ? `the qualification was already ${q.decision} by ${q.by} on ${q.date}` : undefined;
}

export const qualificationRules = {
  'submit-document': (d: Draft, i: ActionInput<'submit-document'>) =>
    d.state.checklist.some((doc) => doc.documentType === i.documentType)
      ? undefined
      : `'${i.documentType}' is not on this contract's checklist (${d.state.checklist.map((doc) => doc.documentType).join(', ')})`,
  'request-documents': (d: Draft) => alreadyDecided(d),
  approve: (d: Draft) => {
    const missing = missingDocuments(d);
    return (
      alreadyDecided(d) ?? (missing.length ? `documents still missing: ${missing.join(', ')}` : undefined)
    );
  },
  reject: (d: Draft) => alreadyDecided(d),
};

export function submitDocument(d: Draft, i: ActionInput<'submit-document'>): void {
  d.note('submit-document', i.submittedBy, i.documentType);
  d.emit({
    type: 'document-submitted',
    documentType: i.documentType,
    documentRef: i.documentRef,
    by: i.submittedBy,
  });
}

export function requestDocuments(d: Draft, i: ActionInput<'request-documents'>): void {
  d.note('request-documents', i.requestedBy, `${i.documentTypes.join(', ')}: ${i.reason}`);
  // The reviewer's words stay in the history (the note); the event log gets the code.
  d.publish('telecom.contract.documents-requested.v2', {
    documentTypes: i.documentTypes,
    reasonCode: i.reasonCode ?? 'other',
    requestedDate: d.today,
  });
}

export function approve(d: Draft, i: ActionInput<'approve'>): void {
  d.note('approve', i.approvedBy, i.note);
  d.emit({ type: 'qualification-decided', decision: 'approved', by: i.approvedBy, date: d.today });
  d.publish('telecom.contract.qualification-approved.v1', { approvedDate: d.today });
  startProvisioning(d);
}

export function reject(d: Draft, i: ActionInput<'reject'>): void {
  d.note('reject', i.rejectedBy, i.reason);
  d.emit({
    type: 'qualification-decided',
    decision: 'rejected',
    by: i.rejectedBy,
    date: d.today,
    reason: i.reason,
  });
  d.publish('telecom.contract.qualification-rejected.v2', {
    rejectedDate: d.today,
    reasonCode: i.reasonCode ?? 'other',
  });
  close(d, 'qualification-rejected');
}
