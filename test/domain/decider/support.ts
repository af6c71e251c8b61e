/**
 * Given/when/then on the pure decider, no server: a contract is its state, a clock and a simulated
 * world that answers every effect. `at(date)` moves the clock the way the workflow does (a tick at
 * each contract date on the way), `act` and `fact` are the inputs, and each returns what was published.
 */
import { addDays, isoDate, type IsoDate } from '../../../domain/calendar';
import type { ContractSpec } from '../../../domain/contract-spec';
import { decide, nextWake, type Decision, type Refusal } from '../../../domain/decider/decide';
import type { Effect, EffectResult } from '../../../domain/decider/effects';
import { isPublished, type DomainEvent, type PublishedEvent } from '../../../domain/decider/events';
import { evolve } from '../../../domain/decider/evolve';
import type { Fact, Input } from '../../../domain/decider/inputs';
import { obligations } from '../../../domain/decider/obligations';
import { initialState, type ContractState } from '../../../domain/decider/state';
import type { ContractEventType } from '../../../domain/events/catalogue';
import type { ActionInput, ActionName } from '../../../domain/lifecycle/actions';
import type { Obligation } from '../../../domain/lifecycle/status';

/** The other systems: every effect succeeds unless a test says otherwise. */
export type World = (effect: Effect) => EffectResult;

export const healthyWorld: World = (effect) => {
  switch (effect.kind) {
    case 'reserve-resources':
      return {
        ok: true,
        value: {
          reservationId: effect.requestId,
          resources: effect.items.flatMap((item, i) =>
            Array.from({ length: item.preferred?.length ?? item.quantity ?? 1 }, (_, k) => ({
              kind: item.kind,
              value: item.preferred?.[k] ?? `${item.kind}-${i + 1}-${k + 1}`,
              attributes: {},
            })),
          ),
        },
      };
    case 'change-number':
      return { ok: true, value: { taken: { kind: 'number-400', value: effect.newValue ?? '4009990000' } } };
    default:
      return { ok: true };
  }
};

/** A published event as tests read it: short type and data. */
export interface Published {
  type: string;
  data: Record<string, unknown>;
}

const short = (type: string) => type.replace('telecom.contract.', '').replace(/\.v\d+$/, '');

export class Contract {
  state: ContractState = initialState();
  /** Everything published so far, in order. */
  readonly published: Published[] = [];
  /** Every effect the world carried out, in order. */
  readonly effects: Effect[] = [];
  today: IsoDate;

  private constructor(
    readonly spec: ContractSpec,
    private readonly world: World,
  ) {
    this.today = spec.signedDate;
  }

  /** Given a contract signed on its signing day (the workflow starts it at once). */
  static signed(spec: ContractSpec, world: World = healthyWorld): Contract {
    const c = new Contract(spec, world);
    c.input({ kind: 'start', at: c.at, requestedBy: 'crm', requestId: 'r-1', reviewWorkingDays: 5 });
    return c;
  }

  private get at(): string {
    return `${this.today}T02:00:00.000Z`;
  }

  /** Feed an input, apply the decision, answer its effects; the events published, or the refusal. */
  input(input: Input): Published[] | Refusal {
    const before = this.published.length;
    const decision = decide(this.spec, this.state, input, this.today);
    if (decision.refusal) return decision.refusal;
    this.apply(decision);
    return this.published.slice(before);
  }

  private apply(decision: Decision): void {
    const queue = [...decision.effects];
    this.record(decision.events);
    for (let effect = queue.shift(); effect; effect = queue.shift()) {
      this.effects.push(effect);
      const answer = this.world(effect);
      const next = decide(
        this.spec,
        this.state,
        { kind: 'effect-result', effectId: effect.id, at: this.at, ...answer },
        this.today,
      );
      this.record(next.events);
      queue.push(...next.effects);
    }
  }

  private record(events: DomainEvent[]): void {
    for (const e of events) {
      this.state = evolve(this.state, e);
      if (isPublished(e)) this.published.push({ type: short(e.type), data: e.data });
    }
  }

  /** Move the clock to `date`, waking on every contract date on the way as the workflow does. */
  on(date: IsoDate | string): Published[] {
    const target = isoDate(date);
    const before = this.published.length;
    for (let wake = nextWake(this.spec, this.state, this.today); wake && wake <= target;) {
      this.today = wake;
      this.input({ kind: 'tick', at: this.at });
      wake = nextWake(this.spec, this.state, this.today);
    }
    if (target > this.today) this.today = target;
    return this.published.slice(before);
  }

  /** Days after today. */
  after(days: number): Published[] {
    return this.on(addDays(this.today, days));
  }

  act<A extends ActionName>(action: A, payload: ActionInput<A>): Published[] {
    const result = this.input({ kind: 'action', action, payload, at: this.at });
    if (!Array.isArray(result)) throw new Error(`refused: ${result.message}`);
    return result;
  }

  /** The refusal an action meets (throws if it is accepted). */
  refused<A extends ActionName>(action: A, payload: unknown): Refusal {
    const decision = decide(
      this.spec,
      this.state,
      { kind: 'action', action, payload, at: this.at },
      this.today,
    );
    if (!decision.refusal) throw new Error(`${action} was accepted`);
    return decision.refusal;
  }

  fact(fact: Fact): Published[] {
    return this.input({ kind: 'fact', at: this.at, ...fact }) as Published[];
  }

  obligations(): Obligation[] {
    return obligations(this.spec, this.state, this.today);
  }

  /** The last published event of a type (short name, e.g. 'billing-started'). */
  last(type: string): Published {
    const found = this.published.filter((e) => e.type === type).at(-1);
    if (!found) throw new Error(`no ${type} among ${this.published.map((e) => e.type).join(', ')}`);
    return found;
  }

  // The usual road, as people take it.

  /** Every checklist document handed in, then approved. */
  approve(): Published[] {
    for (const item of this.state.checklist.filter((i) => !i.documentRef)) {
      this.act('submit-document', {
        documentType: item.documentType,
        documentRef: `DMS-${item.documentType}`,
        submittedBy: 'li',
      });
    }
    return this.act('approve', { approvedBy: 'li' });
  }

  /** Every line installed. */
  installLines(): void {
    for (const line of this.state.installations.filter((l) => !l.circuitId)) {
      this.act('confirm-installation', {
        lineIndex: line.lineIndex,
        circuitId: `CIR-${line.lineIndex}`,
        testedBy: 'wang',
      });
    }
  }

  /** Lines installed and the completion notice issued today. */
  complete(): Published[] {
    this.installLines();
    return this.act('issue-completion-notice', { issuedBy: 'wang' });
  }

  signOff(): Published[] {
    return this.act('sign-off', { signedBy: 'zhang' });
  }

  /** Approved on signing day, completed and signed off `days` later: billing has started. */
  activate(days = 1): Contract {
    this.approve();
    this.after(days);
    this.complete();
    if (this.state.stage === 'acceptance') this.signOff();
    return this;
  }

  pay(
    invoiceId: string,
    amountFen: number,
    paidDate: IsoDate | string = this.today,
    paymentId = `P-${invoiceId}`,
  ): Published[] {
    return this.fact({
      fact: 'payment-received',
      data: {
        contractNo: this.spec.contractNo,
        paymentId,
        invoiceId,
        amountFen,
        paidDate: isoDate(paidDate),
      },
    });
  }
}

export const types = (events: Published[] | Refusal): string[] =>
  Array.isArray(events) ? events.map((e) => e.type) : [`refused: ${events.message}`];

export const eventType = (type: string): ContractEventType =>
  `telecom.contract.${type}.v1` as ContractEventType;

export type { PublishedEvent };
