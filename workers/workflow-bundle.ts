/**
 * How the contract workflows are bundled, in one place: the worker, the bench, the simulator's bundle
 * cache, the fuzzer and the tests all build from these options, so the replay tests run the code
 * production runs.
 *
 * `preloadModules`: the SDK evaluates a workflow bundle's modules once per cached workflow, so every
 * zod schema and module-level table was rebuilt for every contract held in the cache (about 2.4 MiB
 * each: docs/benchmarks.md, memory per cached workflow). Preloaded modules are evaluated once per
 * reusable V8 context and shared by every workflow in it; a workflow's own state lives in the closures
 * of its run, not in module scope. So the whole workflow graph is listed (the domain entry points, the
 * event catalogue, which workflow code requires, and the workflows entry itself). Only modules without
 * module state may be loaded from here: nothing one workflow could change and another read
 * (test/workflows/preload-freeze.unit.test.ts checks the sources). workflows/preload-freeze.ts must
 * come last: it freezes what the others export, leaving zod schemas writable for zod's own memoization.
 */
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { activeTracing } from '../platform/observability/tracing';

export const WORKFLOWS_PATH = require.resolve('../workflows');

/** The pure modules every contract workflow shares, then the freeze (it must be last). */
export const PRELOADED_MODULES: readonly string[] = [
  'zod',
  require.resolve('../domain'),
  require.resolve('../domain/decider'),
  require.resolve('../domain/events/build-event'),
  require.resolve('../domain/events/catalogue'),
  require.resolve('../domain/lifecycle/actions'),
  require.resolve('../domain/lifecycle/resources'),
  WORKFLOWS_PATH,
  require.resolve('../workflows/preload-freeze'),
];

/**
 * Workflow interceptor modules of a traced worker (platform/observability/tracing.ts on): bundled only
 * then, so an untraced worker's bundle is unchanged. Our own small module, without module state and
 * without the OpenTelemetry SDK (workflows/tracing-interceptors.ts says why), so evaluating it for each
 * cached workflow costs little.
 */
export const TRACING_WORKFLOW_MODULES: readonly string[] = [
  require.resolve('../workflows/tracing-interceptors'),
];

export const WORKFLOW_BUNDLER_OPTIONS = {
  preloadModules: [...PRELOADED_MODULES],
} as const satisfies Pick<BundleOptions, 'preloadModules'>;

/**
 * Bundles the contract workflows (or another entry, e.g. the bench floor) with the production options.
 * With tracing started in this process the tracing interceptors are bundled too (as the worker does
 * when it bundles itself); `workflowInterceptorModules` given here wins.
 */
export function bundleContractWorkflows(
  options: Omit<BundleOptions, 'workflowsPath' | keyof typeof WORKFLOW_BUNDLER_OPTIONS> & {
    workflowsPath?: string;
  } = {},
): Promise<WorkflowBundleWithSourceMap> {
  const workflowInterceptorModules =
    options.workflowInterceptorModules ?? (activeTracing() ? [...TRACING_WORKFLOW_MODULES] : undefined);
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    ...options,
    ...(workflowInterceptorModules && { workflowInterceptorModules }),
    ...WORKFLOW_BUNDLER_OPTIONS,
  });
}
