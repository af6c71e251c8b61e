/** Drives one contract workflow the way engineers and the customer would, through its Updates. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays, localDateOf, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import type { ContractEvent, ContractEventType } from '../../domain/events/catalogue';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ActionInput, ActionName } from '../../domain/lifecycle/actions';
import type { ContractStatus } from '../../domain/lifecycle/status';
import { shiftContractYears, yearsToSignOnOrAfter } from '../../domain/lifecycle/rebase';
import { contractLifecycle, type LifecycleOptions } from '../../workflows/contractLifecycle';
import { actionUpdates, contractWorkflowId, statusQuery } from '../../workflows/messages';
import { waitFor } from './wait';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

export class ContractDriver {
  private static readonly started: ContractDriver[] = [];

  /**
   * Terminate every workflow the tests started: a left-over workflow with timers firing and no worker
   * polling would hold the test server's clock, and the next test's time skipping would stall.
   */
  static async terminateAll(): Promise<void> {
    for (const c of ContractDriver.started.splice(0)) {
      await c.handle.terminate('test finished').catch(() => undefined);
    }
  }

  constructor(
    readonly env: TestWorkflowEnvironment,
    readonly handle: WorkflowHandle<typeof contractLifecycle>,
    readonly spec: ContractSpec,
    private readonly events: ContractEvent[],
  ) {}

  /** Rebase the seed so it is signed on a future day, skip to that day, start the workflow. */
  static async start(
    env: TestWorkflowEnvironment,
    events: ContractEvent[],
    seed: ContractSpec,
    taskQueue: string,
    options: LifecycleOptions = {},
  ): Promise<ContractDriver> {
    const now = localDateOf(await env.currentTimeMs());
    const spec = shiftContractYears(seed, yearsToSignOnOrAfter(seed, addDays(now, 1)));
    await env.sleep(startOfLocalDay(spec.signedDate) + 9 * 3_600_000 - (await env.currentTimeMs()));
    const handle = await env.client.workflow.start(contractLifecycle, {
      taskQueue,
      workflowId: contractWorkflowId(spec.contractNo),
      args: [{ spec, options }],
    });
    const driver = new ContractDriver(env, handle, spec, events);
    ContractDriver.started.push(driver);
    return driver;
  }

  /**
   * With RECORD_HISTORIES=1, save this run's history to test/histories/<name>.json for the replay
   * test (histories are recorded once per workflow change that ships, and committed).
   */
  async saveHistory(name: string): Promise<void> {
    if (process.env.RECORD_HISTORIES !== '1') return;
    const history = await this.handle.fetchHistory();
    mkdirSync(HISTORIES_DIR, { recursive: true });
    const { History } = temporal.api.history.v1;
    const json = History.toObject(History.fromObject(history), {
      longs: String,
      enums: String,
      bytes: String,
    });
    writeFileSync(join(HISTORIES_DIR, `${name}.json`), JSON.stringify(json));
  }

  async today(): Promise<IsoDate> {
    return localDateOf(await this.env.currentTimeMs());
  }

  /** Skip simulated time (timers due meanwhile fire in order). */
  async skipDays(days: number): Promise<void> {
    await this.env.sleep(days * 86_400_000);
  }

  async skipTo(date: IsoDate, hour = 9): Promise<void> {
    const target = startOfLocalDay(date) + hour * 3_600_000;
    await this.env.sleep(Math.max(0, target - (await this.env.currentTimeMs())));
  }

  act<A extends ActionName>(action: A, input: ActionInput<A>): Promise<ContractStatus> {
    return this.handle.executeUpdate(actionUpdates[action] as never, { args: [input] });
  }

  status(): Promise<ContractStatus> {
    return this.handle.query(statusQuery);
  }

  async waitForStatus(what: string, ok: (s: ContractStatus) => boolean): Promise<ContractStatus> {
    return waitFor(what, async () => {
      const s = await this.status();
      return ok(s) ? s : undefined;
    });
  }

  mine(): ContractEvent[] {
    return this.events.filter((e) => e.subject === this.spec.contractNo);
  }

  types(): string[] {
    return this.mine().map((e) => e.type.replace('telecom.contract.', '').replace(/\.v\d+$/, ''));
  }

  async waitForEvent<T extends ContractEventType>(
    type: T,
    nth = 1,
  ): Promise<Extract<ContractEvent, { type: T }>> {
    return waitFor(
      `event ${type} #${nth} (seen so far: ${this.types().join(', ')})`,
      () => this.mine().filter((e) => e.type === type)[nth - 1],
    ) as Promise<Extract<ContractEvent, { type: T }>>;
  }

  /** Hand in every checklist document and approve, as the reviewer would. */
  async passQualification(): Promise<void> {
    const status = await this.waitForStatus(
      'the qualification checklist',
      (s) => s.stage === 'qualification' && s.checklist.length > 0,
    );
    for (const item of status.checklist) {
      await this.act('submit-document', {
        documentType: item.documentType,
        documentRef: `DMS-${item.documentType}`,
        submittedBy: 'reviewer-li',
      });
    }
    await this.act('approve', { approvedBy: 'reviewer-li' });
  }

  /** Confirm every dedicated line installed, once provisioning has activated the resources. */
  async installAllLines(): Promise<void> {
    const status = await this.waitForStatus(
      'provisioning waiting for field work',
      (s) => s.stage === 'provisioning' && /installation|completion notice/.test(s.waitingFor),
    );
    const lines = this.spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);
    for (let lineIndex = 0; lineIndex < lines; lineIndex++) {
      await this.act('confirm-installation', {
        lineIndex,
        circuitId: `CIR-${lineIndex + 1}`,
        testedBy: 'engineer-wang',
      });
    }
    void status;
  }
}
