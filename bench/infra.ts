/**
 * What every benchmark section shares: the running services (Temporal dev server, Kafka), reached the
 * way the worker reaches them, plus topics of its own (a unique KAFKA_TOPIC_PREFIX per run) so a
 * benchmark never disturbs other users of the shared broker. Everything made here is removed at the end.
 */
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { Kafka, Producer } from 'kafkajs';
import { createEventProducer } from '../activities/kafka/producer';
import { type AppConfig, loadConfig } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { createLogger, type Logger } from '../platform/logger';
import { connectClient, connectWorker, installTemporalRuntime } from '../platform/temporal';
import { TOPICS, topicName, type TopicKey } from '../platform/topics';
import { checkServices } from './preflight';

export interface BenchInfra {
  config: AppConfig;
  logger: Logger;
  kafka: Kafka;
  producer: Producer;
  client: Client;
  connection: NativeConnection;
  /** Unique per run: task queues, workflow ids and contract numbers carry it. */
  runId: string;
  close(): Promise<void>;
}

async function createTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: (Object.keys(TOPICS) as TopicKey[]).map((k) => ({
        topic: topicName(k, prefix),
        numPartitions: TOPICS[k].partitions,
        replicationFactor: 1,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

async function deleteTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({
      topics: (Object.keys(TOPICS) as TopicKey[]).map((k) => topicName(k, prefix)),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function openBenchInfra(): Promise<BenchInfra> {
  const runId = `b${Date.now().toString(36)}`;
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'error', KAFKA_TOPIC_PREFIX: `bench-${runId}.` });
  const logger = createLogger({ level: 'error', pretty: false, name: 'bench' });
  await checkServices(config);
  installTemporalRuntime(logger);
  const kafka = createKafka(config.kafka, logger);
  await createTopics(kafka, config.kafka.topicPrefix);
  const producer = createEventProducer(kafka);
  await producer.connect();
  const client = await connectClient(config.temporal);
  const connection = await connectWorker(config.temporal);
  return {
    config,
    logger,
    kafka,
    producer,
    client,
    connection,
    runId,
    close: async () => {
      await producer.disconnect();
      await deleteTopics(kafka, config.kafka.topicPrefix).catch((err: unknown) =>
        logger.warn({ err }, 'bench topics not deleted'),
      );
      await client.connection.close();
      // Refused while a worker that failed mid-run still holds it; the process exits anyway.
      await connection.close().catch(() => undefined);
    },
  };
}
