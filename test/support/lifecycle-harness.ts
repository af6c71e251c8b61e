/**
 * Everything a lifecycle workflow test needs on the time-skipping server: the real workflow bundle,
 * the real inventory activities on an embedded store seeded from data/pools, the network simulator,
 * and the real event publisher writing into an in-memory producer so every event is schema-checked.
 */
import { randomUUID } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { createInventoryActivities } from '../../activities/inventory';
import { createKafkaActivities } from '../../activities/kafka/publisher';
import { createNetworkActivities } from '../../activities/network';
import { NetworkSimulator } from '../../activities/network/simulator';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ContractEvent } from '../../domain/events/catalogue';
import { createInventoryStore, type InventoryStore } from '../../inventory/store';
import { seedPoolsFromFiles } from '../../inventory/pools';
import { bundleContractWorkflows } from '../../workers/workflow-bundle';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';
import { ContractDriver } from './contract-driver';
import { createTimeSkippingEnv } from './time-skipping';

export interface LifecycleHarness {
  env: TestWorkflowEnvironment;
  /** Lifecycle-topic events in publish order (each event once per publish). */
  events: ContractEvent[];
  /**
   * A worker on its own task queue with a fresh inventory (pools seeded) and network simulator;
   * `wrap` may replace activities (e.g. a publisher that refuses events).
   */
  worker(
    taskQueue: string,
    wrap?: (activities: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<{ worker: Worker; store: InventoryStore; network: NetworkSimulator }>;
  teardown(): Promise<void>;
}

/** Activity time = the server's (skipped) clock, so quarantine dates follow simulated time. */
const serverClock = () => new Date(Context.current().info.currentAttemptScheduledTimestampMs);

function recordingProducer(events: ContractEvent[]): Producer {
  const send = async ({
    topic,
    messages,
  }: {
    topic: string;
    messages: Array<{ value: string | Buffer | null }>;
  }) => {
    if (topic.endsWith('contract.lifecycle.v1')) {
      for (const m of messages) events.push(JSON.parse(String(m.value)) as ContractEvent);
    }
    return [];
  };
  return {
    send,
    sendBatch: async ({ topicMessages }: { topicMessages: Array<Parameters<typeof send>[0]> }) => {
      for (const tm of topicMessages) await send(tm);
      return [];
    },
  } as unknown as Producer;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

export async function createLifecycleHarness(): Promise<LifecycleHarness> {
  const env = await createTimeSkippingEnv();
  await env.connection.operatorService
    .addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        SEARCH_ATTRIBUTE_KEYS.map((k) => [k.name, k.type === 'DATETIME' ? 6 : 2]),
      ),
    })
    .catch(() => undefined);
  bundle ??= bundleContractWorkflows({ logger: quietBundler });
  const events: ContractEvent[] = [];
  const stores: InventoryStore[] = [];
  return {
    env,
    events,
    worker: async (taskQueue, wrap = (a) => a) => {
      const store = await createInventoryStore();
      stores.push(store);
      await seedPoolsFromFiles(store.db, new Date('2020-01-01T00:00:00Z'));
      const network = new NetworkSimulator();
      const activities = {
        ...createKafkaActivities({ producer: recordingProducer(events) }),
        ...createInventoryActivities({ store, clock: serverClock }),
        ...createNetworkActivities({ network: network.adapters() }),
      };
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue,
        workflowBundle: await bundle!,
        activities: wrap(activities),
      });
      return { worker, store, network };
    },
    teardown: async () => {
      for (const store of stores) await store.close();
      await env.teardown();
    },
  };
}

const noop = () => undefined;
const quietBundler = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };

/**
 * Register one harness per test file (beforeAll/afterAll) and terminate every contract a test started
 * (afterEach), so no left-over workflow holds the time-skipping clock. Returns a getter for the harness.
 */
export function useLifecycleHarness(terminateAll: () => Promise<void>): () => LifecycleHarness {
  let harness: LifecycleHarness | undefined;
  beforeAll(async () => {
    harness = await createLifecycleHarness();
  });
  afterEach(terminateAll);
  afterAll(async () => {
    await harness?.teardown();
  });
  return () => harness!;
}

/** Start `seed` on a fresh task queue and worker, and run `body` while that worker runs. */
export async function withContract(
  h: LifecycleHarness,
  seed: ContractSpec,
  body: (c: ContractDriver, parts: { store: InventoryStore; network: NetworkSimulator }) => Promise<void>,
): Promise<void> {
  const taskQueue = `contract-${randomUUID()}`;
  const { worker, store, network } = await h.worker(taskQueue);
  await worker.runUntil(async () =>
    body(await ContractDriver.start(h.env, h.events, seed, taskQueue), { store, network }),
  );
}
