/**
 * 400-number service requests (contract 003 annex 2): suspend-keep-number (停机保号), resume, number
 * change, destination change and customer-data change, each run against inventory and the network
 * and confirmed by a service-request-completed event.
 */
import type { ActionInput } from '../../domain/lifecycle/actions';
import { NUMBER_KINDS } from '../../domain/lifecycle/resources';
import { inventory, network } from './activities';
import { today } from './clock';
import type { Contract } from './contract';
import { resume, suspend } from './dunning';

type ServiceRequest = ActionInput<'service-request'>;

const heldNumbers = (c: Contract) => c.state.resources.filter((r) => NUMBER_KINDS.includes(r.kind));

export function serviceRequestRule(c: Contract, r: ServiceRequest): string | undefined {
  switch (r.type) {
    case 'suspend-keep-number':
      if (c.state.suspension)
        return `service is already suspended since ${c.state.suspension.since} (${c.state.suspension.reason})`;
      return heldNumbers(c).length ? undefined : 'the contract holds no number to keep';
    case 'resume':
      if (!c.state.suspension) return 'service is not suspended';
      return c.state.suspension.reason === 'customer-request'
        ? undefined
        : `service was suspended for ${c.state.suspension.reason}; it resumes when that is cleared`;
    case 'number-change':
      return heldNumbers(c).length ? undefined : 'the contract holds no number to change';
    case 'destination-change':
    case 'customer-data-change':
    case 'service-data-change':
      return undefined;
  }
}

export async function performServiceRequest(c: Contract, r: ServiceRequest): Promise<void> {
  const requestId = `${r.type}-${c.state.events.length}`;
  const numbers = heldNumbers(c).map((n) => n.value);
  c.decide('service-request', r.requestedBy, r.type);
  switch (r.type) {
    case 'suspend-keep-number':
      await inventory.suspendKeepNumber({
        contractNo: c.contractNo,
        requestId,
        values: numbers,
        reason: 'customer asked to suspend and keep the number',
      });
      await suspend(c, 'customer-request', '003 annex 2');
      break;
    case 'resume':
      await inventory.resumeService({
        contractNo: c.contractNo,
        requestId,
        values: numbers,
        reason: 'customer asked to resume',
      });
      await resume(c);
      break;
    case 'number-change':
      await changeNumber(c, requestId, r.preferredNumber);
      break;
    case 'destination-change':
      for (const n of heldNumbers(c)) n.attributes.destinations = r.destinations.join(',');
      await network.activateResources({
        contractNo: c.contractNo,
        requestId,
        resources: heldNumbers(c),
        closedPorts: [],
      });
      break;
    case 'customer-data-change':
    case 'service-data-change':
      // Recorded in the decision log; the fields may hold personal data, so the event carries none.
      break;
  }
  await c.emit('telecom.contract.service-request-completed.v1', {
    requestId,
    requestType: r.type,
    completedDate: today(),
    resources: heldNumbers(c).map((n) => ({
      resourceId: `${n.kind}:${n.value}`,
      resourceType: n.kind,
      value: n.value,
    })),
    ...(r.type === 'destination-change' ? { destinationCount: r.destinations.length } : {}),
  });
}

async function changeNumber(c: Contract, requestId: string, preferred?: string): Promise<void> {
  const old = heldNumbers(c)[0]!;
  const change = await inventory.changeNumber({
    contractNo: c.contractNo,
    requestId,
    oldValue: old.value,
    ...(preferred ? { newValue: preferred } : {}),
    quarantineDays: c.spec.clauses.quarantine.days,
    reason: 'customer number change',
  });
  await network.deactivateResources({ contractNo: c.contractNo, requestId, resources: [old] });
  const taken = { kind: change.taken.kind, value: change.taken.value, attributes: { ...old.attributes } };
  c.state.resources = [...c.state.resources.filter((r) => r !== old), taken];
  await network.activateResources({
    contractNo: c.contractNo,
    requestId,
    resources: [taken],
    closedPorts: [],
  });
}
