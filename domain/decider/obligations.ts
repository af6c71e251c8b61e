/**
 * obligations(spec, state, today): what each party owes the contract now, with the date and what
 * follows if it stays open. Derived, never stored: the inbox, the players, `NextDeadline` and the
 * "waiting for" line all read this one list.
 */
import { addDays, type IsoDate } from '../calendar';
import { activationDelayPenalty } from '../clauses/activation';
import { dunningLadder } from '../clauses/dunning';
import type { ContractSpec } from '../contract-spec';
import { formatMoney } from '../money';
import type { Obligation } from '../lifecycle/status';
import { Draft } from './draft';
import { outlookOf } from './ending';
import { claimOf, openReceivables, type ContractState } from './state';
import { missingUsage, unsettledPeriods } from './usage';

type Open = Omit<Obligation, 'overdue'>;

export function obligations(spec: ContractSpec, state: ContractState, today: IsoDate): Obligation[] {
  const d = new Draft(spec, state, today, '');
  const list: Open[] = [];
  switch (state.stage) {
    case 'qualification':
      list.push(...qualification(d));
      break;
    case 'provisioning':
      list.push(...provisioning(d), ...gates(d));
      break;
    case 'acceptance':
      list.push(...acceptance(d), ...gates(d));
      break;
    case 'active':
    case 'suspended':
      if (!state.ending)
        list.push(...gates(d), ...payments(d), ...billing(d), ...remediations(d), ...term(d));
      break;
    case 'terminating':
    case 'closed':
      break;
  }
  return list
    .map((o) => {
      const held = claimOf(state, o.id);
      return {
        ...o,
        overdue: o.dueDate !== undefined && o.dueDate < today,
        ...(held ? { assignee: { by: held.by, since: held.since } } : {}),
      };
    })
    .sort(byDueDate);
}

/** Dated first, earliest first; undated keep their order. */
function byDueDate(a: Obligation, b: Obligation): number {
  if (a.dueDate && b.dueDate) return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0;
  return a.dueDate ? -1 : b.dueDate ? 1 : 0;
}

/** The earliest open due date: the `NextDeadline` search attribute. */
export const nextDeadline = (list: readonly Obligation[]): IsoDate | undefined =>
  list.find((o) => o.dueDate)?.dueDate as IsoDate | undefined;

function qualification(d: Draft): Open[] {
  const { review, checklist, qualification: decided } = d.state;
  if (decided || !review.openedOn) return []; // nothing is owed before the review has opened
  const due = review.dueDate;
  const flags = review.calendarDataMissing ? { calendarDataMissing: true } : {};
  const documents: Open[] = checklist
    .filter((i) => !i.documentRef)
    .map((i) => ({
      id: `document:${i.documentType}`,
      kind: 'document',
      party: 'customer',
      action: 'submit-document',
      subject: { documentType: i.documentType },
      ...(due ? { dueDate: due } : {}),
      summary: `hand in ${i.documentType}`,
      ...flags,
    }));
  const decision: Open = {
    id: 'qualification-decision',
    kind: 'qualification-decision',
    party: 'reviewer',
    action: 'approve',
    subject: {},
    ...(due ? { dueDate: due } : {}),
    ...(due
      ? { escalation: { date: review.escalatedOn ?? addDays(due, 1), consequence: 'escalation' } }
      : {}),
    summary: review.escalatedOn ? 'a reviewer decision (escalated)' : 'a reviewer decision',
    ...flags,
  };
  return [...documents, decision];
}

function provisioning(d: Draft): Open[] {
  const { provisioning: saga, installations, activation, completionNoticeDate } = d.state;
  if (!saga.activated || saga.failed || completionNoticeDate) return [];
  const ref = d.spec.clauses.activation?.ref;
  const due = activation.deadline;
  const dated = due
    ? { dueDate: due, ...(activation.calendarDataMissing ? { calendarDataMissing: true } : {}) }
    : {};
  const lines = d.spec.resources.dedicatedLines.flatMap((l) => Array.from({ length: l.count }, () => l));
  const pending: Open[] = installations
    .filter((i) => !i.circuitId)
    .map(({ lineIndex }) => {
      const line = lines[lineIndex];
      const mbps = line?.bandwidth?.downMbps;
      return {
        id: `line:${lineIndex}`,
        kind: 'line-installation',
        party: 'engineer',
        action: 'confirm-installation',
        subject: {
          lineIndex,
          ...(line ? { lineId: line.id } : {}),
          ...(mbps ? { bandwidthMbps: mbps } : {}),
        },
        ...dated,
        ...(ref && due ? { clause: ref } : {}),
        summary: `install and test line ${lineIndex}${mbps ? ` (${mbps} Mbit/s)` : ''}`,
      };
    });
  if (pending.length > 0) return pending;
  const penalty = due ? activationDelayPenalty(d.spec, due, d.today) : null;
  return [
    {
      id: 'completion-notice',
      kind: 'completion-notice',
      party: 'engineer',
      action: 'issue-completion-notice',
      subject: {},
      ...dated,
      ...(ref && due ? { clause: ref } : {}),
      ...(due && penalty
        ? { escalation: { date: addDays(due, 1), consequence: 'delay-penalty', clause: penalty.ref } }
        : {}),
      summary: 'the completion notice',
    },
  ];
}

/** Gates the contract holds open until a party acts (001 1.5 ports, 002 4.4 scripts). */
function gates(d: Draft): Open[] {
  const { icpFilingForPorts, outboundScripts } = d.spec.clauses.gates;
  const list: Open[] = [];
  if (icpFilingForPorts && !d.state.icpFilingNo && d.state.provisioning.activated) {
    list.push({
      id: 'icp-filing',
      kind: 'icp-filing',
      party: 'customer',
      action: 'record-icp-filing',
      subject: {},
      clause: icpFilingForPorts.ref,
      summary: `ICP filing, before ports ${icpFilingForPorts.ports.join('/')} open`,
    });
  }
  if (outboundScripts?.mode === 'approval-before-calling' && !d.state.campaignScriptId) {
    list.push({
      id: 'campaign-script',
      kind: 'campaign-script',
      party: 'compliance',
      action: 'approve-campaign-script',
      subject: {},
      clause: outboundScripts.ref,
      summary: 'approval of the outbound campaign script, before any call',
    });
  }
  return list;
}

function acceptance(d: Draft): Open[] {
  const { acceptanceWindow: window, acceptance: answered, objection } = d.state;
  if (!window || answered || objection) return [];
  return [
    {
      id: 'acceptance',
      kind: 'acceptance',
      party: 'customer',
      action: 'sign-off',
      subject: {},
      dueDate: window.lastDayToRespond,
      clause: window.ref,
      ...(window.deemedAcceptedOn
        ? {
            escalation: {
              date: window.deemedAcceptedOn,
              consequence: 'deemed-acceptance',
              clause: window.ref,
            },
          }
        : {}),
      ...(window.calendarDataMissing ? { calendarDataMissing: true } : {}),
      summary: 'customer sign-off or written objection',
    },
  ];
}

function payments(d: Draft): Open[] {
  return openReceivables(d.state).map((r) => {
    const ladder = dunningLadder(d.spec, r.dueDate, d.state.suspension?.since);
    const step = [
      { step: ladder.suspension, consequence: 'suspension' as const },
      { step: ladder.termination, consequence: 'termination' as const },
    ].find((s) => s.step.kind === 'from-date' && s.step.date > d.today);
    const escalation =
      step && step.step.kind === 'from-date'
        ? { date: step.step.date, consequence: step.consequence, clause: step.step.ref }
        : r.overdue
          ? undefined
          : { date: addDays(r.dueDate, 1), consequence: 'overdue' as const };
    const owed = r.amountFen - r.paidFen;
    return {
      id: `payment:${r.id}`,
      kind: 'payment',
      party: 'customer',
      fact: 'payment-received',
      subject: { invoiceId: r.id, amountFen: owed },
      dueDate: r.dueDate,
      ...(r.ref ? { clause: r.ref } : {}),
      ...(escalation ? { escalation } : {}),
      ...(r.calendarDataMissing ? { calendarDataMissing: true } : {}),
      summary: `payment of ${formatMoney(owed)} CNY on ${r.id}`,
    } satisfies Open;
  });
}

/** What billing owes the contract: invoices for instalments due after them, usage of ended periods. */
function billing(d: Draft): Open[] {
  const invoices: Open[] = d.state.awaitingInvoices.map((i) => ({
    id: `invoice:${i.id}`,
    kind: 'invoice',
    party: 'billing',
    fact: 'invoice-issued',
    subject: { invoiceId: i.id, amountFen: i.amountFen },
    clause: i.ref,
    summary: `billing's invoice for ${i.id} (${formatMoney(i.amountFen)} CNY)`,
  }));
  const usage: Open[] = unsettledPeriods(d).flatMap((period) =>
    missingUsage(d, period).map(({ month, itemId }) => ({
      id: `usage:${month}:${itemId}`,
      kind: 'usage-report' as const,
      party: 'billing' as const,
      fact: 'usage-reported' as const,
      subject: { month, lineId: itemId },
      clause: period.ref,
      summary: `usage of ${itemId} in ${month}`,
    })),
  );
  return [...invoices, ...usage];
}

function remediations(d: Draft): Open[] {
  const ref = d.spec.clauses.compliance.violationTiers?.ref;
  return d.state.violations
    .filter((v) => v.status === 'remediating')
    .map((v) => ({
      id: `remediation:${v.violationId}`,
      kind: 'remediation',
      party: 'customer',
      action: 'record-remediation',
      subject: { violationId: v.violationId },
      ...(v.remediateBy ? { dueDate: v.remediateBy } : {}),
      ...(ref ? { clause: ref } : {}),
      ...(v.remediateBy
        ? { escalation: { date: addDays(v.remediateBy, 1), consequence: 'penalty-and-termination' as const } }
        : {}),
      summary: `remediation of violation ${v.violationId}`,
    }));
}

function term(d: Draft): Open[] {
  const s = d.state;
  const outlook = outlookOf(d);
  if (!outlook || !s.term.end) return [];
  const list: Open[] = [];
  const renews = outlook.kind === 'auto' && !s.nonRenewal;
  if (outlook.kind === 'auto' && !s.nonRenewal && d.today <= outlook.nonRenewalNoticeDeadline) {
    list.push({
      id: `non-renewal-notice:${s.term.number}`,
      kind: 'non-renewal-notice',
      party: 'customer',
      action: 'non-renewal-notice',
      subject: { term: s.term.number },
      dueDate: outlook.nonRenewalNoticeDeadline,
      clause: outlook.ref,
      escalation: { date: outlook.next.start, consequence: 'auto-renewal', clause: outlook.ref },
      summary: `the last day to give notice not to renew (else it renews on ${outlook.next.start})`,
    });
  }
  const lastDay =
    s.unsubscribe && s.unsubscribe.stopDate <= s.term.end ? addDays(s.unsubscribe.stopDate, -1) : s.term.end;
  list.push({
    id: `term-end:${s.term.number}`,
    kind: 'term-end',
    party: 'sales',
    subject: { term: s.term.number },
    dueDate: lastDay,
    clause: outlook.ref,
    escalation: {
      date: addDays(lastDay, 1),
      consequence: renews && !s.unsubscribe ? 'auto-renewal' : 'expiry',
      clause: outlook.ref,
    },
    summary:
      renews && !s.unsubscribe
        ? `term ${s.term.number} ends, then renews`
        : `the service ends after ${lastDay}`,
  });
  return list;
}
