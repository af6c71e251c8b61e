/**
 * Kafka as the ops server sees it, on the real broker: consumer lag per partition from the group's
 * committed offsets and the high watermarks (an idle or never-committed partition included), the
 * readiness check against a reachable and an unreachable broker, and a client's connection state.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../platform/config';
import { createKafka } from '../../../platform/kafka';
import { createKafkaOps, trackKafkaClient } from '../../../platform/observability/kafka-ops';
import { createMetrics } from '../../../platform/observability/metrics';
import { Readiness } from '../../../platform/observability/readiness';
import { waitFor } from '../../support/wait';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', LOG_PRETTY: 'false' });
const logger = pino({ level: 'silent' });
const kafka = createKafka(config.kafka, logger);
const topic = `test-ops-lag-${randomUUID().slice(0, 8)}`;
const groupId = `ops-lag-${randomUUID()}`;
const ops = createKafkaOps(createKafka(config.kafka, logger, { retries: 0 }));

beforeAll(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
  });
  await admin.disconnect();
});

afterAll(async () => {
  await ops.close();
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

const lagOf = (text: string, partition: number) => {
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(`tco_consumer_lag{group="${groupId}",topic="${topic}",partition="${partition}"}`),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

test('lag per partition follows commits; the producer is tracked; the check passes', async () => {
  const producer = kafka.producer();
  const state = trackKafkaClient(producer, 'producer');
  expect(state.problem()).toBe('producer not connected yet');
  await producer.connect();
  expect(state.problem()).toBeUndefined();
  await producer.send({
    topic,
    messages: Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `m${i}` })),
  });
  const readiness = new Readiness(['kafka']);
  readiness.set('kafka', ops.check([state]));
  expect(await readiness.evaluate()).toEqual({ ready: true, checks: { kafka: 'ok' }, missing: [] });

  const admin = kafka.admin();
  await admin.connect();
  await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '2' }] });
  await admin.disconnect();

  const metrics = createMetrics({ enabled: true, process: 'intake' });
  ops.watchLag(metrics, groupId, [topic]);
  const before = await metrics.render();
  expect(lagOf(before, 0)).toBe(3); // five written, two committed
  expect(lagOf(before, 1)).toBe(0); // idle and never committed: nothing retained

  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic });
  await consumer.run({ eachMessage: async () => {} });
  try {
    await waitFor('the group to catch up', async () =>
      (lagOf(await metrics.render(), 0) ?? -1) === 0 ? true : undefined,
    );
  } finally {
    await consumer.disconnect();
  }
  await producer.disconnect();
  expect(state.problem()).toBe('producer disconnected');
  const after = await readiness.evaluate();
  expect(after).toEqual({ ready: false, checks: { kafka: 'producer disconnected' }, missing: ['kafka'] });
});

test('an unreachable broker makes the check fail with the reason, within its deadline', async () => {
  // A port that was free a moment ago: nothing listens there.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const down = createKafkaOps(
    createKafka({ ...config.kafka, brokers: [`127.0.0.1:${port}`] }, logger, { retries: 0 }),
  );
  const readiness = new Readiness(['kafka'], 2_000);
  readiness.set('kafka', down.check([]));
  const report = await readiness.evaluate();
  expect(report.ready).toBe(false);
  expect(report.checks.kafka).toMatch(/^KafkaJS\w+: .*ECONNREFUSED/);
  await down.close();
});
