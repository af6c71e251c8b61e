/**
 * In-memory network simulator implementing every adapter. It records each call once per idempotency
 * key (a retried activity is a no-op), can be told to fail the next N calls of an operation to exercise
 * retries and compensation, and exposes what is configured for assertions.
 */
import type { NetworkAdapters } from './adapters';

export interface SimulatedCall {
  system: keyof NetworkAdapters;
  operation: string;
  key: string;
  contractNo: string;
  detail: Record<string, unknown>;
}

export class NetworkSimulator {
  readonly calls: SimulatedCall[] = [];
  private readonly seen = new Set<string>();
  private readonly failures = new Map<string, { remaining: number; error: string }>();

  /** Make the next `times` calls of `operation` throw (a network system outage or a refusal). */
  failNext(operation: string, times: number, error = `${operation} failed (simulated)`): void {
    this.failures.set(operation, { remaining: times, error });
  }

  callsFor(contractNo: string): SimulatedCall[] {
    return this.calls.filter((c) => c.contractNo === contractNo);
  }

  private record(
    system: keyof NetworkAdapters,
    operation: string,
    req: { key: string; contractNo: string },
  ): void {
    const failure = this.failures.get(operation);
    if (failure && failure.remaining > 0) {
      failure.remaining -= 1;
      throw new Error(failure.error);
    }
    if (this.seen.has(req.key)) return;
    this.seen.add(req.key);
    const { key, contractNo, ...detail } = req;
    this.calls.push({ system, operation, key, contractNo, detail });
  }

  adapters(): NetworkAdapters {
    const rec =
      <R extends { key: string; contractNo: string }>(system: keyof NetworkAdapters, operation: string) =>
      (req: R): Promise<void> => {
        this.record(system, operation, req);
        return Promise.resolve();
      };
    return {
      numbers: {
        activateNumber: rec('numbers', 'activateNumber'),
        suspendNumber: rec('numbers', 'suspendNumber'),
        resumeNumber: rec('numbers', 'resumeNumber'),
        deactivateNumber: rec('numbers', 'deactivateNumber'),
      },
      transport: {
        configureCircuit: rec('transport', 'configureCircuit'),
        openPorts: rec('transport', 'openPorts'),
        setCircuitAdminState: rec('transport', 'setCircuitAdminState'),
      },
      sms: { openPort: rec('sms', 'openPort'), blockPort: rec('sms', 'blockPort') },
      callCenter: {
        provisionTenant: rec('callCenter', 'provisionTenant'),
        setTenantState: rec('callCenter', 'setTenantState'),
      },
    };
  }
}
