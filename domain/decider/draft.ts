/**
 * A decision in the making: the events so far (each already applied, so later rules see the state as
 * it now is) and the effects asked for. Rules take a Draft and add to it; `decide` hands it back.
 */
import type { IsoDate } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import type { ContractEventType } from '../events/catalogue';
import type { Effect, EffectRequest } from './effects';
import type { DomainEvent, PublishedData } from './events';
import { evolve } from './evolve';
import type { ContractState } from './state';

/** An action that must not happen, with the reason a person can act on. */
export interface Refusal {
  /** wrong-stage and rule refusals are conflicts (409); invalid-input is bad input (400). */
  kind: 'wrong-stage' | 'invalid-input' | 'rule';
  message: string;
}

export interface Decision {
  /** What happened, in order: the workflow publishes the catalogue events and applies all of them. */
  events: DomainEvent[];
  /** What the world must do, in order; each answer comes back as an `effect-result` input. */
  effects: Effect[];
  refusal?: Refusal;
}

export class Draft {
  readonly events: DomainEvent[] = [];
  readonly effects: Effect[] = [];

  constructor(
    readonly spec: ContractSpec,
    public state: ContractState,
    readonly today: IsoDate,
    /** When the input arrived (ISO instant), for the decision log. */
    readonly at: string,
  ) {}

  emit(event: DomainEvent): void {
    this.events.push(event);
    this.state = evolve(this.state, event);
  }

  publish<T extends ContractEventType>(type: T, data: PublishedData<T>): void {
    this.emit({ type, data } as DomainEvent);
  }

  /** Who decided what: the decision log in the status. */
  note(action: string, by: string, detail?: string): void {
    this.emit({ type: 'decision-recorded', at: this.at, action, by, ...(detail ? { detail } : {}) });
  }

  flag(flag: string): void {
    if (!this.state.flags.includes(flag)) this.emit({ type: 'flag-raised', flag });
  }

  request(request: EffectRequest): void {
    const effect = { ...request, id: `effect-${this.state.effectCount + 1}` };
    this.emit({ type: 'effect-requested', effect });
    this.effects.push(effect);
  }

  /** An effect of this purpose kind is still running. */
  busyWith(purpose: Effect['purpose']['kind'], kind?: Effect['kind']): boolean {
    return this.state.pending.some((e) => e.purpose.kind === purpose && (!kind || e.kind === kind));
  }

  decision(): Decision {
    return { events: this.events, effects: this.effects };
  }
}
