/**
 * Tracing on changes nothing a running contract depends on: every recorded history (legacy and
 * decider) replays without non-determinism on a bundle with the tracing workflow interceptors,
 * with the activity interceptors and the span sink installed, as a traced worker runs it. (Off, the
 * bundle is the production one: test/workflows/replay.workflow.test.ts.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workerTracing } from '../../platform/observability/temporal-tracing';
import { startTracing, type Tracing } from '../../platform/observability/tracing';
import { bundleContractWorkflows, TRACING_WORKFLOW_MODULES } from '../../workers/workflow-bundle';
import { HISTORIES_DIR } from '../support/contract-driver';

const { History } = temporal.api.history.v1;
const noop = () => undefined;
const quiet = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

const recorded = (set: 'legacy' | 'decider') =>
  readdirSync(join(HISTORIES_DIR, set))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      workflowId: `traced-${set}-${f.replace(/\.json$/, '')}`,
      history: History.fromObject(JSON.parse(readFileSync(join(HISTORIES_DIR, set, f), 'utf8')) as object),
    }));

let tracing: Tracing;
let workflowBundle: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  tracing = startTracing('replay', { exporter: new InMemorySpanExporter() });
  workflowBundle = await bundleContractWorkflows({
    logger: quiet,
    workflowInterceptorModules: [...TRACING_WORKFLOW_MODULES],
  });
});
afterAll(() => tracing.shutdown());

test('the traced bundle holds our workflow interceptors', () => {
  expect(workflowBundle.code).toContain('endWhenSettled');
});

test.each(['legacy', 'decider'] as const)(
  'every recorded %s history replays with tracing on',
  async (set) => {
    const traced = workerTracing(tracing)!;
    const histories = recorded(set);
    expect(histories.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(
      { workflowBundle, replayName: `traced-${set}`, sinks: traced.sinks },
      histories,
    )) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  },
);
