/**
 * The SDK's reusable V8 workflow context, driven directly (no server, no worker): what the worker's
 * workflow thread does when it caches a workflow. Used to measure the heap each cached workflow adds
 * (test/workflows/preload.workflow.test.ts, tracing-determinism.workflow.test.ts, scripts/workflow-heap.ts). Internal SDK 1.24 modules: a
 * change there fails those loudly.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { parseWorkflowCode } from '@temporalio/worker/lib/worker';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Long from 'long';

export type WorkflowContext = ReusableVMWorkflowCreator;

/** A workflow created in the context, before or after its activations. */
export interface HeldWorkflow {
  activate(activation: unknown): Promise<{ failed?: unknown }>;
  dispose(): Promise<void>;
}

export function createWorkflowContext(bundle: WorkflowBundleWithSourceMap): Promise<WorkflowContext> {
  return ReusableVMWorkflowCreator.create(
    parseWorkflowCode(bundle.code),
    10_000,
    new Set<string>(),
    undefined,
  );
}

/** Creates one workflow in the context (module evaluation, nothing run yet). */
export async function createWorkflowIn(
  context: WorkflowContext,
  w: { workflowType: string; workflowId: string; runId: string; taskQueue: string; seed: number },
): Promise<HeldWorkflow> {
  const info = {
    workflowType: w.workflowType,
    workflowId: w.workflowId,
    runId: w.runId,
    firstExecutionRunId: w.runId,
    namespace: 'default',
    taskQueue: w.taskQueue,
    attempt: 1,
    historyLength: 0,
    historySize: 0,
    continueAsNewSuggested: false,
    startTime: new Date(),
    runStartTime: new Date(),
    searchAttributes: {},
    typedSearchAttributes: [],
    memo: {},
    unsafe: { isReplaying: false, now: Date.now },
  };
  // The creator's options type is internal to the SDK; these are the fields 1.24 reads.
  const created = await context.createWorkflow({
    info,
    randomnessSeed: [1, w.seed],
    now: Date.now(),
    showStackTraceSources: false,
  } as never);
  return created;
}

/**
 * Creates a workflow in the context and gives it its first activation (it starts with `input` at
 * `startedAt`, sets its search attributes, schedules its first activities): what a cached workflow holds.
 */
export async function startWorkflowIn(
  context: WorkflowContext,
  w: {
    workflowType: string;
    runId: string;
    taskQueue: string;
    seed: number;
    input: unknown;
    startedAt: Date;
  },
): Promise<{ workflow: HeldWorkflow; completion: { failed?: unknown } }> {
  const workflow = await createWorkflowIn(context, { ...w, workflowId: w.runId });
  const completion = await workflow.activate({
    runId: w.runId,
    timestamp: { seconds: Long.fromNumber(Math.floor(w.startedAt.getTime() / 1000)), nanos: 0 },
    historyLength: 3,
    jobs: [
      {
        initializeWorkflow: {
          workflowType: w.workflowType,
          workflowId: w.runId,
          arguments: [defaultPayloadConverter.toPayload(w.input)],
          randomnessSeed: Long.fromNumber(w.seed + 1),
          attempt: 1,
        },
      },
    ],
  });
  return { workflow, completion };
}

setFlagsFromString('--expose-gc');
/** V8's collector, for heap readings. */
export const gc = runInNewContext('gc') as () => void;

/** A destroyed V8 context is freed over several collections: settle before each heap reading. */
export async function settleHeap(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
