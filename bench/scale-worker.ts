/**
 * The worker process of the scale test: the contract worker as workers/main.ts builds it (real
 * activities, Kafka producer, embedded inventory, network simulator), with a workflow cache big enough
 * to keep every held contract (or BENCH_MAX_CACHED), so its memory can be measured per cached workflow.
 * Forked by worker-process.ts; answers "measure" messages with its memory after a full GC. With
 * BENCH_INVENTORY_URL/SCHEMA, several of them share one inventory in PostgreSQL (the caller seeds it),
 * as the workers of one task queue must: a retried allocation then finds the reservation it made.
 */
import { Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createEventProducer } from '../activities/kafka/producer';
import { NetworkSimulator } from '../activities/network/simulator';
import { seedPoolsFromFiles } from '../inventory/pools';
import { createInventoryStore } from '../inventory/store';
import { loadConfig } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { connectWorker, installTemporalRuntime } from '../platform/temporal';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: 'error', pretty: false, name: 'bench-scale-worker' });
  installTemporalRuntime(logger);
  const producer = createEventProducer(createKafka(config.kafka, logger));
  await producer.connect();
  const shared = process.env.BENCH_INVENTORY_URL;
  const store = shared
    ? await createInventoryStore({
        databaseUrl: shared,
        schema: process.env.BENCH_INVENTORY_SCHEMA!,
        maxConnections: 4,
      })
    : await createInventoryStore();
  if (!shared) await seedPoolsFromFiles(store.db, new Date());
  const worker = await Worker.create({
    connection: await connectWorker(config.temporal),
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    workflowBundle: { codePath: process.env.BENCH_BUNDLE_PATH! },
    ...(process.env.BENCH_MAX_CACHED ? { maxCachedWorkflows: Number(process.env.BENCH_MAX_CACHED) } : {}),
    activities: {
      ...createActivities({
        producer,
        topicPrefix: config.kafka.topicPrefix,
        store,
        network: new NetworkSimulator().adapters(),
      }),
      // The floor skeleton's empty step, so the same process can hold floor workflows for comparison.
      benchFloorStep: async () => undefined,
    },
  });
  process.on('message', (message) => {
    if (message !== 'measure') return;
    (global as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.send!({
      rss: m.rss,
      heapUsed: m.heapUsed,
      external: m.external,
      cached: worker.getStatus().numCachedWorkflows,
    });
  });
  process.once('disconnect', () => worker.shutdown());
  process.send!('ready');
  await worker.run();
  await producer.disconnect();
  await store.close();
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
