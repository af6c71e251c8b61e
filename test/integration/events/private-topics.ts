/**
 * Topics of one test file's own, under a unique prefix: the intake topics are shared with everyone's
 * intake consumers on this broker, and a test's hostile or signed messages must reach only its own
 * consumer (and theirs never reach it). Created before the test, deleted after.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer } from 'kafkajs';
import { topicName, TOPICS, type TopicKey } from '../../../platform/topics';
import { kafka, type ReceivedMessage } from './support';

const KEYS: TopicKey[] = ['onboardingRequests', 'billingFacts', 'complianceFacts', 'deadLetter'];

export async function createPrivateTopics(tag: string) {
  const prefix = `test-${tag}-${randomUUID().slice(0, 8)}.`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: KEYS.map((k) => ({
        topic: topicName(k, prefix),
        numPartitions: TOPICS[k].partitions,
        replicationFactor: 1,
      })),
    });
  } finally {
    await admin.disconnect();
  }
  return {
    prefix,
    name: (key: TopicKey) => topicName(key, prefix),
    async remove() {
      const cleanup = kafka.admin();
      await cleanup.connect();
      await cleanup.deleteTopics({ topics: KEYS.map((k) => topicName(k, prefix)) }).catch(() => undefined);
      await cleanup.disconnect();
    },
  };
}

const text = (v: unknown) => (Buffer.isBuffer(v) ? v.toString() : String(v));

/** Every message of a private topic, from its beginning. */
export async function collectAll(topic: string) {
  const messages: ReceivedMessage[] = [];
  const consumer: Consumer = kafka.consumer({ groupId: `collect-${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      messages.push({
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        partition,
        offset: message.offset,
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, text(v)])),
      });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}
