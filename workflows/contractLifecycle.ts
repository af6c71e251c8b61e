/**
 * One contract, from signature to the end: qualification review → resource provisioning → completion
 * notice and acceptance → billing start → active service (payments, dunning, compliance, service
 * requests) → renewal (continue-as-new per term) or termination with quarantine → closed.
 * Workflow id `contract-<contractNo>`; human actions are Updates, facts are Signals (workflows/messages.ts).
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  isCancellation,
} from '@temporalio/workflow';
import type { ContractSpec } from '../domain/contract-spec';
import type { Outcome } from '../domain/lifecycle/stages';
import { acceptance } from './lifecycle/acceptance';
import { startBilling } from './lifecycle/billing';
import { today } from './lifecycle/clock';
import { Contract } from './lifecycle/contract';
import { close, renew, terminate } from './lifecycle/ending';
import type { Fact } from './lifecycle/facts';
import { registerHandlers } from './lifecycle/handlers';
import { provisionResources } from './lifecycle/provisioning';
import { qualificationReview } from './lifecycle/qualification';
import { activeService } from './lifecycle/service';
import { initialState, type ContractState } from './lifecycle/state';

export interface LifecycleOptions {
  /** Working days a qualification review may take before it is escalated. */
  reviewWorkingDays?: number;
  /** Who handed the contract over (sales system) and the request id, for the onboarding event. */
  requestedBy?: string;
  requestId?: string;
  /** sha256 of the canonical spec, so a repeated onboarding with different terms is refused. */
  specHash?: string;
}

export interface LifecycleInput {
  spec: ContractSpec;
  options?: LifecycleOptions;
  /** Set by continue-as-new: the state carried into the next run (next term, or a long term split). */
  carried?: { state: ContractState; pendingFacts: Fact[] };
}

export async function contractLifecycle(input: LifecycleInput): Promise<Outcome> {
  const contract = new Contract(input.spec, input.carried?.state ?? initialState());
  const inbox: Fact[] = [...(input.carried?.pendingFacts ?? [])];
  registerHandlers(contract, inbox, input.options ?? {});
  contract.publishIdentity();

  if (!input.carried) {
    const outcome = await onboard(contract, input.options ?? {});
    if (outcome) return outcome;
  }

  const ending = await activeService(contract, inbox);
  if (ending.kind === 'renew') await renew(contract);
  if (ending.kind === 'renew' || ending.kind === 'continue') {
    // Let in-flight human actions finish so none is lost across the run boundary.
    await condition(allHandlersFinished);
    return continueAsNew<typeof contractLifecycle>({
      spec: input.spec,
      options: input.options,
      carried: { state: contract.state, pendingFacts: inbox },
    });
  }
  await terminate(contract, ending.outcome, ending.date, ending.clause);
  return close(contract, ending.outcome);
}

/** From signature to billing start. Returns the outcome when the contract ends before service. */
async function onboard(c: Contract, options: LifecycleOptions): Promise<Outcome | undefined> {
  await c.emit('telecom.contract.onboarding-received.v1', {
    requestId: options.requestId ?? c.contractNo,
    requestedBy: options.requestedBy ?? 'api',
    receivedDate: today(),
    productOfferings: c.spec.products,
  });
  if ((await qualificationReview(c, options.reviewWorkingDays ?? 5)) === 'rejected') {
    return close(c, 'qualification-rejected');
  }
  try {
    await provisionResources(c);
  } catch (err) {
    if (isCancellation(err) || !(err instanceof ApplicationFailure)) throw err;
    c.decide('provisioning-failed', 'workflow', err.message);
    return close(c, 'provisioning-failed');
  }
  const activationDate = await acceptance(c);
  await startBilling(c, activationDate);
  return undefined;
}
