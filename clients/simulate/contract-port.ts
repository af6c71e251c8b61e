/**
 * How the simulated counterparts reach the running contract: the same Updates (human actions) and
 * Signals (billing and compliance facts) the API, the CLI and the intake consumers send.
 */
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type {
  ComplaintRecorded,
  InvoiceIssued,
  PaymentReceived,
  UsageReported,
  ViolationRecorded,
} from '../../domain/events/intake';
import type { ActionInput, ActionName } from '../../domain/lifecycle/actions';
import type { ContractStatus } from '../../domain/lifecycle/status';
import type { contractLifecycle } from '../../workflows/contractLifecycle';
import {
  actionUpdates,
  complaintRecordedSignal,
  invoiceIssuedSignal,
  paymentReceivedSignal,
  usageReportedSignal,
  statusQuery,
  violationRecordedSignal,
} from '../../workflows/messages';
import { SimulationError } from './timeline';

export class ContractPort {
  constructor(
    private readonly handle: WorkflowHandle<typeof contractLifecycle>,
    /** Real-time limit for the workflow to reach a state a counterpart waits for. */
    private readonly waitMs = 30_000,
  ) {}

  /** Send a human action; a refusal becomes a SimulationError naming the scenario field behind it. */
  async act<A extends ActionName>(field: string, action: A, input: ActionInput<A>): Promise<ContractStatus> {
    try {
      return await this.handle.executeUpdate(actionUpdates[action] as never, { args: [input] });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new SimulationError(`${field}: ${err.cause?.message ?? err.message}`);
      }
      throw err;
    }
  }

  payment(fact: PaymentReceived): Promise<void> {
    return this.handle.signal(paymentReceivedSignal, fact);
  }

  invoice(fact: InvoiceIssued): Promise<void> {
    return this.handle.signal(invoiceIssuedSignal, fact);
  }

  usage(fact: UsageReported): Promise<void> {
    return this.handle.signal(usageReportedSignal, fact);
  }

  complaint(fact: ComplaintRecorded): Promise<void> {
    return this.handle.signal(complaintRecordedSignal, fact);
  }

  violation(fact: ViolationRecorded): Promise<void> {
    return this.handle.signal(violationRecordedSignal, fact);
  }

  status(): Promise<ContractStatus> {
    return this.handle.query(statusQuery);
  }

  /** Poll the status until `ok`: the workflow finishes work started by the last step within moments. */
  async waitFor(what: string, ok: (s: ContractStatus) => boolean): Promise<ContractStatus> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      const status = await this.status();
      if (ok(status)) return status;
      if (Date.now() > deadline) {
        throw new SimulationError(
          `the contract did not reach ${what} within ${this.waitMs} ms (stage ${status.stage}, waiting for ${status.waitingFor})`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
