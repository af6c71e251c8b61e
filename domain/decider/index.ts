/**
 * The contract's decisions, in one pure module: decide(spec, state, input, today) → events, effects or
 * a refusal; evolve(state, event) → the next state; obligations and nextWake read the state. The
 * Temporal workflow only wires these to timers, Updates, Signals and activities.
 */
export { decide, nextWake, type Decision, type Refusal } from './decide';
export { evolve } from './evolve';
export { isPublished, type DomainEvent, type PublishedEvent } from './events';
export { EFFECT_LABELS, type Effect, type EffectResult } from './effects';
export { FACT_NAMES, type Fact, type FactName, type Input, type StartOptions } from './inputs';
export { nextDeadline, obligations } from './obligations';
export { reservationItems } from './provisioning';
export { initialState, arrearsFen, type ContractState, type Receivable } from './state';
export { statusOf, waitingFor } from './status';
