/**
 * What the Temporal Web UI shows of a contract: its terms at a glance (the start's static summary and
 * details), why its timer will wake it, and the open obligations in the workflow's Details panel. Read
 * from the same obligations as the status, so the operators' view and the engineers' inbox never
 * disagree. Pure: the workflow calls it on replay too.
 */
import { addDays, type IsoDate } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import type { ContractStatus, Obligation } from '../lifecycle/status';
import { obligations } from './obligations';
import type { ContractState } from './state';

type Consequence = NonNullable<Obligation['escalation']>['consequence'];

/** What happens on the wake-up day, per consequence of an obligation still open then. */
const ON_WAKE: Record<Consequence, (o: Obligation, wake: IsoDate) => string> = {
  'deemed-acceptance': (o, wake) => `acceptance window ends ${o.dueDate}; deemed accepted on ${wake}`,
  escalation: (o, wake) => `qualification review due ${o.dueDate}; escalated on ${wake}`,
  overdue: (o) => `${o.summary} due ${o.dueDate}`,
  'delay-penalty': (o, wake) => `${o.summary} due ${o.dueDate}; delay penalty from ${wake}`,
  suspension: (o, wake) => `${o.summary} unpaid; suspension from ${wake}`,
  termination: (o, wake) => `${o.summary} unpaid; termination from ${wake}`,
  'penalty-and-termination': (o, wake) =>
    `${o.summary} due ${o.dueDate}; penalty and termination from ${wake}`,
  'auto-renewal': (o, wake) => `${o.summary}; renews on ${wake}`,
  expiry: (o, wake) => `${o.summary}; the service ends before ${wake}`,
};

/** Temporal keeps summaries short; the Details panel has the rest. */
const SUMMARY_MAX = 200;

/**
 * One line for the timer that sleeps until `wake`, e.g. "next checkpoint 2026-05-01: payment of
 * 4,500.00 CNY on 4.5.1#2 due 2026-04-30".
 */
export function wakeSummary(spec: ContractSpec, state: ContractState, today: IsoDate, wake: IsoDate): string {
  const owed = obligations(spec, state, today);
  const escalating = owed.filter((o) => o.escalation?.date === wake);
  const falling = owed.filter((o) => o.dueDate && addDays(o.dueDate as IsoDate, 1) === wake);
  const phrases = [
    ...escalating.map((o) => ON_WAKE[o.escalation!.consequence](o, wake)),
    ...falling.filter((o) => !escalating.includes(o)).map((o) => `${o.summary} due ${o.dueDate}`),
  ];
  const term =
    state.term.end && addDays(state.term.end, 1) === wake
      ? [`term ${state.term.number} ends ${state.term.end}`]
      : [];
  const all = [...new Set([...phrases, ...term])];
  const text =
    all.length === 0
      ? `next checkpoint ${wake}`
      : `next checkpoint ${wake}: ${all[0]}${all.length > 1 ? ` (+${all.length - 1} more)` : ''}`;
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 1)}…` : text;
}

/** Obligations listed in the Details panel; the inbox and `status` have them all. */
const LISTED = 12;

/** The workflow page's Details panel: stage, what it waits for, the open obligations (markdown). */
export function detailsMarkdown(status: ContractStatus): string {
  const head = `**${status.stage}** — waiting for ${status.waitingFor}`;
  const checkpoint = status.nextCheckpoint ? `\n\nNext checkpoint: ${status.nextCheckpoint}` : '';
  const open = status.obligations;
  if (open.length === 0) return head + checkpoint;
  const items = open.slice(0, LISTED).map((o) => {
    const due = o.dueDate ? `, due ${o.dueDate}${o.overdue ? ' (overdue)' : ''}` : '';
    const clause = o.clause ? `, clause ${o.clause}` : '';
    const held = o.assignee ? ` — claimed by ${o.assignee.by} since ${o.assignee.since}` : '';
    return `- \`${o.id}\` ${o.summary} (${o.party}${due}${clause})${held}`;
  });
  const more = open.length > LISTED ? [`- … and ${open.length - LISTED} more`] : [];
  return `${head}${checkpoint}\n\nOpen obligations (${open.length}):\n${[...items, ...more].join('\n')}`;
}

/** The contract at a glance in the workflow list: "<contract no> · <customer> · <products>". */
export function contractHeadline(spec: ContractSpec): string {
  const text = `${spec.contractNo} · ${spec.parties.customer.name} · ${spec.products.join(', ')}`;
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 1)}…` : text;
}

/**
 * The workflow page's static details (markdown): the terms that never change. Only what the search
 * attributes already show plus dates and clause numbers — no contact person, phone or address.
 */
export function contractDetails(spec: ContractSpec): string {
  const { term, renewal } = spec.clauses;
  const start =
    term.start.kind === 'fixed'
      ? `from ${term.start.date}`
      : term.start.kind === 'activation'
        ? 'from activation'
        : 'from signature';
  const end = term.end.kind === 'fixed' ? `until ${term.end.date}` : `for ${term.end.months} month(s)`;
  const renews =
    renewal.mode === 'auto'
      ? `renews by ${renewal.renewalMonths} month(s) (clause ${renewal.ref})`
      : renewal.mode === 'negotiated'
        ? `renewal negotiated (clause ${renewal.ref})`
        : 'no renewal';
  const region = [spec.region.province, spec.region.city, spec.region.district].filter(Boolean).join(' ');
  const lines = spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);
  return [
    `**Contract** ${spec.contractNo}`,
    '',
    `- **Customer:** ${spec.parties.customer.name}`,
    `- **Products:** ${spec.products.join(', ')}${lines > 0 ? ` (${lines} dedicated line(s))` : ''}`,
    `- **Region:** ${region}`,
    `- **Term:** ${start} ${end} (clause ${term.ref}); ${renews}`,
    `- **Signed:** ${spec.signedDate}`,
  ].join('\n');
}

/**
 * NextDeadline when no open obligation has a due date: the next checkpoint, else the term's end (the
 * contract's fixed end before billing has started it), so operators can sort every running contract.
 */
export function fallbackDeadline(spec: ContractSpec, status: ContractStatus): string | undefined {
  if (status.stage === 'closed') return undefined;
  const fixedEnd = spec.clauses.term.end.kind === 'fixed' ? spec.clauses.term.end.date : undefined;
  return status.nextCheckpoint ?? status.term.end ?? fixedEnd;
}
