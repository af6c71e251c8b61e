/** Kafka helpers for the event integration tests: unique consumer groups that start at "now". */
import { randomUUID } from 'node:crypto';
import { Runtime } from '@temporalio/worker';
import type { Consumer, IHeaders } from 'kafkajs';
import { loadConfig } from '../../../platform/config';
import { createKafka } from '../../../platform/kafka';
import { createLogger } from '../../../platform/logger';
import { topicName, type TopicKey } from '../../../platform/topics';

export const config = loadConfig({
  ...process.env,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
  LOG_PRETTY: 'false',
});
export const logger = createLogger(config.log);
export const kafka = createKafka(config.kafka, logger);

export const uniqueContractNo = (tag: string) => `T-${tag}-${randomUUID().slice(0, 8).toUpperCase()}`;
export const uniqueGroup = (tag: string) => `test-${tag}-${randomUUID()}`;

/**
 * Commit a new group's offsets at the current end of each topic before it first joins. Unlike
 * `fromBeginning: false`, this survives a restart before the group's first commit (a broker outage):
 * a fresh group without committed offsets would restart at the then-latest offset and skip whatever
 * was produced in between.
 */
export async function startGroupAtEnd(groupId: string, topicKeys: readonly TopicKey[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const key of topicKeys) {
      const topic = topicName(key, config.kafka.topicPrefix);
      const offsets = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({
        groupId,
        topic,
        partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * test/support/temporal-runtime.ts installs Temporal's Runtime in every integration file; it shuts down
 * by itself when its last connection closes, so a file that opens none must release it, or jest
 * cannot exit.
 */
export async function releaseTemporalRuntime(): Promise<void> {
  await Runtime.instance().shutdown();
}

export interface ReceivedMessage {
  key: string;
  value: string;
  partition: number;
  offset: string;
  headers: Record<string, string>;
}

const headerText = (headers: IHeaders | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, String(v)]));

/** Collect every message of a topic produced from now on whose key passes `keep`. */
export async function collect(topicKey: TopicKey, keep: (key: string) => boolean) {
  const messages: ReceivedMessage[] = [];
  const groupId = uniqueGroup(`collect-${topicKey}`);
  await startGroupAtEnd(groupId, [topicKey]);
  // Polling often keeps stop() quick.
  const consumer: Consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName(topicKey, config.kafka.topicPrefix) });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      const key = message.key?.toString() ?? '';
      if (!keep(key)) return;
      const value = message.value?.toString() ?? '';
      messages.push({ key, value, partition, offset: message.offset, headers: headerText(message.headers) });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

export const typesOf = (messages: ReceivedMessage[]) =>
  messages.map((m) => (JSON.parse(m.value) as { type: string }).type);
export const idsOf = (messages: ReceivedMessage[]) =>
  messages.map((m) => (JSON.parse(m.value) as { id: string }).id);
