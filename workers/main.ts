/**
 * Worker process: runs contract workflows and their activities until SIGINT/SIGTERM, then drains
 * in-flight tasks and closes its Kafka producer.
 */
import { ConfigError, loadConfig } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { connectWorker, installTemporalRuntime } from '../platform/temporal';
import { createContractWorker } from './contract-worker';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ ...config.log, name: 'worker' });
  installTemporalRuntime(logger);

  const producer = createKafka(config.kafka, logger).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const connection = await connectWorker(config.temporal);
  const worker = await createContractWorker({ connection, producer, config });
  logger.info({ taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }, 'worker started');
  try {
    await worker.run();
  } finally {
    await producer.disconnect();
    await connection.close();
    logger.info('worker stopped');
  }
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
