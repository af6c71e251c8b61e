/**
 * Drives one contract on the real server the way people and billing would: Updates for human actions
 * (each with a fixed update id, so a resend after a crash is the same request), Signals for billing
 * facts. Each step sends, then waits until the contract shows the step's effect; a step is resent
 * when the call itself fails (worker or server gone), never skipped.
 */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { movesFor, ofKind, owes, readyForFieldWork, type Cast } from '../../../clients/sdk/player';
import type { ActionInput, ActionName } from '../../../domain/lifecycle/actions';
import type { ContractStatus, Obligation } from '../../../domain/lifecycle/status';
import { contractLifecycle } from '../../../workflows/contractLifecycle';
import {
  actionUpdates,
  contractWorkflowId,
  invoiceOverdueSignal,
  paymentReceivedSignal,
  statusQuery,
} from '../../../workflows/messages';
import { waitFor } from '../../support/wait';
import { today, type ChaosContract } from './contracts';

export type Phase = 'provisioning' | 'acceptance' | 'dunning' | 'renewal';
export const PHASES: readonly Phase[] = ['provisioning', 'acceptance', 'dunning', 'renewal'];

export interface Step {
  name: string;
  phase: Phase;
  send(): Promise<void>;
  done(s: ContractStatus): boolean;
}

const CAST: Cast = { reviewer: 'reviewer-li', engineer: 'engineer-wang', customer: 'customer-zhao' };

/** How long a step may take to show its effect: a crash mid-activity costs its start-to-close timeout. */
const STEP_DEADLINE_MS = 6 * 60_000;

export class ChaosDriver {
  readonly handle: WorkflowHandle<typeof contractLifecycle>;
  readonly steps: Step[];
  /** Steps done so far, with how long each took from first send to visible effect. */
  readonly finished: Array<{ step: string; phase: Phase; ms: number; resends: number }> = [];
  /** Updates and Signals sent, resends included. */
  inputs = 0;

  constructor(
    readonly client: Client,
    readonly contract: ChaosContract,
    private readonly taskQueue: string,
  ) {
    this.handle = client.workflow.getHandle(contractWorkflowId(this.contractNo));
    this.steps = this.plan();
  }

  get contractNo(): string {
    return this.contract.spec.contractNo;
  }

  async start(): Promise<void> {
    await this.client.workflow.start(contractLifecycle, {
      taskQueue: this.taskQueue,
      workflowId: contractWorkflowId(this.contractNo),
      args: [{ spec: this.contract.spec, options: { requestedBy: 'chaos', requestId: this.contractNo } }],
    });
  }

  /** The status, or undefined while no worker can answer (killed, restarting, server down). */
  async status(): Promise<ContractStatus | undefined> {
    try {
      return await this.handle.query(statusQuery);
    } catch {
      return undefined;
    }
  }

  async waitForStatus(what: string, ok: (s: ContractStatus) => boolean, timeoutMs = STEP_DEADLINE_MS) {
    return waitFor(
      `${this.contractNo}: ${what}`,
      async () => {
        const s = await this.status();
        return s && ok(s) ? s : undefined;
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** Run one step to its visible effect, resending when a call fails. */
  async run(step: Step): Promise<void> {
    const began = Date.now();
    let resends = 0;
    for (;;) {
      try {
        await step.send();
        break;
      } catch (error) {
        resends += 1;
        if (Date.now() - began > STEP_DEADLINE_MS) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    await this.waitForStatus(`step "${step.name}" to take effect`, step.done);
    this.finished.push({ step: step.name, phase: step.phase, ms: Date.now() - began, resends });
  }

  async runAll(): Promise<void> {
    for (const step of this.steps.slice(this.finished.length)) await this.run(step);
  }

  /** The stage and term every contract of this kind must end in. */
  expectedEnd(): { stage: 'active'; term: number } {
    return { stage: 'active', term: this.contract.kind === 'renewal' ? 2 : 1 };
  }

  private act<A extends ActionName>(action: A, input: ActionInput<A>, key: string): Promise<unknown> {
    this.inputs += 1;
    return this.handle.executeUpdate(actionUpdates[action] as never, {
      args: [input],
      updateId: `${this.contractNo}:${key}`,
    });
  }

  private plan(): Step[] {
    const c = this.contract;
    const steps: Step[] = [this.qualify()];
    const lastLifecycleStep =
      c.kind === 'onboard' ? 'acceptance' : c.kind === 'renewal' ? 'renewal' : 'provisioning';
    steps.push(this.complete(lastLifecycleStep));
    if (c.kind === 'onboard') steps.push(this.signOff());
    if (c.kind === 'dunning') steps.push(this.overdue());
    if (c.payment) steps.push(this.pay());
    return steps;
  }

  /**
   * Discharge the open obligations `only` selects with the shared player's moves, each Update with an
   * id fixed by its obligation, so a resend after a crash is the same request.
   */
  private async discharge(only: (o: Obligation) => boolean): Promise<void> {
    const s = await this.waitForStatus('a status', () => true);
    for (const move of movesFor(s, CAST, only)) {
      await this.act(move.action, move.input, move.obligation.id);
    }
  }

  /** Hand in the checklist and approve: reservation, commit and network activation follow. */
  private qualify(): Step {
    return {
      name: 'qualify',
      phase: 'provisioning',
      send: async () => {
        await this.waitForStatus(
          'its checklist',
          (x) => x.stage !== 'qualification' || owes('qualification-decision')(x),
        );
        await this.discharge(ofKind('document', 'qualification-decision'));
      },
      done: readyForFieldWork,
    };
  }

  /** Field work and the completion notice; 000 then waits for sign-off, the others start billing. */
  private complete(phase: Phase): Step {
    const needsSignOff = this.contract.kind === 'onboard';
    return {
      name: 'completion-notice',
      phase,
      send: async () => {
        await this.waitForStatus('field work', (x) => x.stage !== 'qualification');
        await this.discharge(ofKind('line-installation'));
        await this.discharge(ofKind('completion-notice'));
      },
      done: (s) =>
        needsSignOff
          ? owes('acceptance')(s)
          : s.stage === 'active' && s.term.number === this.expectedEnd().term,
    };
  }

  private signOff(): Step {
    return {
      name: 'sign-off',
      phase: 'acceptance',
      send: () => this.discharge(ofKind('acceptance')),
      done: (s) => s.stage === 'active' && s.term.activationDate === today(),
    };
  }

  private overdue(): Step {
    const o = this.contract.overdue!;
    return {
      name: 'invoice-overdue',
      phase: 'dunning',
      send: () => {
        this.inputs += 1;
        return this.handle.signal(invoiceOverdueSignal, { contractNo: this.contractNo, ...o });
      },
      done: (s) => s.stage === 'suspended',
    };
  }

  private pay(): Step {
    const p = this.contract.payment!;
    return {
      name: 'payment',
      phase: 'dunning',
      send: () => {
        this.inputs += 1;
        return this.handle.signal(paymentReceivedSignal, {
          contractNo: this.contractNo,
          paymentId: p.paymentId,
          invoiceId: p.invoiceId,
          amountFen: p.amountFen,
          paidDate: today(),
        });
      },
      done: (s) =>
        s.stage === 'active' && s.balances.lateFeesFen === p.lateFeeFen && s.balances.paidFen === p.amountFen,
    };
  }
}
