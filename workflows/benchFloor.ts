/**
 * The benchmark's floor (bench/, `npm run bench`): a skeleton with the same shape as one contract's
 * onboarding — the same number of activities, timers, Updates and child workflows, driven through
 * the same steps — whose bodies do nothing. What it costs is what Temporal itself costs; the
 * benchmark reports the real lifecycle's throughput as a ratio of this one's.
 */
import {
  condition,
  defineQuery,
  defineUpdate,
  executeChild,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';

/** How many of each thing one contract of a given shape does, measured from a real history. */
export interface FloorPlan {
  contractNo: string;
  /** Checklist documents (one submit Update each, then approve). */
  documents: string[];
  /** Dedicated lines (one confirm Update each). */
  lines: number;
  /** Whether the customer signs off (one more Update and wait). */
  acceptance: boolean;
  /**
   * Activities before the checklist is open, after approval, inside installation Update handlers,
   * after the completion notice, and after sign-off (billing start).
   */
  activities: {
    beforeReview: number;
    provisioning: number;
    inHandlers: number;
    afterNotice: number;
    billing: number;
  };
  /** Timers the real contract starts: the skeleton's waits take one each, in order, until none are left. */
  timers: number;
  childWorkflows: number;
}

export interface FloorStatus {
  stage: 'received' | 'qualification' | 'provisioning' | 'acceptance' | 'active';
  checklist: string[];
  lines: number;
  /** Kinds of obligation open, as the real contract names them. */
  owes: string[];
}

export const floorStatusQuery = defineQuery<FloorStatus>('floorStatus');
export const floorActUpdate = defineUpdate<FloorStatus, [string]>('floorAct');

const { benchFloorStep } = proxyActivities<{
  benchFloorStep(contractNo: string, mark?: string): Promise<void>;
}>({ startToCloseTimeout: '30 seconds' });

/** Run `count` empty activities; the last one carries `mark` (so a marked phase runs at least one). */
async function steps(contractNo: string, count: number, mark?: string): Promise<void> {
  if (mark) count = Math.max(1, count);
  for (let i = 0; i < count; i++) await benchFloorStep(contractNo, i === count - 1 ? mark : undefined);
}

export async function benchFloorChild(): Promise<void> {
  // A child with no work: its cost is the start, the run and the completion.
}

export async function benchFloor(plan: FloorPlan): Promise<void> {
  const status: FloorStatus = { stage: 'received', checklist: [], lines: plan.lines, owes: [] };
  const done = new Set<string>();
  let handlerActivities = plan.activities.inHandlers;
  let timersLeft = plan.timers;
  // A wait with a timeout (one timer) while the real contract would have one, a plain wait after that.
  const wait = async (until: () => boolean, timeout: Duration) => {
    if (timersLeft <= 0) return condition(until);
    timersLeft -= 1;
    return condition(until, timeout);
  };
  setHandler(floorStatusQuery, () => status);
  setHandler(floorActUpdate, async (action) => {
    done.add(action);
    if (action === 'confirm-installation' && handlerActivities > 0) {
      handlerActivities -= 1;
      await benchFloorStep(plan.contractNo);
    }
    return status;
  });

  Object.assign(status, { stage: 'qualification', checklist: plan.documents, owes: ['document'] });
  await steps(plan.contractNo, plan.activities.beforeReview, 'review-open');
  await wait(() => done.has('approve'), '7 days');

  status.stage = 'provisioning';
  await steps(plan.contractNo, plan.activities.provisioning);
  for (let i = 0; i < plan.childWorkflows; i++) {
    await executeChild(benchFloorChild, { workflowId: `${plan.contractNo}-child-${i}` });
  }
  status.owes = ['line-installation', 'completion-notice'];
  await wait(() => done.has('issue-completion-notice'), '30 days');
  if (plan.acceptance) {
    status.stage = 'acceptance';
    await steps(plan.contractNo, plan.activities.afterNotice, 'acceptance-open');
    await wait(() => done.has('sign-off'), '5 days');
  } else {
    await steps(plan.contractNo, plan.activities.afterNotice);
  }
  await steps(plan.contractNo, plan.activities.billing, 'billing-started');
  status.stage = 'active';
  // Held like a contract in service until the benchmark terminates it.
  await wait(() => false, '365 days');
}
