/**
 * 资源开通 — resource provisioning as a saga: reserve every requested resource, commit it, activate it
 * on the network, wait for field work (line installation), then the engineer issues the completion
 * notice. A failure compensates in reverse order (take out of service, release) so nothing stays held.
 * The activation SLA runs meanwhile in Chinese working days and accrues the delay penalty.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
} from '@temporalio/workflow';
import { addDays, addWorkingDays, daysBetween, type IsoDate } from '../../domain/calendar';
import { monthlyFeeFen, oneTimeFeesFen } from '../../domain/clauses/charges';
import type { ContractSpec } from '../../domain/contract-spec';
import type { HeldResource } from '../../domain/lifecycle/resources';
import { applyBasisPoints, minFen } from '../../domain/money';
import { inventory, network } from './activities';
import { today, waitUntilDate } from './clock';
import type { Contract } from './contract';

type ReserveItem = Parameters<typeof inventory.reserveResources>[0]['items'][number];

/** What the contract asks for, as inventory reservation items. */
export function reservationItems(spec: ContractSpec): ReserveItem[] {
  const r = spec.resources;
  const items: ReserveItem[] = [];
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

const refsOf = (rs: HeldResource[]) =>
  rs.map((r) => ({ resourceId: `${r.kind}:${r.value}`, resourceType: r.kind, value: r.value }));

/** Ports that stay closed until the ICP filing is recorded (001 clause 1.5). */
export function gatedPorts(c: Contract): number[] {
  const gate = c.spec.clauses.gates.icpFilingForPorts;
  return gate && !c.state.icpFilingNo ? gate.ports : [];
}

/** Reserve, commit and activate; compensate and rethrow on failure. */
export async function provisionResources(c: Contract): Promise<void> {
  c.enter('provisioning');
  const items = reservationItems(c.spec);
  const requestId = `provision-${c.state.term.number}`;
  const compensations: Array<() => Promise<void>> = [];
  try {
    if (items.length > 0) {
      c.waitFor('inventory reservation');
      const reservation = await inventory.reserveResources({
        contractNo: c.contractNo,
        requestId,
        items,
        reason: 'contract provisioning',
      });
      c.state.resources = reservation.resources.map((r) => ({
        kind: r.kind,
        value: r.value,
        attributes: { ...r.attributes, ...(r.assignment ?? {}) },
      }));
      compensations.unshift(() => releaseHeld(c, 'provisioning failed', 0));
      await c.emit('telecom.contract.resource-reserved.v1', {
        resources: refsOf(c.state.resources),
        reservedDate: today(),
      });
      await inventory.commitReservation({
        contractNo: c.contractNo,
        requestId: `${requestId}-commit`,
        reservationId: reservation.reservationId,
      });
      await c.emit('telecom.contract.resource-committed.v1', {
        resources: refsOf(c.state.resources),
        committedDate: today(),
      });
    }
    c.waitFor('network activation');
    await network.activateResources({
      contractNo: c.contractNo,
      requestId,
      resources: c.state.resources,
      closedPorts: gatedPorts(c),
    });
    compensations.unshift(() =>
      network.deactivateResources({ contractNo: c.contractNo, requestId, resources: c.state.resources }),
    );
  } catch (err) {
    if (isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      for (const undo of compensations) await undo();
    });
    throw ApplicationFailure.nonRetryable(
      `provisioning failed: ${failureMessage(err)}`,
      'ProvisioningFailed',
    );
  }
  c.state.installations = c.spec.resources.dedicatedLines
    .flatMap((line) => Array.from({ length: line.count }, () => ({ lineIndex: 0 })))
    .map((_, lineIndex) => ({ lineIndex }));
}

function failureMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** Release everything held into quarantine (0 days when it never served anyone). */
export async function releaseHeld(c: Contract, reason: string, quarantineDays: number): Promise<void> {
  if (c.state.resources.length === 0) return;
  const released = c.state.resources;
  await inventory.releaseResources({
    contractNo: c.contractNo,
    requestId: `release-${c.state.term.number}-${reason}`,
    quarantineDays,
    reason,
  });
  c.state.resources = [];
  const day = today();
  if (quarantineDays > 0) {
    await c.emit('telecom.contract.resource-quarantined.v1', {
      resources: refsOf(released),
      quarantinedDate: day,
      availableFromDate: addDays(day, quarantineDays),
      clauseRef: c.spec.clauses.quarantine.ref,
    });
  } else {
    await c.emit('telecom.contract.resource-released.v1', {
      resources: refsOf(released),
      releasedDate: day,
      reason,
    });
  }
}

/** What provisioning waits for from people: line installations, then the completion notice. */
export function fieldWorkPending(c: Contract): string {
  const pendingLines = c.state.installations.filter((i) => !i.circuitId).length;
  return pendingLines > 0
    ? `installation of ${pendingLines} line(s), then the completion notice`
    : 'the completion notice';
}

/** Show what field work is left, in the same words the provisioning loop uses (on time or late). */
export function showFieldWork(c: Contract): void {
  const deadline = c.state.activation.deadline;
  const what = fieldWorkPending(c);
  if (deadline && today() > deadline) c.waitFor(`${what} — activation overdue since ${addDays(deadline, 1)}`);
  else c.waitFor(what, deadline);
}

/**
 * Wait for field work and the engineer's completion notice, while the activation SLA runs: once late,
 * the delay penalty accrues per day (capped), and past the threshold the customer may terminate.
 */
export async function awaitCompletionNotice(c: Contract): Promise<void> {
  c.enter('provisioning');
  const sla = c.spec.clauses.activation?.sla;
  const penalty = c.spec.clauses.activation?.delayPenalty;
  if (sla?.kind === 'working-days' && c.state.orderAcceptedDate && !c.state.activation.deadline) {
    c.state.activation.deadline = addWorkingDays(c.state.orderAcceptedDate, sla.days).date;
  }
  const deadline = c.state.activation.deadline;
  const noticed = () => c.state.completionNoticeDate !== undefined;
  if (deadline) c.setDeadline('activation', deadline, c.spec.clauses.activation?.ref);

  while (!noticed()) {
    const what = fieldWorkPending(c);
    if (!deadline || today() <= deadline) {
      c.waitFor(what, deadline);
      if (deadline) await waitUntilDate(addDays(deadline, 1), noticed);
      else await condition(noticed);
      continue;
    }
    // Late: wake at the customer's termination threshold (or just wait for the notice).
    const threshold = penalty?.customerTerminationAfterDays;
    const rightOn = threshold ? addDays(deadline, threshold) : undefined;
    await recordDelay(c, deadline);
    c.waitFor(`${what} — activation overdue since ${addDays(deadline, 1)}`);
    if (rightOn && !c.state.activation.terminationRightRaised) {
      await waitUntilDate(rightOn, noticed);
      if (!noticed() && today() >= rightOn) {
        c.state.activation.terminationRightRaised = true;
        await recordDelay(c, deadline);
      }
    } else {
      await condition(noticed);
    }
  }
  if (deadline) {
    await recordDelay(c, deadline);
    c.clearDeadline('activation');
  }
}

/** 000 clause 7.4: 1% of the one-time fees per day late, capped at the monthly fee. */
async function recordDelay(c: Contract, deadline: IsoDate): Promise<void> {
  const until = c.state.completionNoticeDate ?? today();
  const daysLate = Math.max(0, daysBetween(deadline, until));
  if (daysLate === 0 || daysLate === c.state.activation.daysLate) return;
  const penalty = c.spec.clauses.activation?.delayPenalty;
  const capFen =
    penalty?.cap.kind === 'monthly-fee'
      ? monthlyFeeFen(c.spec.lineItems)
      : penalty?.cap.kind === 'fixed'
        ? penalty.cap.amountFen
        : Number.MAX_SAFE_INTEGER;
  const accrued = penalty
    ? minFen(applyBasisPoints(oneTimeFeesFen(c.spec.lineItems), penalty.rateBpPerDay, daysLate), capFen)
    : 0;
  c.state.activation.daysLate = daysLate;
  c.state.activation.penaltyFen = accrued;
  if (!penalty) return;
  await c.emit('telecom.contract.activation-overdue.v1', {
    activationDueDate: deadline,
    asOfDate: until,
    overdueDays: daysLate,
    penaltyAccruedFen: accrued,
    penaltyCapFen: capFen,
    customerMayTerminate:
      penalty.customerTerminationAfterDays !== undefined && daysLate > penalty.customerTerminationAfterDays,
    clauseRef: penalty.ref,
  });
}
