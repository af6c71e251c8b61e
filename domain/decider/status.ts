/**
 * The contract as people and systems see it (the `status` query, the API's GET): the state, the open
 * obligations, and one line of "waiting for" made from them for screens. Code acts on `obligations`,
 * never on that line.
 */
import { addDays, type IsoDate } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import type { ContractStatus, Obligation, ObligationKind } from '../lifecycle/status';
import { nextWake } from './decide';
import { EFFECT_LABELS, type Effect } from './effects';
import { obligations as obligationsOf } from './obligations';
import { arrearsFen, type ContractState } from './state';
import { termsOf } from './terms';

export function statusOf(
  spec: ContractSpec,
  state: ContractState,
  today: IsoDate,
  workflowId: string,
): ContractStatus {
  const obligations = obligationsOf(spec, state, today);
  const checkpoint = nextWake(spec, state, today);
  return {
    contractNo: spec.contractNo,
    customerName: spec.parties.customer.name,
    workflowId,
    stage: state.stage,
    ...(state.outcome ? { outcome: state.outcome } : {}),
    waitingFor: waitingFor(state, obligations),
    obligations,
    deadlines: deadlinesOf(obligations),
    ...(checkpoint ? { nextCheckpoint: checkpoint } : {}),
    checklist: state.checklist,
    resources: state.resources,
    terms: termsOf(spec),
    term: {
      number: state.term.number,
      start: state.term.start,
      end: state.term.end,
      activationDate: state.activationDate,
      completionNoticeDate: state.completionNoticeDate,
    },
    balances: { arrearsFen: arrearsFen(state), ...state.balances },
    flags: state.flags,
    decisions: state.decisions,
    events: state.events,
    health: 'ok',
  };
}

/** The deadline an obligation belongs to: several obligations may share one (the review, activation). */
const DEADLINE_NAMES: Record<ObligationKind, (o: Obligation) => string> = {
  document: () => 'qualification review',
  'qualification-decision': () => 'qualification review',
  'line-installation': () => 'activation',
  'completion-notice': () => 'activation',
  'icp-filing': () => 'ICP filing',
  'campaign-script': () => 'campaign script',
  acceptance: () => 'acceptance',
  payment: (o) => `payment ${o.subject.invoiceId ?? ''}`.trim(),
  invoice: (o) => `invoice ${o.subject.invoiceId ?? ''}`.trim(),
  'usage-report': () => 'usage report',
  remediation: (o) => `remediation ${o.subject.violationId ?? ''}`.trim(),
  'non-renewal-notice': () => 'non-renewal notice',
  'term-end': () => 'term end',
};

/** One entry per named deadline, at its earliest date, earliest first. */
function deadlinesOf(obligations: readonly Obligation[]): ContractStatus['deadlines'] {
  const byName = new Map<string, ContractStatus['deadlines'][number]>();
  for (const o of obligations) {
    const name = DEADLINE_NAMES[o.kind](o);
    if (!o.dueDate || byName.has(name)) continue;
    byName.set(name, { name, date: o.dueDate, ...(o.clause ? { clause: o.clause } : {}) });
  }
  return [...byName.values()];
}

/** How each kind of obligation reads in the one-line summary, given how many are open. */
const PHRASES: Record<ObligationKind, (open: Obligation[]) => string> = {
  document: (o) => `${o.length} document(s)`,
  'qualification-decision': (o) => o[0]!.summary,
  'line-installation': (o) => `installation of ${o.length} line(s)`,
  'completion-notice': () => 'the completion notice',
  'icp-filing': () => 'the ICP filing',
  'campaign-script': () => 'the campaign script approval',
  acceptance: (o) => o[0]!.summary,
  payment: (o) => (o.length === 1 ? o[0]!.summary : `${o.length} payments`),
  invoice: (o) => `billing's invoice for ${o.length} instalment(s)`,
  'usage-report': (o) => `usage reports for ${new Set(o.map((x) => x.subject.month)).size} month(s)`,
  remediation: (o) => `remediation of ${o.length} violation(s)`,
  'non-renewal-notice': () => 'the non-renewal notice deadline',
  'term-end': (o) => o[0]!.summary,
};

/** One line for screens: what the contract is busy with, or what it waits for and until when. */
export function waitingFor(state: ContractState, obligations: readonly Obligation[]): string {
  if (state.stage === 'closed') return 'nothing: the contract is closed';
  if (state.pending.length > 0) return busyWith(state.pending);
  if (state.stage === 'terminating') return 'the final settlement';
  if (obligations.length === 0) return 'facts or actions';
  const kinds = [...new Set(obligations.map((o) => o.kind))];
  const text = kinds
    .slice(0, 2)
    .map((kind) => PHRASES[kind](obligations.filter((o) => o.kind === kind)))
    .join(', then ');
  const first = obligations[0]!;
  if (!first.dueDate) return text;
  return first.overdue
    ? `${text} — overdue since ${addDays(first.dueDate as IsoDate, 1)}`
    : `${text} (until ${first.dueDate})`;
}

function busyWith(pending: readonly Effect[]): string {
  return [...new Set(pending.map((e) => EFFECT_LABELS[e.kind]))].join(', then ');
}
