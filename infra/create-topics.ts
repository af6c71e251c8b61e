/** Create (or complete) every topic in platform/topics.ts. Idempotent; run by infra/up.sh. */
import { loadConfig } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { TOPICS, topicName, type TopicKey } from '../platform/topics';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ ...config.log, name: 'create-topics' });
  const admin = createKafka(config.kafka, logger).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = (Object.keys(TOPICS) as TopicKey[]).filter(
      (k) => !existing.has(topicName(k, config.kafka.topicPrefix)),
    );
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((k) => ({
          topic: topicName(k, config.kafka.topicPrefix),
          numPartitions: TOPICS[k].partitions,
          replicationFactor: 1,
          configEntries: [
            { name: 'retention.ms', value: String(TOPICS[k].retentionMs) },
            { name: 'cleanup.policy', value: TOPICS[k].cleanupPolicy },
          ],
        })),
      });
    }
    logger.info({ created: missing.length, total: Object.keys(TOPICS).length }, 'kafka topics ready');
  } finally {
    await admin.disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
