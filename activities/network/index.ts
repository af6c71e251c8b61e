/**
 * Network activation steps as activities over the adapters. Each call derives its idempotency key
 * from the workflow's request id, so a retry never configures anything twice.
 */
import { Context } from '@temporalio/activity';
import type { HeldResource } from '../../domain/lifecycle/resources';
import { NUMBER_KINDS } from '../../domain/lifecycle/resources';
import type { NetworkAdapters } from './adapters';

export interface NetworkActivityDeps {
  network: NetworkAdapters;
}

interface Target {
  contractNo: string;
  requestId: string;
  resources: HeldResource[];
}

const key = (t: Target, step: string, r?: HeldResource) =>
  `${t.contractNo}:${t.requestId}:${step}:${r?.value ?? ''}`;
const numbersOf = (rs: HeldResource[]) => rs.filter((r) => NUMBER_KINDS.includes(r.kind));
const circuitsOf = (rs: HeldResource[]) => rs.filter((r) => r.kind === 'circuit');
const smsPortsOf = (rs: HeldResource[]) => rs.filter((r) => r.kind === 'sms-access-number');
const countOf = (rs: HeldResource[], kind: HeldResource['kind']) => rs.filter((r) => r.kind === kind).length;

/** How often a running network step tells Temporal its worker is alive (the heartbeat timeout is 20 s). */
export const HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * Heartbeat while a step runs, however long the network system takes: if the worker dies, Temporal
 * notices within the heartbeat timeout and retries elsewhere, instead of waiting out start-to-close.
 */
async function keepAlive<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

export function createNetworkActivities(deps: NetworkActivityDeps) {
  const steps = networkSteps(deps);
  return Object.fromEntries(
    Object.entries(steps).map(([name, step]) => [name, (t: never) => keepAlive(() => step(t))]),
  ) as typeof steps;
}

function networkSteps({ network }: NetworkActivityDeps) {
  return {
    /** Bring every held resource into service; gated ports stay closed until told otherwise. */
    async activateResources(t: Target & { closedPorts: number[] }): Promise<void> {
      for (const r of numbersOf(t.resources)) {
        const destinations =
          typeof r.attributes.destinations === 'string' ? r.attributes.destinations.split(',') : undefined;
        await network.numbers.activateNumber({
          key: key(t, 'activate', r),
          contractNo: t.contractNo,
          number: r.value,
          destinations,
        });
      }
      for (const r of circuitsOf(t.resources)) {
        await network.transport.configureCircuit({
          key: key(t, 'configure', r),
          contractNo: t.contractNo,
          circuitId: r.value,
          bandwidthUpMbps: Number(r.attributes.bandwidthUpMbps ?? 0),
          bandwidthDownMbps: Number(r.attributes.bandwidthDownMbps ?? 0),
          closedPorts: t.closedPorts,
        });
      }
      for (const r of smsPortsOf(t.resources)) {
        await network.sms.openPort({
          key: key(t, 'open', r),
          contractNo: t.contractNo,
          accessNumber: r.value,
          enterpriseCode: String(r.attributes.enterpriseCode ?? ''),
        });
      }
      const seats = countOf(t.resources, 'seat');
      const robots = countOf(t.resources, 'robot');
      if (seats + robots > 0) {
        await network.callCenter.provisionTenant({
          key: key(t, 'tenant'),
          contractNo: t.contractNo,
          seats,
          robots,
        });
      }
    },

    /** 停机 / 复机: suspend or resume service on everything held (numbers stay reserved). */
    async setServiceActive(t: Target & { active: boolean }): Promise<void> {
      const step = t.active ? 'resume' : 'suspend';
      for (const r of numbersOf(t.resources)) {
        const req = { key: key(t, step, r), contractNo: t.contractNo, number: r.value };
        await (t.active ? network.numbers.resumeNumber(req) : network.numbers.suspendNumber(req));
      }
      for (const r of circuitsOf(t.resources)) {
        await network.transport.setCircuitAdminState({
          key: key(t, step, r),
          contractNo: t.contractNo,
          circuitId: r.value,
          up: t.active,
        });
      }
      for (const r of smsPortsOf(t.resources)) {
        await network.sms.blockPort({
          key: key(t, step, r),
          contractNo: t.contractNo,
          accessNumber: r.value,
          blocked: !t.active,
        });
      }
      if (countOf(t.resources, 'seat') + countOf(t.resources, 'robot') > 0) {
        await network.callCenter.setTenantState({
          key: key(t, `${step}-tenant`),
          contractNo: t.contractNo,
          active: t.active,
        });
      }
    },

    /** Take everything out of service before the inventory releases it into quarantine. */
    async deactivateResources(t: Target): Promise<void> {
      for (const r of numbersOf(t.resources)) {
        await network.numbers.deactivateNumber({
          key: key(t, 'deactivate', r),
          contractNo: t.contractNo,
          number: r.value,
        });
      }
      for (const r of circuitsOf(t.resources)) {
        await network.transport.setCircuitAdminState({
          key: key(t, 'deactivate', r),
          contractNo: t.contractNo,
          circuitId: r.value,
          up: false,
        });
      }
      for (const r of smsPortsOf(t.resources)) {
        await network.sms.blockPort({
          key: key(t, 'deactivate', r),
          contractNo: t.contractNo,
          accessNumber: r.value,
          blocked: true,
        });
      }
    },

    /** Open ports that were gated (ICP filing recorded). */
    async openCircuitPorts(t: Target & { ports: number[] }): Promise<void> {
      for (const r of circuitsOf(t.resources)) {
        await network.transport.openPorts({
          key: key(t, 'open-ports', r),
          contractNo: t.contractNo,
          circuitId: r.value,
          ports: t.ports,
        });
      }
    },

    /** Block or unblock SMS ports during a violation's remediation (contract 004 clause 7.3). */
    async setSmsPortsBlocked(t: Target & { blocked: boolean }): Promise<void> {
      const step = t.blocked ? 'block' : 'unblock';
      for (const r of smsPortsOf(t.resources)) {
        await network.sms.blockPort({
          key: key(t, step, r),
          contractNo: t.contractNo,
          accessNumber: r.value,
          blocked: t.blocked,
        });
      }
    },
  };
}
