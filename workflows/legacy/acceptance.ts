/**
 * 竣工验收 — acceptance. The completion notice opens the customer's window (000 clause 3.4: 5 days);
 * sign-off makes that day the actual activation date, silence past the window is deemed acceptance
 * with the completion-notice date, and a written objection sends the contract back to provisioning.
 */
import { condition } from '@temporalio/workflow';
import { acceptanceWindow } from './clauses/acceptance';
import type { IsoDate } from '../../domain/calendar';
import { today, waitUntilDate } from './clock';
import type { Contract } from './contract';
import type { ContractState } from './state';
import { awaitCompletionNotice } from './provisioning';

/** Loop notice → window until the customer accepts (signed or deemed). Returns the activation date. */
export async function acceptance(c: Contract): Promise<IsoDate> {
  for (;;) {
    await awaitCompletionNotice(c);
    const activationDate = await acceptanceWindowOutcome(c);
    if (activationDate) return activationDate;
    // Objection: remediate, then a new completion notice.
    c.state.completionNoticeDate = undefined;
  }
}

async function acceptanceWindowOutcome(c: Contract): Promise<IsoDate | undefined> {
  const noticeDate = c.state.completionNoticeDate!;
  const window = acceptanceWindow(c.spec, { noticeReceivedOn: noticeDate, completionNoticeDate: noticeDate });
  if (window.kind === 'no-acceptance-clause') {
    await c.emit('telecom.contract.completion-notice-issued.v1', {
      noticeDate,
      acceptanceDueDate: noticeDate,
    });
    c.state.acceptance = { kind: 'deemed', date: noticeDate };
    return noticeDate;
  }
  c.enter('acceptance');
  c.state.acceptance = undefined;
  c.state.objection = undefined;
  await c.emit('telecom.contract.completion-notice-issued.v1', {
    noticeDate,
    acceptanceDueDate: window.lastDayToRespond,
    ...(window.calendarDataMissing ? { calendarDataMissing: true } : {}),
  });
  c.setDeadline('acceptance', window.lastDayToRespond, window.ref);
  c.waitFor('customer sign-off or written objection', window.lastDayToRespond);

  const answered = () => c.state.acceptance !== undefined || c.state.objection !== undefined;
  const wakeOn = window.deemedAcceptedOn;
  if (wakeOn) await waitUntilDate(wakeOn, answered);
  else await condition(answered);
  c.clearDeadline('acceptance');

  // Read afresh: the handlers changed the state while we waited.
  const answer: Pick<ContractState, 'objection' | 'acceptance'> = c.state;
  if (answer.objection) {
    // Issue #15: the reason stays in the history; the event log gets a code (legacy state keeps none).
    await c.emit('telecom.contract.acceptance-objected.v2', {
      objectedDate: answer.objection.date,
      reasonCode: 'other',
    });
    return undefined;
  }
  if (answer.acceptance) {
    const signedDate = answer.acceptance.date;
    await c.emit('telecom.contract.acceptance-signed.v1', { signedDate, activationDate: signedDate });
    return signedDate;
  }
  const activationDate = window.activationDateIfDeemed!;
  c.state.acceptance = { kind: 'deemed', date: today() };
  c.decide('deemed-acceptance', 'workflow', `no answer by ${window.lastDayToRespond} (clause ${window.ref})`);
  await c.emit('telecom.contract.acceptance-deemed.v1', {
    noticeDate,
    deemedDate: wakeOn!,
    activationDate,
    clauseRef: window.ref,
  });
  return activationDate;
}
