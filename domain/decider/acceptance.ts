/**
 * 竣工验收 — acceptance. The completion notice opens the customer's window (000 3.4: 5 days, counted
 * by acceptanceWindow); sign-off makes that day the actual activation date, silence past the window
 * is deemed acceptance with the completion-notice date, a written objection sends the contract back
 * to provisioning for a new notice.
 */
import { acceptanceWindow } from '../clauses/acceptance';
import type { IsoDate } from '../calendar';
import type { ActionInput } from '../lifecycle/actions';
import { startBilling } from './billing';
import type { Draft } from './draft';
import { recordActivationDelay } from './provisioning';

export function openAcceptanceWindow(d: Draft): void {
  const noticeDate = d.today;
  const window = acceptanceWindow(d.spec, { noticeReceivedOn: noticeDate, completionNoticeDate: noticeDate });
  if (window.kind === 'no-acceptance-clause') {
    d.publish('telecom.contract.completion-notice-issued.v1', { noticeDate, acceptanceDueDate: noticeDate });
    accepted(d, { kind: 'deemed', date: noticeDate }, noticeDate);
    startBilling(d, noticeDate);
    return;
  }
  const { ref, lastDayToRespond, deemedAcceptedOn, activationDateIfDeemed, calendarDataMissing } = window;
  d.emit({
    type: 'acceptance-window-opened',
    window: { ref, lastDayToRespond, deemedAcceptedOn, activationDateIfDeemed, calendarDataMissing },
  });
  d.publish('telecom.contract.completion-notice-issued.v1', {
    noticeDate,
    acceptanceDueDate: lastDayToRespond,
    ...(calendarDataMissing ? { calendarDataMissing: true } : {}),
  });
}

function alreadyAnswered(d: Draft): string | undefined {
  const { acceptance, objection } = d.state;
  if (acceptance) return `the customer already accepted (${acceptance.kind}) on ${acceptance.date}`;
  return objection ? `the customer already objected on ${objection.date}: ${objection.reason}` : undefined;
}

export const acceptanceRules = {
  'sign-off': alreadyAnswered,
  object: alreadyAnswered,
};

export function signOff(d: Draft, i: ActionInput<'sign-off'>): void {
  d.note('sign-off', i.signedBy);
  accepted(d, { kind: 'signed', date: d.today, by: i.signedBy }, d.today);
  d.publish('telecom.contract.acceptance-signed.v1', { signedDate: d.today, activationDate: d.today });
  startBilling(d, d.today);
}

export function object(d: Draft, i: ActionInput<'object'>): void {
  d.note('object', i.raisedBy, i.reason);
  d.emit({ type: 'objection-raised', date: d.today, reason: i.reason });
  d.publish('telecom.contract.acceptance-objected.v2', {
    objectedDate: d.today,
    reasonCode: i.reasonCode ?? 'other',
  });
  // Back in provisioning: a late activation is late as of today.
  recordActivationDelay(d);
}

/** Silence past the window (000 3.4): deemed accepted, the activation date is the notice's. */
export function deemAcceptance(d: Draft): void {
  const { stage, acceptanceWindow: window, acceptance, objection, completionNoticeDate } = d.state;
  if (stage !== 'acceptance' || !window || acceptance || objection || !completionNoticeDate) return;
  if (!window.deemedAcceptedOn || d.today < window.deemedAcceptedOn) return;
  const activationDate = window.activationDateIfDeemed ?? window.deemedAcceptedOn;
  d.note('deemed-acceptance', 'workflow', `no answer by ${window.lastDayToRespond} (clause ${window.ref})`);
  accepted(d, { kind: 'deemed', date: d.today }, activationDate);
  d.publish('telecom.contract.acceptance-deemed.v1', {
    noticeDate: completionNoticeDate,
    deemedDate: window.deemedAcceptedOn,
    activationDate,
    clauseRef: window.ref,
  });
  startBilling(d, activationDate);
}

function accepted(
  d: Draft,
  answer: { kind: 'signed' | 'deemed'; date: IsoDate; by?: string },
  activationDate: IsoDate,
): void {
  d.emit({ type: 'acceptance-answered', answer, activationDate });
}
