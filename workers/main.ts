/**
 * Worker process: runs contract workflows and their activities until SIGINT/SIGTERM, then drains
 * in-flight tasks and closes its Kafka producer.
 */
import { ConfigError, loadConfig } from '../platform/config';
import { createEventProducer } from '../activities/kafka/producer';
import { NetworkSimulator } from '../activities/network/simulator';
import { seedPoolsFromFiles } from '../inventory/pools';
import { createInventoryStore } from '../inventory/store';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { logPayloadEncryption } from '../platform/payload-codec';
import { connectWorker, installTemporalRuntime } from '../platform/temporal';
import { startTracing } from '../platform/observability/tracing';
import { createContractWorker, ensureSearchAttributes } from './contract-worker';

async function main(): Promise<void> {
  const tracing = startTracing('worker'); // off unless OTEL_* asks (platform/observability/tracing.ts)
  const config = loadConfig();
  const logger = createLogger({ ...config.log, name: 'worker' });
  logPayloadEncryption(logger, config.temporal.payloadEncryption);
  installTemporalRuntime(logger);

  const producer = createEventProducer(createKafka(config.kafka, logger));
  await producer.connect();
  // Embedded inventory (PGlite on disk) unless DATABASE_URL points at PostgreSQL.
  const store = await createInventoryStore(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { dataDir: process.env.INVENTORY_DATA_DIR ?? '.infra/data/inventory' },
  );
  await seedPoolsFromFiles(store.db, new Date());
  // The network simulator stands in for the operator's OSS adapters (activities/network/adapters.ts).
  const network = new NetworkSimulator().adapters();
  const connection = await connectWorker(config.temporal);
  await ensureSearchAttributes(connection, config.temporal.namespace).then(
    (added) => added.length > 0 && logger.info({ added }, 'search attributes registered'),
    (err: unknown) => logger.warn({ err }, 'could not register search attributes; register them by hand'),
  );
  const worker = await createContractWorker({ connection, producer, store, network, config });
  logger.info({ taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }, 'worker started');
  try {
    await worker.run();
  } finally {
    await producer.disconnect();
    await store.close();
    await connection.close();
    await tracing.shutdown();
    logger.info('worker stopped');
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
