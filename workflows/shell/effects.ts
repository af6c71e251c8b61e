/**
 * Runs one effect the decider asked for as its activity and returns the answer as data. A business
 * failure (retries exhausted, a non-retryable error) becomes `{ ok: false }` for the decider to judge;
 * cancellation and bugs propagate.
 */
import { ActivityFailure, isCancellation } from '@temporalio/workflow';
import type { Effect, EffectResult } from '../../domain/decider/effects';
import { assertNever } from '../../domain/never';
import { inventory, network } from './activities';

export async function runEffect(contractNo: string, effect: Effect): Promise<EffectResult> {
  try {
    return { ok: true, value: await call(contractNo, effect) };
  } catch (err) {
    if (isCancellation(err) || !(err instanceof ActivityFailure)) throw err;
    return { ok: false, error: err.cause?.message ?? err.message };
  }
}

const summary = (effect: Effect) => ({ summary: `${effect.kind} (${effect.requestId})` });

function call(contractNo: string, e: Effect): Promise<unknown> {
  const base = { contractNo, requestId: e.requestId };
  switch (e.kind) {
    case 'reserve-resources':
      return inventory.reserveResources.executeWithOptions(summary(e), [
        { ...base, items: e.items, reason: e.reason },
      ]);
    case 'commit-reservation':
      return inventory.commitReservation.executeWithOptions(summary(e), [
        { ...base, reservationId: e.reservationId },
      ]);
    case 'release-resources':
      return inventory.releaseResources.executeWithOptions(summary(e), [
        {
          ...base,
          quarantineDays: e.quarantineDays,
          ...(e.availableFrom ? { availableFrom: e.availableFrom } : {}),
          reason: e.reason,
        },
      ]);
    case 'suspend-numbers':
      return inventory.suspendKeepNumber.executeWithOptions(summary(e), [
        { ...base, values: e.values, reason: e.reason },
      ]);
    case 'resume-numbers':
      return inventory.resumeService.executeWithOptions(summary(e), [
        { ...base, values: e.values, reason: e.reason },
      ]);
    case 'change-number':
      return inventory.changeNumber.executeWithOptions(summary(e), [
        {
          ...base,
          oldValue: e.oldValue,
          ...(e.newValue ? { newValue: e.newValue } : {}),
          quarantineDays: e.quarantineDays,
          ...(e.availableFrom ? { availableFrom: e.availableFrom } : {}),
          reason: e.reason,
        },
      ]);
    case 'activate-network':
      return network.activateResources.executeWithOptions(summary(e), [
        { ...base, resources: e.resources, closedPorts: e.closedPorts },
      ]);
    case 'deactivate-network':
      return network.deactivateResources.executeWithOptions(summary(e), [
        { ...base, resources: e.resources },
      ]);
    case 'set-service-active':
      return network.setServiceActive.executeWithOptions(summary(e), [
        { ...base, resources: e.resources, active: e.active },
      ]);
    case 'block-sms-ports':
      return network.setSmsPortsBlocked.executeWithOptions(summary(e), [
        { ...base, resources: e.resources, blocked: e.blocked },
      ]);
    case 'open-circuit-ports':
      return network.openCircuitPorts.executeWithOptions(summary(e), [
        { ...base, resources: e.resources, ports: e.ports },
      ]);
    default:
      return assertNever(e, 'effect');
  }
}
