/**
 * Reference billing consumer, command line.
 *   npx tsx clients/billing-consumer/main.ts                      run: consume the billing topic into the ledger
 *   npx tsx clients/billing-consumer/main.ts --export <contractNo> print the contract's schedule and ledger (JSON)
 * Options: --data-dir <dir> (default $BILLING_LEDGER_DIR or .infra/data/billing-consumer), --group <id>.
 * The ledger directory is used by one process at a time: stop the consumer before --export.
 * While running, its ops server (METRICS_PORT, default 9467) serves /metrics (skipped events, lag),
 * /healthz and /readyz (Kafka answers and the consumer is connected; the ledger answers).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { createLogger } from '../../platform/logger';
import { createKafkaOps } from '../../platform/observability/kafka-ops';
import { startProcessOps } from '../../platform/observability/process-ops';
import { startTracing } from '../../platform/observability/tracing';
import { createBillingConsumer } from './consumer';
import { openLedgerStore } from './store';

const DEFAULT_DIR = join(
  process.env.INFRA_DIR ?? join(__dirname, '../../.infra'),
  'data',
  'billing-consumer',
);

async function exportContract(dataDir: string, contractNo: string): Promise<void> {
  const store = await openLedgerStore(dataDir);
  try {
    const found = await store.exportContract(contractNo);
    if (!found) {
      console.error(`no billing events for contract ${contractNo} in ${dataDir}`);
      process.exitCode = 2;
      return;
    }
    console.log(JSON.stringify(found, null, 2));
  } finally {
    await store.close();
  }
}

async function run(dataDir: string, groupId: string): Promise<void> {
  const tracing = startTracing('billing-consumer'); // off unless OTEL_* asks
  const config = loadConfig();
  const logger = createLogger({ ...config.log, name: 'billing-consumer' });
  const ops = await startProcessOps('billing-consumer', config.metrics, logger);
  const store = await openLedgerStore(dataDir);
  ops.readiness.set('ledger', () => store.ping?.() ?? Promise.resolve());
  const kafka = createKafka(config.kafka, logger);
  const kafkaOps = createKafkaOps(createKafka(config.kafka, logger, { retries: 0 }));
  const consumer = createBillingConsumer({
    kafka,
    store,
    logger,
    groupId,
    topicPrefix: config.kafka.topicPrefix,
    metrics: ops.metrics,
  });
  ops.readiness.set('kafka', kafkaOps.check([consumer.consumerState]));
  kafkaOps.watchLag(ops.metrics, groupId, [consumer.topic]);
  await consumer.start();
  logger.info({ dataDir, groupId }, 'billing consumer started');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await consumer.stop();
  await kafkaOps.close();
  await store.close();
  await ops.server.close();
  await tracing.shutdown();
  logger.info(consumer.stats, 'billing consumer stopped');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      export: { type: 'string' },
      'data-dir': { type: 'string' },
      group: { type: 'string' },
    },
  });
  const dataDir = values['data-dir'] ?? process.env.BILLING_LEDGER_DIR ?? DEFAULT_DIR;
  if (values.export) await exportContract(dataDir, values.export);
  else await run(dataDir, values.group ?? 'billing-reference-consumer');
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
