/**
 * What each human action requires beyond its stage (rules, pure: used by validators) and what it does
 * (handlers: record the decision, change the state, call the network or inventory, emit the event).
 */
import { addDays } from '../../domain/calendar';
import { unsubscribeStopDate } from './clauses/unsubscribe';
import { renewalOutlook } from './clauses/term';
import type { ActionInput, ActionName } from '../../domain/lifecycle/actions';
import { network } from './activities';
import { today } from './clock';
import type { Contract } from './contract';
import { showFieldWork } from './provisioning';
import { missingDocuments } from './qualification';
import { remediationPassed } from './service';
import { performServiceRequest, serviceRequestRule } from './service-requests';

/** A second decision while the workflow is still acting on the first (same stage, moments later). */
function alreadyDecided(c: Contract): string | undefined {
  const q = c.state.qualification;
  return q ? `the qualification was already ${q.decision} by ${q.by} on ${q.date}` : undefined;
}

function alreadyAnswered(c: Contract): string | undefined {
  const { acceptance, objection } = c.state;
  if (acceptance) return `the customer already accepted (${acceptance.kind}) on ${acceptance.date}`;
  return objection ? `the customer already objected on ${objection.date}: ${objection.reason}` : undefined;
}

const legacyRun =
  'this contract still runs on the previous version of the orchestrator; use it after its next renewal';

type Rule<A extends ActionName> = (c: Contract, input: ActionInput<A>) => string | undefined;

export const actionRules: { [A in ActionName]: Rule<A> } = {
  'submit-document': (c, i) =>
    c.state.checklist.some((d) => d.documentType === i.documentType)
      ? undefined
      : `'${i.documentType}' is not on this contract's checklist (${c.state.checklist.map((d) => d.documentType).join(', ')})`,
  'request-documents': () => undefined,
  approve: (c) => {
    const missing = missingDocuments(c);
    return (
      alreadyDecided(c) ?? (missing.length ? `documents still missing: ${missing.join(', ')}` : undefined)
    );
  },
  reject: (c) => alreadyDecided(c),
  'confirm-installation': (c, i) => {
    const line = c.state.installations[i.lineIndex];
    if (!line)
      return `lineIndex ${i.lineIndex} does not exist: the contract has ${c.state.installations.length} dedicated line(s)`;
    return line.circuitId
      ? `line ${i.lineIndex} was already confirmed as circuit ${line.circuitId}`
      : undefined;
  },
  'record-icp-filing': (c) => {
    if (!c.spec.clauses.gates.icpFilingForPorts) return 'this contract has no ICP filing gate';
    return c.state.icpFilingNo ? `ICP filing ${c.state.icpFilingNo} is already recorded` : undefined;
  },
  'approve-campaign-script': (c) =>
    c.spec.clauses.gates.outboundScripts
      ? undefined
      : 'this contract has no outbound campaign scripts to approve',
  'issue-completion-notice': (c) => {
    const pending = c.state.installations.filter((l) => !l.circuitId).map((l) => l.lineIndex);
    if (pending.length) return `line(s) ${pending.join(', ')} not yet confirmed installed and tested`;
    return c.state.completionNoticeDate
      ? `a completion notice was already issued on ${c.state.completionNoticeDate}`
      : undefined;
  },
  'sign-off': (c) => alreadyAnswered(c),
  object: (c) => alreadyAnswered(c),
  'non-renewal-notice': (c, i) => {
    const { term, renewalsSoFar, nonRenewal } = c.state;
    if (nonRenewal)
      return `a non-renewal notice was already given on ${nonRenewal.noticeDate} by the ${nonRenewal.party}`;
    if (!term.start || !term.end) return 'the term has not started yet';
    const outlook = renewalOutlook(c.spec, { start: term.start, end: term.end }, renewalsSoFar);
    if (outlook.kind !== 'auto')
      return `the contract does not renew automatically (renewal: ${outlook.kind}, clause ${outlook.ref})`;
    if (i.noticeDate > today()) return `noticeDate ${i.noticeDate} is in the future`;
    if (i.noticeDate > outlook.nonRenewalNoticeDeadline) {
      return `notice on ${i.noticeDate} is too late: it had to be given by ${outlook.nonRenewalNoticeDeadline} (clause ${outlook.ref}); the contract renews on ${outlook.next.start}`;
    }
    return undefined;
  },
  unsubscribe: (c, i) => {
    if (!c.spec.clauses.unsubscribe)
      return 'the contract has no unsubscribe clause: use termination by agreement';
    if (c.state.unsubscribe) return `already unsubscribed with stop date ${c.state.unsubscribe.stopDate}`;
    return i.noticeDate > today() ? `noticeDate ${i.noticeDate} is in the future` : undefined;
  },
  // Contracts still on the legacy code run without usage settlement: the choice waits for the decider.
  'choose-free-month': () =>
    'this contract still runs on the previous version of the orchestrator; choose the free month after its next renewal',
  // The legacy code keeps no claims and confirms lines one by one; its runs get them after a renewal.
  'confirm-installations': () => legacyRun,
  claim: () => legacyRun,
  unclaim: () => legacyRun,
  'record-remediation': (c, i) => {
    const v = c.state.violations.find((x) => x.violationId === i.violationId);
    if (!v) return `no violation ${i.violationId} on this contract`;
    return v.status === 'remediating'
      ? undefined
      : `violation ${i.violationId} is ${v.status}, not under remediation`;
  },
  'service-request': (c, i) => serviceRequestRule(c, i),
};

export async function performAction<A extends ActionName>(
  c: Contract,
  action: A,
  input: ActionInput<A>,
): Promise<void> {
  const day = today();
  const i = input as ActionInput<ActionName>;
  switch (action) {
    case 'submit-document': {
      const { documentType, documentRef, submittedBy } = i as ActionInput<'submit-document'>;
      const item = c.state.checklist.find((d) => d.documentType === documentType)!;
      Object.assign(item, { documentRef, submittedBy });
      return c.decide(action, submittedBy, documentType);
    }
    case 'request-documents': {
      const { documentTypes, reason, reasonCode, requestedBy } = i as ActionInput<'request-documents'>;
      for (const documentType of documentTypes) {
        const item = c.state.checklist.find((d) => d.documentType === documentType);
        if (item) Object.assign(item, { documentRef: undefined, submittedBy: undefined });
        else c.state.checklist.push({ documentType, rule: `requested by ${requestedBy}: ${reason}` });
      }
      c.decide(action, requestedBy, `${documentTypes.join(', ')}: ${reason}`);
      // Issue #15: the reason stays in the history; the event log gets the code (same as the decider).
      return c.emit('telecom.contract.documents-requested.v2', {
        documentTypes,
        reasonCode: reasonCode ?? 'other',
        requestedDate: day,
      });
    }
    case 'approve': {
      const { approvedBy, note } = i as ActionInput<'approve'>;
      c.state.qualification = { decision: 'approved', by: approvedBy, date: day };
      return c.decide(action, approvedBy, note);
    }
    case 'reject': {
      const { rejectedBy, reason } = i as ActionInput<'reject'>;
      c.state.qualification = { decision: 'rejected', by: rejectedBy, date: day, reason };
      return c.decide(action, rejectedBy, reason);
    }
    case 'confirm-installation': {
      const { lineIndex, circuitId, testedBy } = i as ActionInput<'confirm-installation'>;
      Object.assign(c.state.installations[lineIndex]!, { circuitId, testedBy });
      // The provisioning loop sleeps until the notice or the SLA deadline: keep its line current here.
      showFieldWork(c);
      return c.decide(action, testedBy, `line ${lineIndex}: circuit ${circuitId}`);
    }
    case 'record-icp-filing':
      return recordIcpFiling(c, i as ActionInput<'record-icp-filing'>);
    case 'approve-campaign-script': {
      const { scriptId, approvedBy } = i as ActionInput<'approve-campaign-script'>;
      c.state.campaignScriptId = scriptId;
      return c.decide(action, approvedBy, `script ${scriptId}: outbound calls allowed`);
    }
    case 'issue-completion-notice': {
      const { issuedBy } = i as ActionInput<'issue-completion-notice'>;
      c.state.completionNoticeDate = day;
      return c.decide(action, issuedBy, `completion notice dated ${day}`);
    }
    case 'sign-off': {
      const { signedBy } = i as ActionInput<'sign-off'>;
      c.state.acceptance = { kind: 'signed', date: day, by: signedBy };
      return c.decide(action, signedBy);
    }
    case 'object': {
      const { reason, raisedBy } = i as ActionInput<'object'>;
      c.state.objection = { date: day, reason };
      return c.decide(action, raisedBy, reason);
    }
    case 'non-renewal-notice':
      return noticeNonRenewal(c, i as ActionInput<'non-renewal-notice'>);
    case 'unsubscribe':
      return unsubscribe(c, i as ActionInput<'unsubscribe'>);
    case 'record-remediation': {
      const { violationId, passed, checkedBy } = i as ActionInput<'record-remediation'>;
      c.decide(action, checkedBy, `${violationId}: ${passed ? 'passed' : 'failed'}`);
      if (passed) return remediationPassed(c, violationId);
      const v = c.state.violations.find((x) => x.violationId === violationId)!;
      v.remediateBy = addDays(day, -1); // the service loop applies the unremedied consequence now
      return;
    }
    case 'service-request':
      return performServiceRequest(c, i as ActionInput<'service-request'>);
  }
}

async function recordIcpFiling(
  c: Contract,
  { filingNo, recordedBy }: ActionInput<'record-icp-filing'>,
): Promise<void> {
  c.state.icpFilingNo = filingNo;
  c.decide('record-icp-filing', recordedBy, filingNo);
  const ports = c.spec.clauses.gates.icpFilingForPorts?.ports ?? [];
  if (c.state.resources.some((r) => r.kind === 'circuit')) {
    await network.openCircuitPorts({
      contractNo: c.contractNo,
      requestId: `icp-${filingNo}`,
      resources: c.state.resources,
      ports,
    });
  }
}

async function noticeNonRenewal(
  c: Contract,
  { party, noticeDate, givenBy }: ActionInput<'non-renewal-notice'>,
): Promise<void> {
  c.state.nonRenewal = { party, noticeDate };
  c.decide('non-renewal-notice', givenBy, `${party} notice of ${noticeDate}`);
  await c.emit('telecom.contract.non-renewal-noticed.v1', {
    party,
    noticeDate,
    expiryDate: c.state.term.end!,
    inTime: true,
  });
}

async function unsubscribe(
  c: Contract,
  { noticeDate, requestedStopDate, givenBy }: ActionInput<'unsubscribe'>,
): Promise<void> {
  const stop = unsubscribeStopDate(c.spec, noticeDate, requestedStopDate);
  if (stop.kind !== 'stop') return;
  c.state.unsubscribe = { noticeDate, stopDate: stop.stopDate };
  c.decide(
    'unsubscribe',
    givenBy,
    `stop date ${stop.stopDate}${stop.adjusted ? ` (requested ${requestedStopDate}, too early)` : ''}`,
  );
  await c.emit('telecom.contract.unsubscribe-noticed.v1', {
    noticeDate,
    requestedStopDate,
    stopBillingDate: stop.stopDate,
    clauseRef: stop.ref,
  });
}
