/**
 * Publish throughput: the publisher activity function (validation + routing + send) against a raw
 * kafkajs producer sending the same messages, in the same run, on the local broker.
 *   npx tsx activities/kafka/bench-publish.ts [N=2000] [concurrency=32]
 * Sequential = one publish at a time, as one workflow publishes; concurrent = many workflows at once.
 * Events go to the real lifecycle and billing topics under BENCH-… contract numbers.
 */
import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import { buildEvent, routeEvent, type AnyContractEvent } from '../../domain/events/catalogue';
import { loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { createLogger } from '../../platform/logger';
import { topicName } from '../../platform/topics';
import { createEventProducer } from './producer';
import { createKafkaActivities, planPublish } from './publisher';

type Publish = (event: AnyContractEvent) => Promise<void>;

/** Half lifecycle-only, half billing-relevant (those go to two topics). */
function sampleEvents(n: number): AnyContractEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const contractNo = `BENCH-${String(i % 100).padStart(3, '0')}`;
    const meta = { id: randomUUID(), time: new Date().toISOString(), contractNo };
    return i % 2 === 0
      ? buildEvent(
          'telecom.contract.resource-committed.v1',
          {
            contractNo,
            resources: [
              {
                resourceId: `num-${i}`,
                resourceType: 'number-400',
                value: `400${String(i).padStart(7, '0')}`,
              },
            ],
            committedDate: '2025-01-02',
          },
          meta,
        )
      : buildEvent(
          'telecom.contract.charge-applied.v1',
          {
            contractNo,
            chargeId: `late-fee-${i}`,
            chargeType: 'late-fee',
            amountFen: 8_262,
            reason: '0.3% per day on the overdue amount',
            clauseRef: '7.3',
            chargeDate: '2025-07-20',
          },
          meta,
        );
  });
}

/** What a team would write without the activity: serialise, route, send. No validation. */
function rawPublisher(producer: Producer, prefix: string): Publish {
  return async (event) => {
    const message: Message = {
      key: event.subject,
      value: JSON.stringify(event),
      headers: { ce_id: event.id, ce_type: event.type, 'content-type': 'application/cloudevents+json' },
    };
    const topicMessages = routeEvent(event.type).map((t) => ({
      topic: topicName(t, prefix),
      messages: [message],
    }));
    await producer.sendBatch({ topicMessages, acks: -1 });
  };
}

async function run(publish: Publish, events: AnyContractEvent[], concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < events.length) await publish(events[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return performance.now() - started;
}

const ROUNDS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MESSAGES_PER_EVENT = 1.5; // half the sample events go to two topics

function row(name: string, lanes: number, n: number, ms: number): string {
  const messages = n * MESSAGES_PER_EVENT;
  const mode = lanes === 1 ? 'sequential' : `${lanes} concurrent`;
  const perSecond = (count: number) => ((count / ms) * 1000).toFixed(0);
  return `| ${name} | ${mode} | ${n} | ${messages} | ${ms.toFixed(0)} | ${perSecond(n)} | ${perSecond(messages)} | ${(ms / n).toFixed(2)} |`;
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const concurrency = Number(process.argv[3] ?? 32);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'error' });
  const producer = createEventProducer(
    createKafka(config.kafka, createLogger({ level: 'error', pretty: false })),
  );
  await producer.connect();
  const activities = createKafkaActivities({ producer, topicPrefix: config.kafka.topicPrefix });
  const variants: Record<string, Publish> = {
    'activity publishContractEvent': (event) => activities.publishContractEvent(event),
    'raw kafkajs producer': rawPublisher(producer, config.kafka.topicPrefix),
  };

  await run(variants['raw kafkajs producer']!, sampleEvents(200), 8); // warm-up: connections, metadata

  // Rounds alternate the order so neither variant always runs on a colder JIT or broker; median kept.
  const rows: string[] = [];
  for (const lanes of [1, concurrency]) {
    const timings: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? Object.keys(variants) : Object.keys(variants).reverse();
      for (const name of order) timings[name]!.push(await run(variants[name]!, sampleEvents(n), lanes));
    }
    for (const [name, ms] of Object.entries(timings)) rows.push(row(name, lanes, n, median(ms)));
  }
  const events = sampleEvents(n);
  const started = performance.now();
  for (const event of events) planPublish({ event }, config.kafka.topicPrefix);
  const validationMs = (performance.now() - started) / n;
  await producer.disconnect();
  console.log(
    `Node ${process.version}, broker ${config.kafka.brokers.join(',')}, idempotent producer, acks=all\n`,
  );
  console.log('| publisher | mode | events | messages | ms | events/s | messages/s | ms/event |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
  console.log(
    `\nValidation + routing alone (planPublish): ${(validationMs * 1000).toFixed(1)} µs/event. Median of ${ROUNDS} rounds.`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
