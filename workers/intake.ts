/**
 * Intake process: consumes the onboarding, billing-facts and compliance-facts topics into contract
 * workflows until SIGINT/SIGTERM. Run: npx tsx workers/intake.ts
 */
import { createEventProducer } from '../activities/kafka/producer';
import { parseContractSpec } from '../domain/contract-spec';
import { ConfigError, loadConfig } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { logPayloadEncryption } from '../platform/payload-codec';
import { connectClient } from '../platform/temporal';
import { createIntakeConsumer } from './intake-consumer';
import type { ValidateContract } from './intake-handler';

/** The contract spec rules of domain/contract-spec.ts, in the shape the intake expects. */
export const validateContractSpec: ValidateContract = (raw) => {
  const parsed = parseContractSpec(raw);
  return parsed.ok ? { ok: true, spec: parsed.spec } : { ok: false, problems: parsed.issues };
};

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ ...config.log, name: 'intake' });
  logPayloadEncryption(logger, config.temporal.payloadEncryption);
  const kafka = createKafka(config.kafka, logger);
  const producer = createEventProducer(kafka);
  await producer.connect();
  const client = await connectClient(config.temporal);
  const intake = createIntakeConsumer({
    kafka,
    producer,
    client,
    taskQueue: config.temporal.taskQueue,
    validateContract: validateContractSpec,
    logger,
    groupId: 'contract-intake',
    topicPrefix: config.kafka.topicPrefix,
  });
  await intake.start();
  logger.info({ taskQueue: config.temporal.taskQueue }, 'intake started');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await intake.stop();
  await producer.disconnect();
  await client.connection.close();
  logger.info(intake.stats, 'intake stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
