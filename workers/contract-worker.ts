/** Builds the contract worker from its connections, so the process entry point and tests share it. */
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import type { NetworkAdapters } from '../activities/network/adapters';
import type { InventoryStore } from '../inventory/store';
import { createActivities } from '../activities';
import type { AppConfig } from '../platform/config';
import { dataConverter } from '../platform/temporal';

export interface ContractWorkerDeps {
  connection: NativeConnection;
  producer: Producer;
  store: InventoryStore;
  network: NetworkAdapters;
  config: AppConfig;
  taskQueue?: string;
  /** Tests pass a pre-built bundle so each file bundles once. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export const WORKFLOWS_PATH = require.resolve('../workflows');

export async function createContractWorker(deps: ContractWorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.config.temporal.namespace,
    taskQueue: deps.taskQueue ?? deps.config.temporal.taskQueue,
    dataConverter: dataConverter(deps.config.temporal),
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: createActivities({
      producer: deps.producer,
      topicPrefix: deps.config.kafka.topicPrefix,
      store: deps.store,
      network: deps.network,
    }),
  });
}
