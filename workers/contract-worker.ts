/** Builds the contract worker from its connections, so the process entry point and tests share it. */
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import type { NetworkAdapters } from '../activities/network/adapters';
import type { InventoryStore } from '../inventory/store';
import { createActivities } from '../activities';
import type { AppConfig } from '../platform/config';
import type { Metrics } from '../platform/observability/metrics';
import { workerTracing } from '../platform/observability/temporal-tracing';
import type { Tracing } from '../platform/observability/tracing';
import { dataConverter } from '../platform/temporal';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';
import { TRACING_WORKFLOW_MODULES, WORKFLOW_BUNDLER_OPTIONS, WORKFLOWS_PATH } from './workflow-bundle';

export interface ContractWorkerDeps {
  connection: NativeConnection;
  producer: Producer;
  store: InventoryStore;
  network: NetworkAdapters;
  config: AppConfig;
  taskQueue?: string;
  /** Tests pass a pre-built bundle (bundleContractWorkflows) so each file bundles once. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Default: the process's tracing (activeTracing()). When on, a pre-built bundle must have been built
   * with `workflowInterceptorModules: TRACING_WORKFLOW_MODULES`, or the workflows make no spans.
   */
  tracing?: Tracing;
  /** The process's metrics (events published); omitted: not counted. */
  metrics?: Pick<Metrics, 'eventsPublished'>;
}

export { WORKFLOWS_PATH } from './workflow-bundle';

export async function createContractWorker(deps: ContractWorkerDeps): Promise<Worker> {
  const traced = workerTracing(deps.tracing);
  // The SDK ignores (and warns about) interceptor modules given with a pre-built bundle.
  const interceptors = traced && {
    ...traced.interceptors,
    ...(!deps.workflowBundle && { workflowModules: [...TRACING_WORKFLOW_MODULES] }),
  };
  return Worker.create({
    connection: deps.connection,
    namespace: deps.config.temporal.namespace,
    taskQueue: deps.taskQueue ?? deps.config.temporal.taskQueue,
    dataConverter: dataConverter(deps.config.temporal),
    ...(deps.workflowBundle
      ? { workflowBundle: deps.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: WORKFLOW_BUNDLER_OPTIONS }),
    activities: createActivities({
      producer: deps.producer,
      topicPrefix: deps.config.kafka.topicPrefix,
      store: deps.store,
      network: deps.network,
      eventsPublished: deps.metrics?.eventsPublished,
    }),
    ...(interceptors && { interceptors, sinks: traced.sinks }),
  });
}

/** temporal.api.enums.v1.IndexedValueType of each search attribute type the workflows use. */
const INDEXED_VALUE_TYPE = { KEYWORD: 2, DATETIME: 6 } as const;

/**
 * Register the search attributes the workflows set that the namespace lacks (a server started before
 * an attribute was added must not need a restart: upserting an unknown one fails the workflow task).
 * Returns the names added. Servers that refuse the operator call (managed clusters) throw: register
 * them there with `temporal operator search-attribute create` or the cloud console.
 */
export async function ensureSearchAttributes(
  connection: NativeConnection,
  namespace: string,
): Promise<string[]> {
  const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = SEARCH_ATTRIBUTE_KEYS.filter((k) => !(k.name in (customAttributes ?? {})));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((k) => [k.name, INDEXED_VALUE_TYPE[k.type]])),
  });
  return missing.map((k) => k.name);
}
