/**
 * Tracing on must not change what a contract decides or costs much per cached workflow
 * (workflows/tracing-interceptors.ts says why the package's workflow module is not used):
 * - the first activation's commands are the same traced and untraced, event ids included, apart from
 *   the trace header on each scheduled activity — and with the package's module they are not (its span
 *   ids come from the workflow's own seeded randomness, which also makes the event ids);
 * - the heap each cached contract adds grows by little.
 */
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { seedContract } from '../../domain/seed-contracts';
import { bundleContractWorkflows, TRACING_WORKFLOW_MODULES } from '../../workers/workflow-bundle';
import {
  createWorkflowContext,
  settleHeap,
  startWorkflowIn,
  type HeldWorkflow,
} from '../support/reusable-context';

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };
const spec = seedContract('HASGS2300729CGN00');

const bundles: Record<'off' | 'ours' | 'package', WorkflowBundleWithSourceMap> = {} as never;
beforeAll(async () => {
  bundles.off = await bundleContractWorkflows({ logger: quiet, workflowInterceptorModules: [] });
  bundles.ours = await bundleContractWorkflows({
    logger: quiet,
    workflowInterceptorModules: [...TRACING_WORKFLOW_MODULES],
  });
  bundles.package = await bundleContractWorkflows({
    logger: quiet,
    workflowInterceptorModules: [
      require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
    ],
  });
}, 180_000);

/** Creates `count` contracts in one reusable context and gives each its first activation. */
async function firstActivations(bundle: WorkflowBundleWithSourceMap, count: number) {
  const context = await createWorkflowContext(bundle);
  const held: HeldWorkflow[] = [];
  const completions: unknown[] = [];
  try {
    await settleHeap();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < count; i++) {
      const { workflow, completion } = await startWorkflowIn(context, {
        workflowType: 'contractLifecycle',
        runId: `trace-${i}`,
        taskQueue: 'trace',
        seed: i,
        input: { spec, options: {} },
        startedAt: new Date(`${spec.signedDate}T01:00:00Z`),
      });
      held.push(workflow);
      if (completion.failed) throw new Error('first activation failed');
      completions.push(completion);
    }
    await settleHeap();
    return { completions, heapKiB: (process.memoryUsage().heapUsed - before) / count / 1024 };
  } finally {
    for (const workflow of held) await workflow.dispose();
    await context.destroy();
  }
}

/** The commands, without the trace header tracing adds to each scheduled activity. */
function commandsOf(completion: unknown): unknown {
  return JSON.parse(
    JSON.stringify(completion, (key, value: unknown) => (key === 'headers' ? undefined : value)),
  ) as unknown;
}
const scheduledCount = (completion: unknown) =>
  JSON.stringify(completion).split('scheduleActivity').length - 1;

test('the first activation decides the same with our tracing, event ids included; the package’s module does not', async () => {
  const [off, ours, pkg] = await Promise.all([
    firstActivations(bundles.off, 1),
    firstActivations(bundles.ours, 1),
    firstActivations(bundles.package, 1),
  ]);
  expect(scheduledCount(off.completions[0])).toBeGreaterThan(0);
  expect(JSON.stringify(ours.completions[0])).toContain('_tracer-data');
  expect(commandsOf(ours.completions[0])).toEqual(commandsOf(off.completions[0]));
  expect(commandsOf(pkg.completions[0])).not.toEqual(commandsOf(off.completions[0]));
}, 120_000);

test('a cached contract costs little more heap with tracing on', async () => {
  const off = await firstActivations(bundles.off, 40);
  const ours = await firstActivations(bundles.ours, 40);
  const pkg = await firstActivations(bundles.package, 40);
  console.log(
    `heap per cached contract: off ${off.heapKiB.toFixed(0)} KiB, traced ${ours.heapKiB.toFixed(0)} KiB, package module ${pkg.heapKiB.toFixed(0)} KiB`,
  );
  expect(ours.heapKiB - off.heapKiB).toBeLessThan(50);
}, 180_000);
