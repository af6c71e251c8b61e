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
import {
  ofKind,
  owes,
  play,
  readyForFieldWork,
  type ContractPort,
  type PlayOptions,
} from '../../clients/sdk/player';
import { waitFor } from './wait';

/** Recorded histories: `legacy/` from before the decider (they replay on workflows/legacy), `decider/` since. */
export const HISTORIES_DIR = join(__dirname, '..', 'histories');
const RECORD_INTO = join(HISTORIES_DIR, 'decider');

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
   * With RECORD_HISTORIES=1, save this run's history to test/histories/decider/<name>.json for the replay
   * test (histories are recorded once per workflow change that ships, and committed).
   */
  async saveHistory(name: string): Promise<void> {
    if (process.env.RECORD_HISTORIES !== '1') return;
    const history = await this.handle.fetchHistory();
    mkdirSync(RECORD_INTO, { recursive: true });
    const { History } = temporal.api.history.v1;
    const json = History.toObject(History.fromObject(history), {
      longs: String,
      enums: String,
      bytes: String,
    });
    writeFileSync(join(RECORD_INTO, `${name}.json`), JSON.stringify(json));
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
    let last: ContractStatus | undefined;
    try {
      return await waitFor(what, async () => {
        last = await this.status();
        return ok(last) ? last : undefined;
      });
    } catch (err) {
      const seen = last ? `stage ${last.stage}, waiting for ${last.waitingFor}` : 'no status';
      throw new Error(`${(err as Error).message} (last seen: ${seen})`);
    }
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
    await this.waitForStatus('the qualification checklist', owes('qualification-decision'));
    await this.play((s) => !owes('qualification-decision')(s), {
      only: ofKind('document', 'qualification-decision'),
    });
  }

  /** Confirm every dedicated line installed, once provisioning has activated the resources. */
  async installAllLines(): Promise<void> {
    await this.waitForStatus('provisioning waiting for field work', readyForFieldWork);
    await this.play((s) => !owes('line-installation')(s), { only: ofKind('line-installation') });
  }

  /** Discharge obligations as the people would until `until` holds (the shared player). */
  play(
    until: (s: ContractStatus) => boolean,
    options: Omit<PlayOptions, 'until'> = {},
  ): Promise<ContractStatus> {
    const port: ContractPort = {
      get: () => this.status(),
      act: (_no, action, input) => this.act(action, input),
    };
    return play(port, this.spec.contractNo, {
      cast: { reviewer: 'reviewer-li', engineer: 'engineer-wang', ...options.cast },
      ...options,
      until,
      pollMs: 20,
    });
  }
}
