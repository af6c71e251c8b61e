/**
 * The floor: the skeleton workflow (workflows/benchFloor.ts) given, per seed shape, the counts measured
 * from a real contract's history, and driven through the same human steps as the real lifecycle.
 */
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { ContractSpec } from '../../domain/contract-spec';
import type { SeedContractNo } from '../../domain/seed-contracts';
import { benchFloor, floorActUpdate, floorStatusQuery, type FloorPlan } from '../../workflows/benchFloor';
import { hasAcceptanceWindow, lineCount, pollUntil, within, type CallLog, type Timeline } from './driver';

const EventType = temporal.api.enums.v1.EventType;
type History = temporal.api.history.v1.IHistory;

/** Per contract, what its history holds, by kind. */
export interface HistoryShape {
  events: number;
  activities: number;
  timers: number;
  updates: number;
  childWorkflows: number;
}

export function historyShape(history: History): HistoryShape {
  const count = (type: temporal.api.enums.v1.EventType) =>
    (history.events ?? []).filter((e) => e.eventType === type).length;
  return {
    events: history.events?.length ?? 0,
    activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    timers: count(EventType.EVENT_TYPE_TIMER_STARTED),
    updates: count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED),
    childWorkflows: count(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED),
  };
}

/** Which phase each scheduled activity belongs to, by the last Update accepted before it. */
const PHASE_AFTER: Record<string, keyof FloorPlan['activities']> = {
  onboard: 'beforeReview',
  submitDocument: 'provisioning',
  approveQualification: 'provisioning',
  confirmInstallation: 'inHandlers',
  issueCompletionNotice: 'afterNotice',
  signOff: 'billing',
};

/** A floor plan with the same counts as the real contract whose history this is. */
export function floorPlanFrom(history: History, spec: ContractSpec, contractNo: string): FloorPlan {
  const activities: FloorPlan['activities'] = {
    beforeReview: 0,
    provisioning: 0,
    inHandlers: 0,
    afterNotice: 0,
    billing: 0,
  };
  let phase: keyof FloorPlan['activities'] = 'beforeReview';
  let documents = 0;
  for (const e of history.events ?? []) {
    if (e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) {
      const name = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name ?? '';
      if (name === 'submitDocument') documents += 1;
      phase = PHASE_AFTER[name] ?? phase;
    }
    if (e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) activities[phase] += 1;
  }
  const shape = historyShape(history);
  const acceptance = hasAcceptanceWindow(spec);
  if (!acceptance) {
    // Without a sign-off the notice leads straight to billing start: one phase in the skeleton.
    activities.billing += activities.afterNotice;
    activities.afterNotice = 0;
  }
  return {
    contractNo,
    documents: Array.from({ length: documents }, (_, i) => `DOC-${i + 1}`),
    lines: lineCount(spec),
    acceptance,
    activities,
    timers: shape.timers,
    childWorkflows: shape.childWorkflows,
  };
}

/** Floor activity marks ("review-open", …) as they happen, for the driver to wait on. */
export class FloorMarks {
  private readonly seen = new Set<string>();
  private readonly waiters = new Map<string, () => void>();

  note(contractNo: string, mark: string): void {
    const key = `${contractNo}|${mark}`;
    this.seen.add(key);
    this.waiters.get(key)?.();
    this.waiters.delete(key);
  }

  next(contractNo: string, mark: string): Promise<void> {
    const key = `${contractNo}|${mark}`;
    if (this.seen.has(key)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(key, resolve));
  }
}

export const floorActivities = (marks: FloorMarks) => ({
  benchFloorStep: async (contractNo: string, mark?: string): Promise<void> => {
    if (mark) marks.note(contractNo, mark);
  },
});

/** One skeleton contract, the same steps as driveContract, through the Temporal client. */
export async function driveFloor(
  client: Client,
  taskQueue: string,
  marks: FloorMarks,
  shape: SeedContractNo,
  plan: FloorPlan,
  calls: CallLog,
  clock: () => number,
): Promise<Timeline> {
  const no = plan.contractNo;
  const handle = client.workflow.getHandle(`floor-${no}`);
  const act = (action: string) =>
    calls.timed(action, () => handle.executeUpdate(floorActUpdate, { args: [action] }));
  const t: Partial<Timeline> = { shape, start: clock(), statusPolls: 0 };
  await calls.timed('onboard', () =>
    client.workflow.executeUpdateWithStart(floorActUpdate, {
      args: ['onboard'],
      startWorkflowOperation: new WithStartWorkflowOperation(benchFloor, {
        workflowId: `floor-${no}`,
        taskQueue,
        args: [plan],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    }),
  );
  t.onboarded = clock();
  await within(`${no} review-open`, marks.next(no, 'review-open'));
  t.reviewOpen = clock();
  for (const _document of plan.documents) {
    clock();
    await act('submit-document');
  }
  await act('approve');
  t.approved = clock();
  await pollUntil(
    `${no} provisioned`,
    async () => {
      const s = await calls.timed('get', () => handle.query(floorStatusQuery));
      return s.stage === 'provisioning' && s.owes.includes('line-installation');
    },
    () => {
      clock(); // stops polling once the run's window has closed
      t.statusPolls! += 1;
    },
  );
  t.provisioned = clock();
  for (let line = 0; line < plan.lines; line++) {
    clock();
    await act('confirm-installation');
  }
  await act('issue-completion-notice');
  t.noticed = clock();
  if (plan.acceptance) {
    await within(`${no} acceptance-open`, marks.next(no, 'acceptance-open'));
    await act('sign-off');
    t.signed = clock();
  }
  await within(`${no} billing-started`, marks.next(no, 'billing-started'));
  t.billed = clock();
  return t as Timeline;
}
