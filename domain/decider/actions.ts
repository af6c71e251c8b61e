/**
 * A person's action: refused in the wrong stage (the common mistake), refused with every bad field,
 * refused when the action's own rule says no; otherwise decided. The same function answers the
 * workflow's Update validator (a dry run) and its handler, so an accepted action cannot fail later.
 */
import {
  ACTION_STAGES,
  parseAction,
  InvalidActionError,
  type ActionInput,
  type ActionName,
} from '../lifecycle/actions';
import { assertNever } from '../never';
import { acceptanceRules, object, signOff } from './acceptance';
import { claim, claimRules, unclaim } from './claims';
import type { Draft, Refusal } from './draft';
import { endingRules, noticeNonRenewal, unsubscribe } from './ending';
import {
  confirmInstallation,
  confirmInstallations,
  issueCompletionNotice,
  provisioningRules,
} from './provisioning';
import { approve, qualificationRules, reject, requestDocuments, submitDocument } from './qualification';
import { recordRemediation, remediationRule } from './service';
import { serviceRequest, serviceRequestRule } from './service-requests';
import { chooseFreeMonth, freeMonthRule } from './usage';

type Rule<A extends ActionName> = (d: Draft, input: ActionInput<A>) => string | undefined;

const RULES: { [A in ActionName]: Rule<A> } = {
  ...qualificationRules,
  ...provisioningRules,
  ...acceptanceRules,
  ...endingRules,
  ...claimRules,
  'record-icp-filing': (d) => {
    if (!d.spec.clauses.gates.icpFilingForPorts) return 'this contract has no ICP filing gate';
    return d.state.icpFilingNo ? `ICP filing ${d.state.icpFilingNo} is already recorded` : undefined;
  },
  'approve-campaign-script': (d) =>
    d.spec.clauses.gates.outboundScripts
      ? undefined
      : 'this contract has no outbound campaign scripts to approve',
  'choose-free-month': freeMonthRule,
  'record-remediation': remediationRule,
  'service-request': serviceRequestRule,
};

export function act(d: Draft, action: ActionName, payload: unknown): Refusal | undefined {
  const allowed = ACTION_STAGES[action];
  const { stage } = d.state;
  if (!allowed.includes(stage)) {
    const where = allowed.map((s) => `'${s}'`).join(' or ');
    return {
      kind: 'wrong-stage',
      message: `${action} is refused: contract ${d.spec.contractNo} is in stage '${stage}', and ${action} is only possible in ${where}`,
    };
  }
  let input: ActionInput<ActionName>;
  try {
    input = parseAction(action, payload);
  } catch (err) {
    if (err instanceof InvalidActionError) return { kind: 'invalid-input', message: err.message };
    throw err;
  }
  const problem = (RULES[action] as Rule<ActionName>)(d, input);
  if (problem) return { kind: 'rule', message: `${action} is refused: ${problem}` };
  perform(d, action, input);
  return undefined;
}

function perform(d: Draft, action: ActionName, input: ActionInput<ActionName>): void {
  const i = input as never;
  switch (action) {
    case 'submit-document':
      return submitDocument(d, i);
    case 'request-documents':
      return requestDocuments(d, i);
    case 'approve':
      return approve(d, i);
    case 'reject':
      return reject(d, i);
    case 'confirm-installation':
      return confirmInstallation(d, i);
    case 'confirm-installations':
      return confirmInstallations(d, i);
    case 'claim':
      return claim(d, i);
    case 'unclaim':
      return unclaim(d, i);
    case 'record-icp-filing':
      return recordIcpFiling(d, i);
    case 'approve-campaign-script': {
      const { scriptId, approvedBy } = input as ActionInput<'approve-campaign-script'>;
      d.note(action, approvedBy, `script ${scriptId}: outbound calls allowed`);
      return d.emit({ type: 'campaign-script-approved', scriptId });
    }
    case 'issue-completion-notice':
      return issueCompletionNotice(d, i);
    case 'sign-off':
      return signOff(d, i);
    case 'object':
      return object(d, i);
    case 'non-renewal-notice':
      return noticeNonRenewal(d, i);
    case 'unsubscribe':
      return unsubscribe(d, i);
    case 'choose-free-month':
      return chooseFreeMonth(d, i);
    case 'record-remediation':
      return recordRemediation(d, i);
    case 'service-request':
      return serviceRequest(d, i);
    default:
      return assertNever(action, 'action');
  }
}

/** 001 1.5: the filing recorded opens the gated ports on the lines already in service. */
function recordIcpFiling(d: Draft, { filingNo, recordedBy }: ActionInput<'record-icp-filing'>): void {
  d.note('record-icp-filing', recordedBy, filingNo);
  d.emit({ type: 'icp-filing-recorded', filingNo });
  if (!d.state.resources.some((r) => r.kind === 'circuit')) return;
  d.request({
    kind: 'open-circuit-ports',
    resources: d.state.resources,
    ports: d.spec.clauses.gates.icpFilingForPorts?.ports ?? [],
    requestId: `icp-${filingNo}`,
    purpose: { kind: 'icp-filing' },
  });
}
