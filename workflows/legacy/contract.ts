/**
 * The contract entity inside its workflow: the spec, the state, and the few verbs every stage uses —
 * emit an event, record a decision, move to a stage, say what we wait for. Handlers and stages call
 * these; nothing else writes the state.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  setCurrentDetails,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { ContractSpec } from '../../domain/contract-spec';
import { buildEvent } from '../../domain/events/build-event';
import type { ContractEventData, ContractEventType } from '../../domain/events/catalogue';
import type { Stage } from '../../domain/lifecycle/stages';
import type { ContractStatus } from '../../domain/lifecycle/status';
import {
  ContractNoKey,
  CustomerNameKey,
  NextDeadlineKey,
  ProductKey,
  RegionKey,
  StageKey,
} from '../search-attributes';
import { events } from './activities';
import { startOfLocalDay } from '../../domain/calendar';
import { nowIso, today } from './clock';
import { statusOf } from '../../domain/decider/status';
import { fromLegacyState } from './migrate';
import type { ContractState } from './state';

/** Decisions and events kept in the status; older ones live in history and on Kafka. */
const KEEP_LAST = 200;

export class Contract {
  /** Bumped by every handler that changes the state, so a waiting stage re-evaluates. */
  changes = 0;

  constructor(
    readonly spec: ContractSpec,
    readonly state: ContractState,
  ) {}

  get contractNo(): string {
    return this.spec.contractNo;
  }

  /** Publish one event (id generated here, so a retried publish carries the same id) and remember it. */
  async emit<T extends ContractEventType>(
    type: T,
    data: Omit<ContractEventData<T>, 'contractNo'>,
  ): Promise<void> {
    const id = uuid4();
    const event = buildEvent(type, { ...data, contractNo: this.contractNo } as ContractEventData<T>, {
      id,
      time: nowIso(),
      contractNo: this.contractNo,
    });
    try {
      await events.publishContractEvent.executeWithOptions({ summary: `publish ${type}` }, [event]);
    } catch (err) {
      // An event that fails its schema is a bug in this code, not a business outcome: fail the workflow
      // task (retried after a fix is deployed) instead of failing the contract.
      if (
        err instanceof ActivityFailure &&
        err.cause instanceof ApplicationFailure &&
        err.cause.type === 'InvalidEvent'
      ) {
        throw new Error(`bug: ${err.cause.message}`);
      }
      throw err;
    }
    this.state.events.push({ date: today(), type, id });
    if (this.state.events.length > KEEP_LAST) this.state.events.shift();
  }

  /** Book a charge the customer owes (late fee, penalty, early-termination charge) once, by id. */
  async charge(
    chargeType: ContractEventData<'telecom.contract.charge-applied.v1'>['chargeType'],
    amountFen: number,
    reason: string,
    clauseRef: string,
    chargeId: string,
  ): Promise<void> {
    if (amountFen <= 0) return;
    this.state.balances.penaltiesFen += amountFen;
    await this.emit('telecom.contract.charge-applied.v1', {
      chargeId,
      chargeType,
      amountFen,
      reason,
      clauseRef,
      chargeDate: today(),
    });
  }

  decide(action: string, by: string, detail?: string): void {
    this.state.decisions.push({ at: nowIso(), action, by, detail });
    if (this.state.decisions.length > KEEP_LAST) this.state.decisions.shift();
  }

  enter(stage: Stage): void {
    this.state.stage = stage;
    upsertSearchAttributes([{ key: StageKey, value: stage }]);
  }

  /** What the workflow waits for, in one line for the Web UI (and the status query). */
  waitFor(what: string, until?: string): void {
    this.state.waitingFor = until ? `${what} (until ${until})` : what;
    setCurrentDetails(`**${this.state.stage}** — waiting for ${this.state.waitingFor}`);
  }

  setDeadline(name: string, date: string, clause?: string): void {
    const others = this.state.deadlines.filter((d) => d.name !== name);
    this.state.deadlines = [...others, { name, date, clause }].sort((a, b) => a.date.localeCompare(b.date));
    this.publishNextDeadline();
  }

  clearDeadline(name: string): void {
    this.state.deadlines = this.state.deadlines.filter((d) => d.name !== name);
    this.publishNextDeadline();
  }

  private publishNextDeadline(): void {
    const next = this.state.deadlines[0];
    upsertSearchAttributes([
      { key: NextDeadlineKey, value: next ? new Date(startOfLocalDay(next.date)) : null },
    ]);
  }

  /** Search attributes that do not change over the contract's life. */
  publishIdentity(): void {
    upsertSearchAttributes([
      { key: ContractNoKey, value: this.contractNo },
      { key: CustomerNameKey, value: this.spec.parties.customer.name },
      { key: ProductKey, value: this.spec.products.join(',') },
      { key: RegionKey, value: this.spec.region.province },
      { key: StageKey, value: this.state.stage },
    ]);
  }

  /** The status in today's shape: obligations derived from the migrated state, this run's own line. */
  status(): ContractStatus {
    const status = statusOf(this.spec, fromLegacyState(this.state), today(), workflowInfo().workflowId);
    return { ...status, waitingFor: this.state.waitingFor };
  }
}
