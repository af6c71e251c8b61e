/**
 * One contract, from signature to the end, as one entity workflow (id `contract-<contractNo>`). Every
 * decision is the pure decider's (domain/decider); this file and workflows/shell/ only wire it to
 * Temporal: Updates and Signals in, timers until the next contract date, activities out,
 * continue-as-new at each renewal. Contracts started before the decider finish on the frozen legacy
 * code they were recorded with (`patched` below; docs/architecture.md).
 */
import { patched } from '@temporalio/workflow';
import { withCurrentDefaults, type ContractSpec } from '../domain/contract-spec';
import type { ContractState } from '../domain/decider/state';
import type { Outcome } from '../domain/lifecycle/stages';
import { legacyLifecycle, type LegacyCarried } from './legacy/lifecycle';
import { runContract } from './shell/run';

/** Marks histories written by the decider shell; histories without it replay on the legacy code. */
export const DECIDER_PATCH = 'decider-shell';

export interface LifecycleOptions {
  /** Working days a qualification review may take before it is escalated. */
  reviewWorkingDays?: number;
  /** Who handed the contract over (sales system) and the request id, for the onboarding event. */
  requestedBy?: string;
  requestId?: string;
  /** sha256 of the canonical spec, so a repeated onboarding with different terms is refused. */
  specHash?: string;
}

/** What a run carries into the next (continue-as-new): this shell's state, or a legacy run's. */
export type Carried = { version: 2; state: ContractState } | LegacyCarried;

export interface LifecycleInput {
  spec: ContractSpec;
  options?: LifecycleOptions;
  carried?: Carried;
}

export async function contractLifecycle(input: LifecycleInput): Promise<Outcome> {
  // Specs recorded before a field existed get its default; the values they hold never change.
  const recorded = { ...input, spec: withCurrentDefaults(input.spec) };
  if (!patched(DECIDER_PATCH)) return legacyLifecycle(recorded as Parameters<typeof legacyLifecycle>[0]);
  return runContract(recorded);
}
