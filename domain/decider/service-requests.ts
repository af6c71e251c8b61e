/**
 * 400-number service requests (003 annex 2): suspend-keep-number (停机保号), resume, number change,
 * destination change and data changes. Each runs its inventory and network steps in turn and ends
 * with a service-request-completed event; a failed step is reported and the request stops there.
 */
import { quarantineReleaseDate } from '../clauses/compliance';
import type { ActionInput } from '../lifecycle/actions';
import { NUMBER_KINDS, type HeldResource } from '../lifecycle/resources';
import type { Draft } from './draft';
import type { Effect, EffectResult, ReservedResource } from './effects';
import { resourceRefs } from './provisioning';

type ServiceRequest = ActionInput<'service-request'>;

const heldNumbers = (d: Draft) => d.state.resources.filter((r) => NUMBER_KINDS.includes(r.kind));

export function serviceRequestRule(d: Draft, r: ServiceRequest): string | undefined {
  const running = d.state.pending.find((e) => e.purpose.kind === 'service-request');
  if (running) return `service request ${running.requestId} is still being carried out`;
  switch (r.type) {
    case 'suspend-keep-number':
      if (d.state.suspension)
        return `service is already suspended since ${d.state.suspension.since} (${d.state.suspension.reason})`;
      return heldNumbers(d).length ? undefined : 'the contract holds no number to keep';
    case 'resume':
      if (!d.state.suspension) return 'service is not suspended';
      return d.state.suspension.reason === 'customer-request'
        ? undefined
        : `service was suspended for ${d.state.suspension.reason}; it resumes when that is cleared`;
    case 'number-change':
      return heldNumbers(d).length ? undefined : 'the contract holds no number to change';
    case 'destination-change':
    case 'customer-data-change':
    case 'service-data-change':
      return undefined;
  }
}

export function serviceRequest(d: Draft, r: ServiceRequest): void {
  const requestId = `${r.type}-${d.state.effectCount + 1}`;
  const values = heldNumbers(d).map((n) => n.value);
  const purpose = {
    kind: 'service-request' as const,
    requestId,
    type: r.type,
    ...(r.type === 'destination-change' ? { destinationCount: r.destinations.length } : {}),
  };
  d.note('service-request', r.requestedBy, r.type);
  switch (r.type) {
    case 'suspend-keep-number':
      return d.request({
        kind: 'suspend-numbers',
        values,
        reason: 'customer asked to suspend and keep the number',
        requestId,
        purpose,
      });
    case 'resume':
      return d.request({
        kind: 'resume-numbers',
        values,
        reason: 'customer asked to resume',
        requestId,
        purpose,
      });
    case 'number-change':
      return d.request({
        kind: 'change-number',
        oldValue: values[0]!,
        ...(r.preferredNumber ? { newValue: r.preferredNumber } : {}),
        quarantineDays: d.spec.clauses.quarantine.days,
        availableFrom: quarantineReleaseDate(d.spec, d.today).date,
        reason: 'customer number change',
        requestId,
        purpose,
      });
    case 'destination-change': {
      const destinations = r.destinations.join(',');
      const numbers = heldNumbers(d).map((n) => ({ ...n, attributes: { ...n.attributes, destinations } }));
      d.emit({ type: 'resources-replaced', removed: numbers.map((n) => n.value), added: numbers });
      return d.request({ kind: 'activate-network', resources: numbers, closedPorts: [], requestId, purpose });
    }
    case 'customer-data-change':
    case 'service-data-change':
      // Recorded in the decision log; the fields may hold personal data, so the event carries none.
      return completed(d, requestId, r.type);
  }
}

/** One step of a request answered: the next step, or the completion. */
export function onServiceRequestStep(d: Draft, effect: Effect, result: EffectResult): void {
  if (effect.purpose.kind !== 'service-request') return;
  const { requestId, type, destinationCount } = effect.purpose;
  if (!result.ok) {
    d.note('service-request-failed', 'workflow', `${requestId} at ${effect.kind}: ${result.error}`);
    return;
  }
  const purpose = effect.purpose;
  const resources = d.state.resources;
  switch (effect.kind) {
    case 'suspend-numbers':
      return d.request({ kind: 'set-service-active', resources, active: false, requestId, purpose });
    case 'resume-numbers':
      return d.request({ kind: 'set-service-active', resources, active: true, requestId, purpose });
    case 'set-service-active':
      if (effect.active) {
        d.publish('telecom.contract.service-resumed.v1', {
          resumedDate: d.today,
          suspendedDate: d.state.suspension?.since ?? d.today,
        });
      } else {
        d.publish('telecom.contract.service-suspended.v1', {
          suspendedDate: d.today,
          reason: 'customer-request',
          chargesContinue: false,
        });
      }
      return completed(d, requestId, type);
    case 'change-number': {
      const { taken } = result.value as { taken: ReservedResource };
      const old = heldNumbers(d).find((n) => n.value === effect.oldValue)!;
      const fresh: HeldResource = { kind: taken.kind, value: taken.value, attributes: { ...old.attributes } };
      d.emit({ type: 'resources-replaced', removed: [old.value], added: [fresh] });
      return d.request({ kind: 'deactivate-network', resources: [old], requestId, purpose });
    }
    case 'deactivate-network': {
      const fresh = heldNumbers(d).at(-1)!;
      return d.request({ kind: 'activate-network', resources: [fresh], closedPorts: [], requestId, purpose });
    }
    case 'activate-network':
      return completed(d, requestId, type, destinationCount);
    default:
      return;
  }
}

function completed(
  d: Draft,
  requestId: string,
  type: ServiceRequest['type'],
  destinationCount?: number,
): void {
  // Destination numbers may be people's phones, so only their count is published.
  d.publish('telecom.contract.service-request-completed.v1', {
    requestId,
    requestType: type,
    completedDate: d.today,
    resources: resourceRefs(heldNumbers(d)),
    ...(destinationCount !== undefined ? { destinationCount } : {}),
  });
}
