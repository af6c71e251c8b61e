/**
 * Part 3: the event-publish activity (validation + routing + send) against a raw kafkajs producer
 * sending the same messages (serialise, route, send; no validation), on the same producer and topics.
 * A third variant sends raw through the activity's request sharing (coalescing-sender.ts), so the
 * report can tell what sharing requests gains from what validation costs.
 */
import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import { coalescingSender } from '../activities/kafka/coalescing-sender';
import { createKafkaActivities } from '../activities/kafka/publisher';
import { buildEvent, routeEvent, type AnyContractEvent } from '../domain/events/catalogue';
import { topicName } from '../platform/topics';
import type { BenchInfra } from './infra';
import { pairedRatio, spread, type Spread } from './stats';

type Publish = (event: AnyContractEvent) => Promise<void>;

export interface PublishFigures {
  parameters: { events: number; concurrentLanes: number; repeats: number; messagesPerEvent: number };
  /** events/s per variant and mode, over repeats. */
  activity: { sequential: Spread; concurrent: Spread };
  raw: { sequential: Spread; concurrent: Spread };
  /** Raw messages through the activity's shared requests (no validation). */
  sharedRaw?: { sequential: Spread; concurrent: Spread };
  /** activity events/s ÷ raw events/s, paired by repeat. */
  ratio: { sequential: Spread; concurrent: Spread };
  /** activity ÷ shared raw: what validation and building the request cost, paired by repeat. */
  ratioToSharedRaw?: { sequential: Spread; concurrent: Spread };
}

/** Half lifecycle-only events, half billing-relevant (those go to two topics). */
export function sampleEvents(n: number, runId: string): AnyContractEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const contractNo = `BENCH-${runId.toUpperCase()}-${i % 100}`;
    const meta = { id: randomUUID(), time: new Date().toISOString(), contractNo };
    if (i % 2 === 0) {
      const resource = {
        resourceId: `n-${i}`,
        resourceType: 'number-400',
        value: `400${String(i).padStart(7, '0')}`,
      };
      return buildEvent(
        'telecom.contract.resource-committed.v1',
        { contractNo, resources: [resource], committedDate: '2025-01-02' },
        meta,
      );
    }
    return buildEvent(
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

/** What a team would write without the activity: serialise, route, send. */
function rawPublisher(producer: Pick<Producer, 'sendBatch'>, prefix: string): Publish {
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

/** Events per second publishing `events` over `lanes` concurrent callers. */
async function eventsPerSecond(publish: Publish, events: AnyContractEvent[], lanes: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < events.length) await publish(events[next++]!);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return events.length / ((performance.now() - started) / 1000);
}

export async function benchPublish(
  infra: BenchInfra,
  events: number,
  repeats: number,
): Promise<PublishFigures> {
  const prefix = infra.config.kafka.topicPrefix;
  const activities = createKafkaActivities({ producer: infra.producer, topicPrefix: prefix });
  const shared = coalescingSender(infra.producer);
  const variants = {
    activity: (event: AnyContractEvent) => activities.publishContractEvent(event),
    raw: rawPublisher(infra.producer, prefix),
    sharedRaw: rawPublisher(
      { sendBatch: async ({ topicMessages }) => (await shared(topicMessages!), []) },
      prefix,
    ),
  };
  await eventsPerSecond(variants.raw, sampleEvents(100, infra.runId), 8); // warm-up: metadata, JIT
  const lanes = 32;
  const runs = {
    activity: { sequential: [] as number[], concurrent: [] as number[] },
    raw: { sequential: [] as number[], concurrent: [] as number[] },
    sharedRaw: { sequential: [] as number[], concurrent: [] as number[] },
  };
  const names = ['activity', 'raw', 'sharedRaw'] as const;
  for (let r = 0; r < repeats; r++) {
    // Rotate the order so no variant always runs on a colder broker.
    const order = names.map((_, i) => names[(i + r) % names.length]!);
    for (const name of order) {
      runs[name].sequential.push(
        await eventsPerSecond(variants[name], sampleEvents(Math.min(events, 500), infra.runId), 1),
      );
      runs[name].concurrent.push(
        await eventsPerSecond(variants[name], sampleEvents(events, infra.runId), lanes),
      );
    }
  }
  return {
    parameters: { events, concurrentLanes: lanes, repeats, messagesPerEvent: 1.5 },
    activity: { sequential: spread(runs.activity.sequential), concurrent: spread(runs.activity.concurrent) },
    raw: { sequential: spread(runs.raw.sequential), concurrent: spread(runs.raw.concurrent) },
    sharedRaw: {
      sequential: spread(runs.sharedRaw.sequential),
      concurrent: spread(runs.sharedRaw.concurrent),
    },
    ratio: {
      sequential: pairedRatio(runs.activity.sequential, runs.raw.sequential),
      concurrent: pairedRatio(runs.activity.concurrent, runs.raw.concurrent),
    },
    ratioToSharedRaw: {
      sequential: pairedRatio(runs.activity.sequential, runs.sharedRaw.sequential),
      concurrent: pairedRatio(runs.activity.concurrent, runs.sharedRaw.concurrent),
    },
  };
}
