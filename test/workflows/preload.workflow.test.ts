/**
 * The production bundle preloads zod and the pure domain modules once per reusable V8 context
 * (workers/workflow-bundle.ts), instead of the SDK evaluating them again for every cached workflow.
 * - What a cached workflow costs in module evaluation, with and without the preload, side by side.
 * - Contracts run to billing start on one worker sharing those modules.
 */
import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { owes } from '../../clients/sdk/player';
import { seedContract } from '../../domain/seed-contracts';
import { bundleContractWorkflows, WORKFLOWS_PATH } from '../../workers/workflow-bundle';
import { ContractDriver } from '../support/contract-driver';
import { useLifecycleHarness } from '../support/lifecycle-harness';
import { createWorkflowContext, createWorkflowIn, gc, type HeldWorkflow } from '../support/reusable-context';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Heap (KiB) each workflow created in the SDK's reusable V8 context adds, over `count` workflows. */
async function heapPerWorkflowKiB(bundle: WorkflowBundleWithSourceMap, count: number): Promise<number> {
  const context = await createWorkflowContext(bundle);
  const held: HeldWorkflow[] = [];
  try {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < count; i++) {
      const workflowId = `preload-${i}`;
      held.push(
        await createWorkflowIn(context, {
          workflowType: 'contractLifecycle',
          workflowId,
          runId: randomUUID(),
          taskQueue: 'preload',
          seed: i,
        }),
      );
    }
    gc();
    return (process.memoryUsage().heapUsed - before) / count / 1024;
  } finally {
    for (const workflow of held) await workflow.dispose();
    await context.destroy();
  }
}

test('a cached contract workflow costs a fraction of what it did before the preload (module evaluation)', async () => {
  const preloaded = await bundleContractWorkflows({ logger: quiet });
  const plain = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet });
  expect(preloaded.code).toContain('preload-freeze');
  const withPreload = await heapPerWorkflowKiB(preloaded, 60);
  const without = await heapPerWorkflowKiB(plain, 60);
  // Measured: ~2,400 KiB without, ~75 KiB with (zod schemas rebuilt per workflow were most of it).
  expect(withPreload).toBeLessThan(400);
  expect(withPreload / without).toBeLessThan(0.2);
}, 180_000);

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());

async function toBillingStart(c: ContractDriver): Promise<void> {
  await c.passQualification();
  await c.waitForStatus('provisioning done', owes('completion-notice'));
  await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
  await c.waitForEvent('telecom.contract.billing-started.v1');
}

test('two contracts on one worker sharing the preloaded modules both reach billing start', async () => {
  const h = harness();
  const taskQueue = `preload-${randomUUID()}`;
  const { worker } = await h.worker(taskQueue);
  await worker.runUntil(async () => {
    const first = await ContractDriver.start(
      h.env,
      h.events,
      seedContract('SEED003-400-UNNUMBERED'),
      taskQueue,
    );
    await toBillingStart(first);
    const second = await ContractDriver.start(h.env, h.events, seedContract('HASGS2300729CGN00'), taskQueue);
    await toBillingStart(second);
    // Both stayed in the worker's cache: the second ran beside the first in the same V8 context.
    expect(worker.getStatus().numCachedWorkflows).toBeGreaterThanOrEqual(2);
    const started = h.events.filter((e) => e.type === 'telecom.contract.billing-started.v1');
    expect(started.map((e) => e.data.contractNo).sort()).toEqual(
      [first.spec.contractNo, second.spec.contractNo].sort(),
    );
  });
}, 300_000);
