/**
 * FROZEN: the contract lifecycle as it ran before the decider (see docs/architecture.md, "Contracts
 * already running"). Histories recorded by this code replay through it; new contracts never enter it,
 * and a legacy contract leaves it at its next continue-as-new (renewal or a long term), whose new run
 * starts on the decider shell with this state migrated (migrate.ts). Do not change what it does.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  isCancellation,
} from '@temporalio/workflow';
import type { ContractSpec } from '../../domain/contract-spec';
import type { Outcome } from '../../domain/lifecycle/stages';
import { acceptance } from './acceptance';
import { startBilling } from './billing';
import { today } from './clock';
import { Contract } from './contract';
import { close, renew, terminate } from './ending';
import type { Fact } from './facts';
import { registerHandlers } from './handlers';
import { provisionResources } from './provisioning';
import { qualificationReview } from './qualification';
import { activeService } from './service';
import type { LifecycleInput, LifecycleOptions } from '../contractLifecycle';
import { initialState, type ContractState } from './state';

export interface LegacyCarried {
  state: ContractState;
  pendingFacts: Fact[];
}

export async function legacyLifecycle(input: {
  spec: ContractSpec;
  options?: LifecycleOptions;
  carried?: LegacyCarried;
}): Promise<Outcome> {
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
    return continueAsNew<(input: LifecycleInput) => Promise<Outcome>>({
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
