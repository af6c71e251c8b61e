/**
 * How a contract's workflow is started (the start half of onboarding's update-with-start): its id,
 * the policies that make a contract number run once, the memo that records who onboarded it, the
 * search attributes operators filter on and what the Temporal Web UI shows of it.
 */
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { ContractSpec } from '../../domain/contract-spec';
import { contractDetails, contractHeadline } from '../../domain/decider/explain';
import type { contractLifecycle } from '../../workflows/contractLifecycle';
import { CONTRACT_WORKFLOW_TYPE, contractWorkflowId } from '../../workflows/messages';
import {
  ContractNoKey,
  CustomerNameKey,
  ProductKey,
  RegionKey,
  StageKey,
} from '../../workflows/search-attributes';

export interface ContractStartOptions {
  taskQueue: string;
  /** API key id (or system) onboarding the contract: its owner for scoped keys. */
  requestedBy: string;
  requestId: string;
  specHash: string;
}

export function contractStart(
  spec: ContractSpec,
  { taskQueue, requestedBy, requestId, specHash }: ContractStartOptions,
): WithStartWorkflowOperation<typeof contractLifecycle> {
  return new WithStartWorkflowOperation<typeof contractLifecycle>(CONTRACT_WORKFLOW_TYPE, {
    workflowId: contractWorkflowId(spec.contractNo),
    taskQueue,
    args: [{ spec, options: { requestedBy, requestId, specHash } }],
    workflowIdConflictPolicy: 'USE_EXISTING',
    // A contract number runs once: a closed contract is never restarted (that would provision and
    // bill it again). Repeating its onboarding with the same terms answers 200, other terms 409.
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    memo: { requestedBy, requestId, specHash },
    // What the Web UI's list and workflow page show of the contract (no personal data).
    staticSummary: contractHeadline(spec),
    staticDetails: contractDetails(spec),
    typedSearchAttributes: [
      { key: ContractNoKey, value: spec.contractNo },
      { key: CustomerNameKey, value: spec.parties.customer.name },
      { key: ProductKey, value: spec.products.join(',') },
      { key: RegionKey, value: spec.region.province },
      { key: StageKey, value: 'qualification' },
    ],
  });
}
