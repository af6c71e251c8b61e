/**
 * Intake process: consumes the onboarding, billing-facts and compliance-facts topics into contract
 * workflows until SIGINT/SIGTERM. Messages must be signed by a key of the registry (API_KEYS /
 * API_KEYS_FILE, as for the API). Run: npx tsx workers/intake.ts
 * Its ops server (METRICS_PORT, default 9466) serves /metrics (dead letters, consumer lag), /healthz
 * and /readyz (Temporal and Kafka answer, the consumer is connected).
 */
import { createEventProducer } from '../activities/kafka/producer';
import { parseContractSpec } from '../domain/contract-spec';
import { ConfigError, loadConfig } from '../platform/config';
import { createIntakeVerifier } from '../platform/intake-signature';
import { loadKeyRegistry, type ApiKeyRecord } from '../platform/key-registry';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { createKafkaOps, trackKafkaClient } from '../platform/observability/kafka-ops';
import { startProcessOps } from '../platform/observability/process-ops';
import { temporalAnswers } from '../platform/observability/readiness';
import { logPayloadEncryption } from '../platform/payload-codec';
import { startTracing } from '../platform/observability/tracing';
import { connectClient } from '../platform/temporal';
import { createIntakeConsumer } from './intake-consumer';
import type { ValidateContract } from './intake-handler';

/** The contract spec rules of domain/contract-spec.ts, in the shape the intake expects. */
export const validateContractSpec: ValidateContract = (raw) => {
  const parsed = parseContractSpec(raw);
  return parsed.ok ? { ok: true, spec: parsed.spec } : { ok: false, problems: parsed.issues };
};

/** The registry's records that can sign; none means every message would be refused, so do not start. */
export function signingKeys(records: ApiKeyRecord[]): ApiKeyRecord[] {
  const usable = records.filter((r) => r.signingPublicKey && !r.revoked);
  if (usable.length === 0) {
    throw new ConfigError([
      'API_KEYS/API_KEYS_FILE: the intake needs at least one unrevoked key with a signingPublicKey ' +
        '(npm run api-key mints one); without it every message would be dead-lettered as unauthenticated',
    ]);
  }
  return records;
}

async function main(): Promise<void> {
  const tracing = startTracing('intake'); // off unless OTEL_* asks (platform/observability/tracing.ts)
  const config = loadConfig();
  const authenticate = createIntakeVerifier(signingKeys(loadKeyRegistry()));
  const logger = createLogger({ ...config.log, name: 'intake' });
  logPayloadEncryption(logger, config.temporal.payloadEncryption);
  const ops = await startProcessOps('intake', config.metrics, logger);
  const kafka = createKafka(config.kafka, logger);
  const kafkaOps = createKafkaOps(createKafka(config.kafka, logger, { retries: 0 }));
  const producer = createEventProducer(kafka);
  const producerState = trackKafkaClient(producer, 'dead-letter producer');
  await producer.connect();
  const client = await connectClient(config.temporal);
  ops.readiness.set('temporal', temporalAnswers(client.workflowService));
  const groupId = 'contract-intake';
  const intake = createIntakeConsumer({
    kafka,
    producer,
    client,
    taskQueue: config.temporal.taskQueue,
    validateContract: validateContractSpec,
    authenticate,
    logger,
    groupId,
    topicPrefix: config.kafka.topicPrefix,
    metrics: ops.metrics,
  });
  ops.readiness.set('kafka', kafkaOps.check([producerState, intake.consumerState]));
  kafkaOps.watchLag(ops.metrics, groupId, intake.topics);
  await intake.start();
  logger.info({ taskQueue: config.temporal.taskQueue }, 'intake started');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await intake.stop();
  await producer.disconnect();
  await kafkaOps.close();
  await client.connection.close();
  await ops.server.close();
  await tracing.shutdown();
  logger.info(intake.stats, 'intake stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
