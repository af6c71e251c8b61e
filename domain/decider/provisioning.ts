/**
 * 资源开通 — resource provisioning as a saga: reserve every requested resource, commit it, activate it
 * on the network; then field work (line installation) and the engineer's completion notice. A failed
 * step compensates every step done so far, in reverse, carrying on past an undo that fails and
 * reporting each. The activation SLA (000 3.2) runs meanwhile and accrues the delay penalty (7.4).
 */
import { addDays } from '../calendar';
import { activationDeadline, activationDelayPenalty } from '../clauses/activation';
import type { ContractSpec } from '../contract-spec';
import type { ActionInput } from '../lifecycle/actions';
import type { HeldResource } from '../lifecycle/resources';
import { openAcceptanceWindow } from './acceptance';
import type { Draft } from './draft';
import type { Effect, EffectResult, ReservationItem, ReservedResource } from './effects';
import { close } from './ending';

/** What the contract asks for, as inventory reservation items. */
export function reservationItems(spec: ContractSpec): ReservationItem[] {
  const r = spec.resources;
  const items: ReservationItem[] = [];
  for (const n of r.numbers) {
    items.push(
      n.preferred ? { kind: n.kind, preferred: [n.preferred] } : { kind: n.kind, quantity: n.count },
    );
  }
  // A line whose bandwidth the contract leaves open is agreed on site: its circuit id arrives with the
  // installation confirmation instead of coming from a pool.
  for (const line of r.dedicatedLines) {
    if (line.bandwidth)
      items.push({ kind: 'circuit', quantity: line.count, bandwidthMbps: line.bandwidth.downMbps });
  }
  for (const port of r.smsPorts) {
    const preferred = port.accessNumber.preferred;
    items.push(
      preferred
        ? { kind: 'sms-access-number', preferred: [preferred] }
        : { kind: 'sms-access-number', quantity: port.count },
    );
    items.push(
      port.enterpriseCode
        ? { kind: 'enterprise-code', preferred: [port.enterpriseCode] }
        : { kind: 'enterprise-code', quantity: 1 },
    );
  }
  for (const block of r.ipv4Blocks)
    items.push({ kind: 'ipv4-block', quantity: block.count, prefixLength: block.prefixLength });
  if (r.seats) items.push({ kind: 'seat', quantity: r.seats.count });
  if (r.robots) items.push({ kind: 'robot', quantity: r.robots.count });
  if (r.cloudHosts) items.push({ kind: 'cloud-host', quantity: r.cloudHosts.count });
  return items;
}

export const lineCount = (spec: ContractSpec): number =>
  spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);

export const resourceRefs = (rs: HeldResource[]) =>
  rs.map((r) => ({ resourceId: `${r.kind}:${r.value}`, resourceType: r.kind, value: r.value }));

/** Ports that stay closed until the ICP filing is recorded (001 clause 1.5). */
function gatedPorts(d: Draft): number[] {
  const gate = d.spec.clauses.gates.icpFilingForPorts;
  return gate && !d.state.icpFilingNo ? gate.ports : [];
}

const provisionId = (d: Draft) => `provision-${d.state.term.number}`;

export function startProvisioning(d: Draft): void {
  const items = reservationItems(d.spec);
  const requestId = provisionId(d);
  if (items.length > 0) {
    d.request({
      kind: 'reserve-resources',
      items,
      reason: 'contract provisioning',
      requestId,
      purpose: { kind: 'provision' },
    });
  } else activate(d);
}

function activate(d: Draft): void {
  d.request({
    kind: 'activate-network',
    resources: d.state.resources,
    closedPorts: gatedPorts(d),
    requestId: provisionId(d),
    purpose: { kind: 'provision' },
  });
}

/** The answer to a provisioning step: the next step, or compensation when it failed. */
export function onProvisioningStep(d: Draft, effect: Effect, result: EffectResult): void {
  if (!result.ok) return failProvisioning(d, result.error);
  switch (effect.kind) {
    case 'reserve-resources': {
      const reservation = result.value as { reservationId: string; resources: ReservedResource[] };
      const resources = reservation.resources.map((r) => ({
        kind: r.kind,
        value: r.value,
        attributes: { ...r.attributes, ...(r.assignment ?? {}) },
      }));
      d.emit({ type: 'resources-held', resources, reservationId: reservation.reservationId });
      d.publish('telecom.contract.resource-reserved.v1', {
        resources: resourceRefs(resources),
        reservedDate: d.today,
      });
      return d.request({
        kind: 'commit-reservation',
        reservationId: reservation.reservationId,
        requestId: `${provisionId(d)}-commit`,
        purpose: { kind: 'provision' },
      });
    }
    case 'commit-reservation':
      d.publish('telecom.contract.resource-committed.v1', {
        resources: resourceRefs(d.state.resources),
        committedDate: d.today,
      });
      return activate(d);
    case 'activate-network':
      return networkActivated(d);
    default:
      return;
  }
}

function networkActivated(d: Draft): void {
  d.emit({ type: 'network-activated', lines: lineCount(d.spec) });
  const from = d.state.orderAcceptedDate;
  const sla = d.spec.clauses.activation?.sla;
  if (!from || sla?.kind !== 'working-days') return;
  const deadline = activationDeadline(d.spec, from);
  if (deadline.kind === 'deadline') {
    d.emit({
      type: 'activation-deadline-set',
      deadline: deadline.deadline,
      calendarDataMissing: deadline.calendarDataMissing,
    });
  }
}

/** Undo every step done, in reverse: take the resources off the network, then release them. */
function failProvisioning(d: Draft, error: string): void {
  const reason = `provisioning failed: ${error}`;
  d.emit({ type: 'provisioning-failed', reason });
  d.note('provisioning-failed', 'workflow', reason);
  const requestId = provisionId(d);
  if (d.state.provisioning.activated) {
    d.request({
      kind: 'deactivate-network',
      resources: d.state.resources,
      requestId,
      purpose: { kind: 'compensate' },
    });
  }
  if (d.state.resources.length > 0) {
    d.request({
      kind: 'release-resources',
      quarantineDays: 0,
      reason: 'provisioning failed',
      requestId: `release-${d.state.term.number}-provisioning failed`,
      purpose: { kind: 'compensate' },
    });
  }
  if (!d.busyWith('compensate')) close(d, 'provisioning-failed');
}

/** One undo answered: a failed undo is reported and the saga carries on; the last one closes. */
export function onCompensation(d: Draft, effect: Effect, result: EffectResult): void {
  if (!result.ok) {
    d.note('compensation-failed', 'workflow', `${effect.kind}: ${result.error}`);
    d.flag(`compensation-failed:${effect.kind}`);
  } else if (effect.kind === 'release-resources') {
    d.publish('telecom.contract.resource-released.v1', {
      resources: resourceRefs(d.state.resources),
      releasedDate: d.today,
      reason: 'provisioning failed',
    });
  }
  if (!d.busyWith('compensate')) close(d, 'provisioning-failed');
}

/** 000 7.4: the delay penalty so far; published on the first late day, when the right to terminate arises, and at the notice. */
export function recordActivationDelay(d: Draft, asOf = d.today): void {
  const deadline = d.state.activation.deadline;
  if (!deadline || asOf <= deadline) return;
  const penalty = activationDelayPenalty(d.spec, deadline, asOf);
  if (!penalty || penalty.lateDays === d.state.activation.daysLate) return;
  d.publish('telecom.contract.activation-overdue.v1', {
    activationDueDate: deadline,
    asOfDate: asOf,
    overdueDays: penalty.lateDays,
    penaltyAccruedFen: penalty.penaltyFen,
    ...(penalty.capFen === null ? {} : { penaltyCapFen: penalty.capFen }),
    customerMayTerminate:
      penalty.customerMayTerminateFrom !== null && asOf >= penalty.customerMayTerminateFrom,
    clauseRef: penalty.ref,
    ...(d.state.activation.calendarDataMissing ? { calendarDataMissing: true } : {}),
  });
}

/** While the notice is outstanding: the first late day, and the day the customer may terminate. */
export function activationMilestones(d: Draft): void {
  const { stage, completionNoticeDate, activation } = d.state;
  if (stage !== 'provisioning' || completionNoticeDate || !activation.deadline) return;
  if (d.today <= activation.deadline) return;
  const penalty = activationDelayPenalty(d.spec, activation.deadline, d.today);
  const rightArose =
    penalty?.customerMayTerminateFrom != null &&
    d.today >= penalty.customerMayTerminateFrom &&
    !activation.terminationRightRaised;
  if (activation.daysLate === 0 || rightArose) recordActivationDelay(d);
}

/** The next dates the activation SLA needs a look: the first late day, the termination right. */
export function activationWakes(d: Draft): string[] {
  const { stage, completionNoticeDate, activation } = d.state;
  if (stage !== 'provisioning' || completionNoticeDate || !activation.deadline) return [];
  const penalty = activationDelayPenalty(d.spec, activation.deadline, d.today);
  const dates = [addDays(activation.deadline, 1)];
  if (penalty?.customerMayTerminateFrom && !activation.terminationRightRaised)
    dates.push(penalty.customerMayTerminateFrom);
  return dates;
}

export const provisioningRules = {
  'confirm-installation': (d: Draft, i: ActionInput<'confirm-installation'>) => {
    if (!d.state.provisioning.activated) return stillProvisioning(d);
    const line = d.state.installations[i.lineIndex];
    if (!line)
      return `lineIndex ${i.lineIndex} does not exist: the contract has ${d.state.installations.length} dedicated line(s)`;
    return line.circuitId
      ? `line ${i.lineIndex} was already confirmed as circuit ${line.circuitId}`
      : undefined;
  },
  'confirm-installations': (d: Draft, i: ActionInput<'confirm-installations'>) => {
    if (!d.state.provisioning.activated) return stillProvisioning(d);
    const { installations } = d.state;
    for (const [n, { lineIndex, circuitId }] of i.lines.entries()) {
      const line = installations[lineIndex];
      if (!line)
        return `lines.${n}.lineIndex: line ${lineIndex} does not exist: the contract has ${installations.length} dedicated line(s)`;
      if (line.circuitId && line.circuitId !== circuitId)
        return `lines.${n}.circuitId: line ${lineIndex} was already confirmed as circuit ${line.circuitId}`;
    }
    return undefined;
  },
  'issue-completion-notice': (d: Draft) => {
    if (!d.state.provisioning.activated) return stillProvisioning(d);
    const pending = d.state.installations.filter((l) => !l.circuitId).map((l) => l.lineIndex);
    if (pending.length) return `line(s) ${pending.join(', ')} not yet confirmed installed and tested`;
    return d.state.completionNoticeDate
      ? `a completion notice was already issued on ${d.state.completionNoticeDate}`
      : undefined;
  },
};

function stillProvisioning(d: Draft): string {
  const running = d.state.pending.map((e) => e.kind).join(', ');
  return `the resources are not active on the network yet${running ? ` (running: ${running})` : ''}`;
}

export function confirmInstallation(d: Draft, i: ActionInput<'confirm-installation'>): void {
  d.note('confirm-installation', i.testedBy, `line ${i.lineIndex}: circuit ${i.circuitId}`);
  d.emit({ type: 'line-confirmed', lineIndex: i.lineIndex, circuitId: i.circuitId, testedBy: i.testedBy });
}

const LISTED_LINES = 50;

/** One decision for the step, the same `line-confirmed` per line; lines confirmed before are skipped. */
export function confirmInstallations(d: Draft, i: ActionInput<'confirm-installations'>): void {
  const fresh = i.lines.filter((l) => !d.state.installations[l.lineIndex]!.circuitId);
  if (fresh.length === 0) return;
  // The log stays readable for a large order; every line keeps its circuit and tester in the state.
  const listed = fresh.slice(0, LISTED_LINES).map((l) => `line ${l.lineIndex}: circuit ${l.circuitId}`);
  const more = fresh.length > LISTED_LINES ? `; … and ${fresh.length - LISTED_LINES} more` : '';
  d.note('confirm-installations', i.testedBy, `${fresh.length} line(s): ${listed.join('; ')}${more}`);
  for (const { lineIndex, circuitId } of fresh)
    d.emit({ type: 'line-confirmed', lineIndex, circuitId, testedBy: i.testedBy });
}

/** 竣工通知: the delay penalty is settled as of today, and the customer's acceptance window opens. */
export function issueCompletionNotice(d: Draft, i: ActionInput<'issue-completion-notice'>): void {
  d.note('issue-completion-notice', i.issuedBy, `completion notice dated ${d.today}`);
  recordActivationDelay(d);
  d.emit({ type: 'completion-noticed', date: d.today });
  openAcceptanceWindow(d);
}
