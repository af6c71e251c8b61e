/**
 * `npx tsx scripts/workflow-heap.ts [count]`: JavaScript heap each cached workflow adds in the SDK's
 * reusable V8 context, for the contract workflow with the production bundler options, without the
 * preload, and for the bench floor skeleton, side by side in one process. Each workflow is created and
 * given its first activation (the contract starts, sets its search attributes, schedules its first
 * activities), then held. No server: the SDK's workflow creator is driven directly, which is what the
 * worker's workflow thread does (docs/benchmarks.md, memory per cached workflow).
 */
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seedContract } from '../domain/seed-contracts';
import { bundleContractWorkflows, WORKFLOWS_PATH } from '../workers/workflow-bundle';
import { FLOOR_HELD_PLAN } from '../bench/scale-floor';
import {
  createWorkflowContext,
  settleHeap,
  startWorkflowIn,
  type HeldWorkflow,
} from '../test/support/reusable-context';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const spec = seedContract('HASGS2300729CGN00');
async function heapPerWorkflowKiB(
  bundle: WorkflowBundleWithSourceMap,
  workflowType: string,
  input: unknown,
  count: number,
): Promise<number> {
  const context = await createWorkflowContext(bundle);
  const held: HeldWorkflow[] = [];
  try {
    await settleHeap();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < count; i++) {
      const { workflow, completion } = await startWorkflowIn(context, {
        workflowType,
        runId: `heap-${i}`,
        taskQueue: 'heap',
        seed: i,
        input,
        startedAt: new Date(`${spec.signedDate}T01:00:00Z`),
      });
      held.push(workflow);
      if (completion.failed) throw new Error(`${workflowType}: first activation failed`);
    }
    await settleHeap();
    return (process.memoryUsage().heapUsed - before) / count / 1024;
  } finally {
    for (const workflow of held) await workflow.dispose();
    await context.destroy();
  }
}

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 100);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`count: a whole number ≥ 1, got "${process.argv[2]}"`);
  const input = { spec, options: {} };
  // Bundle first: webpack's garbage must not land inside a measurement.
  const bundles = {
    ours: await bundleContractWorkflows({ logger: quiet }),
    plain: await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet }),
    floor: await bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows/benchFloor'),
      logger: quiet,
    }),
  };
  const floor = await heapPerWorkflowKiB(
    bundles.floor,
    'benchFloor',
    FLOOR_HELD_PLAN(spec.contractNo),
    count,
  );
  const ours = await heapPerWorkflowKiB(bundles.ours, 'contractLifecycle', input, count);
  const without = await heapPerWorkflowKiB(bundles.plain, 'contractLifecycle', input, count);
  const row = (name: string, kib: number) => `${name.padEnd(32)} ${kib.toFixed(1).padStart(8)} KiB`;
  console.log(`heap per workflow after its first activation, ${count} held of each`);
  console.log(row('ours (production options)', ours));
  console.log(row('ours without the preload', without));
  console.log(row('floor skeleton', floor));
  console.log(`ours / floor: ${(ours / floor).toFixed(2)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
