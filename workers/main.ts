/**
 * Worker process: runs contract workflows and their activities until SIGINT/SIGTERM, then drains
 * in-flight tasks and closes its Kafka producer. Its ops server (METRICS_PORT, default 9464) answers
 * /healthz at once, /readyz once Temporal, Kafka and the inventory answer, and /metrics with the
 * Temporal SDK runtime's own metrics appended.
 */
import { Client } from '@temporalio/client';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../platform/config';
import { createEventProducer } from '../activities/kafka/producer';
import { NetworkSimulator } from '../activities/network/simulator';
import { seedPoolsFromFiles } from '../inventory/pools';
import { createInventoryStore } from '../inventory/store';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { coreMetricsSource, freeLocalPort } from '../platform/observability/core-metrics';
import { createKafkaOps, trackKafkaClient } from '../platform/observability/kafka-ops';
import { startProcessOps } from '../platform/observability/process-ops';
import { temporalAnswers } from '../platform/observability/readiness';
import { logPayloadEncryption } from '../platform/payload-codec';
import { startTracing } from '../platform/observability/tracing';
import { connectWorker, dataConverter, installTemporalRuntime } from '../platform/temporal';
import { startBookMetrics } from './book-metrics';
import { createContractWorker, ensureSearchAttributes } from './contract-worker';

async function main(): Promise<void> {
  const tracing = startTracing('worker'); // off unless OTEL_* asks (platform/observability/tracing.ts)
  const config = loadConfig();
  const logger = createLogger({ ...config.log, name: 'worker' });
  logPayloadEncryption(logger, config.temporal.payloadEncryption);
  const ops = await startProcessOps('worker', config.metrics, logger);
  // Core binds its exporter on loopback only; /metrics appends its text, so one target per process.
  const corePort = ops.metrics.enabled ? await freeLocalPort() : undefined;
  installTemporalRuntime(logger, { prometheusPort: corePort });
  if (corePort !== undefined) ops.metrics.addTextSource('temporal runtime', coreMetricsSource(corePort));

  const kafka = createKafka(config.kafka, logger);
  const kafkaOps = createKafkaOps(createKafka(config.kafka, logger, { retries: 0 }));
  const producer = createEventProducer(kafka);
  ops.readiness.set('kafka', kafkaOps.check([trackKafkaClient(producer, 'producer')]));
  await producer.connect();
  // Embedded inventory (PGlite on disk) unless DATABASE_URL points at PostgreSQL.
  const store = await createInventoryStore(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl }
      : { dataDir: process.env.INVENTORY_DATA_DIR ?? '.infra/data/inventory' },
  );
  ops.readiness.set('inventory', async () => {
    await sql`select 1`.execute(store.db);
  });
  await seedPoolsFromFiles(store.db, new Date());
  // The network simulator stands in for the operator's OSS adapters (activities/network/adapters.ts).
  const network = new NetworkSimulator().adapters();
  const connection = await connectWorker(config.temporal);
  await ensureSearchAttributes(connection, config.temporal.namespace).then(
    (added) => added.length > 0 && logger.info({ added }, 'search attributes registered'),
    (err: unknown) => logger.warn({ err }, 'could not register search attributes; register them by hand'),
  );
  const worker = await createContractWorker({
    connection,
    producer,
    store,
    network,
    config,
    metrics: ops.metrics,
  });
  const answers = temporalAnswers(connection.workflowService);
  ops.readiness.set('temporal', async () => {
    const state = worker.getState();
    if (state !== 'RUNNING') throw new Error(`worker is ${state.toLowerCase()}`);
    await answers();
  });
  // The book's gauges come from visibility (every worker counts the whole book: dashboards take max()).
  const book = ops.metrics.enabled
    ? startBookMetrics({
        client: new Client({
          connection,
          namespace: config.temporal.namespace,
          dataConverter: dataConverter(config.temporal),
        }),
        taskQueue: config.temporal.taskQueue,
        registry: ops.metrics.registry,
        intervalMs: config.metrics.bookIntervalMs,
        logger,
      })
    : undefined;
  logger.info({ taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }, 'worker started');
  try {
    await worker.run();
  } finally {
    book?.stop();
    await producer.disconnect();
    await kafkaOps.close();
    await store.close();
    await connection.close();
    await ops.server.close();
    await tracing.shutdown();
    logger.info('worker stopped');
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
