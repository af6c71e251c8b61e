/**
 * The reference billing consumer: reads the billing topic, validates each event against the catalogue,
 * drops duplicates by event id and books the rest into the ledger. Kafka delivers at least once (a
 * publish retried after a broker outage can land twice); the ledger's event-id table makes that harmless,
 * which is also why plain auto-commit after each processed message is enough here.
 */
import type { Consumer, IHeaders, Kafka } from 'kafkajs';
import { checkContractEvent } from '../../domain/events/catalogue';
import type { Logger } from '../../platform/logger';
import { trackKafkaClient, type ClientState } from '../../platform/observability/kafka-ops';
import type { Metrics } from '../../platform/observability/metrics';
import {
  cloudEventAttributes,
  headerCarrier,
  inConsumerSpan,
  type TraceCarrier,
} from '../../platform/observability/spans';
import { topicName } from '../../platform/topics';
import type { LedgerStore } from './store';

export type Outcome = 'applied' | 'duplicate' | 'skipped';

/** Why an event was skipped (refused): the bounded code counted in tco_dead_letters_total. */
export type SkipReason = 'not-json' | 'invalid-event';

export interface BillingConsumerDeps {
  kafka: Kafka;
  store: LedgerStore;
  logger: Logger;
  groupId: string;
  topicPrefix?: string;
  /** A new consumer group starts at the oldest retained event (default) or only sees new ones. */
  fromBeginning?: boolean;
  /** tco_dead_letters_total{consumer="billing"} for skipped events; omitted: not counted. */
  metrics?: Pick<Metrics, 'deadLetters'>;
}

export interface BillingConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves after the first fetch: the group has joined and knows where to read from. */
  ready(): Promise<void>;
  /** The consumer's connection, for readiness. */
  readonly consumerState: ClientState;
  /** The full name of the topic it reads (with the prefix), for lag. */
  readonly topic: string;
  /** Counts since start, for monitoring and tests. */
  readonly stats: Record<Outcome, number>;
}

/** One message value → ledger. Invalid or unknown events are skipped loudly, never half-booked. */
export async function handleBillingMessage(
  store: LedgerStore,
  value: string | null,
  log: Logger,
  skipped: (reason: SkipReason) => void = () => {},
): Promise<Outcome> {
  let json: unknown;
  try {
    json = JSON.parse(value ?? '');
  } catch {
    log.error({ value: value?.slice(0, 200) }, 'billing event is not JSON: skipped');
    skipped('not-json');
    return 'skipped';
  }
  const checked = checkContractEvent(json);
  if (!checked.ok) {
    // A newer version of an event type lands here until this consumer is upgraded: alert on it.
    log.error(
      { problems: checked.problems, type: (json as { type?: unknown })?.type },
      'billing event invalid: skipped',
    );
    skipped('invalid-event');
    return 'skipped';
  }
  return store.record(checked.event);
}

/**
 * Where the publisher's trace continues: the event's own `traceparent` extension attribute (structured
 * mode: it survives a copy of the value elsewhere), else the `ce_traceparent` header.
 */
export function billingTraceCarrier(value: string | null, headers: IHeaders | undefined): TraceCarrier {
  try {
    const event = JSON.parse(value ?? '') as { traceparent?: unknown; tracestate?: unknown } | null;
    if (typeof event?.traceparent === 'string') {
      return typeof event.tracestate === 'string'
        ? { traceparent: event.traceparent, tracestate: event.tracestate }
        : { traceparent: event.traceparent };
    }
  } catch {
    // not JSON: handleBillingMessage skips it; the headers may still name the trace
  }
  return headerCarrier(headers);
}

function firstFetch(consumer: Consumer): Promise<void> {
  return new Promise((resolve) => {
    const remove = consumer.on(consumer.events.FETCH, () => {
      remove();
      resolve();
    });
  });
}

export function createBillingConsumer(deps: BillingConsumerDeps): BillingConsumer {
  const log = deps.logger.child({ component: 'billing-consumer', groupId: deps.groupId });
  const stats: Record<Outcome, number> = { applied: 0, duplicate: 0, skipped: 0 };
  let consumer: Consumer | undefined;
  let fetched: Promise<void> | undefined;
  let tracked: ClientState | undefined;
  const topic = topicName('billing', deps.topicPrefix);
  // The reference consumer has no dead-letter topic: a skipped event is its refusal, counted as one.
  const skipped = (reason: SkipReason) => deps.metrics?.deadLetters.inc({ consumer: 'billing', reason });

  async function start(): Promise<void> {
    consumer = deps.kafka.consumer({ groupId: deps.groupId });
    tracked = trackKafkaClient(consumer, 'billing consumer');
    await consumer.connect();
    fetched = firstFetch(consumer);
    await consumer.subscribe({
      topic,
      fromBeginning: deps.fromBeginning ?? true,
    });
    await consumer.run({
      eachMessage: async ({ topic, message, partition }) => {
        const value = message.value?.toString() ?? null;
        // One CONSUMER span per event, continuing the publish activity's trace (only when tracing is on).
        const outcome = await inConsumerSpan(
          { topic, partition, offset: message.offset, groupId: deps.groupId },
          () => billingTraceCarrier(value, message.headers),
          async (span) => {
            span?.setAttributes(cloudEventAttributes(message.headers, message.key));
            const result = await handleBillingMessage(deps.store, value, log, skipped);
            span?.setAttribute('tco.billing.outcome', result);
            return result;
          },
        );
        stats[outcome] += 1;
        log.debug({ partition, offset: message.offset, outcome }, 'billing event');
      },
    });
  }

  async function stop(): Promise<void> {
    await consumer?.disconnect();
  }

  return {
    start,
    stop,
    ready: () => fetched ?? Promise.reject(new Error('billing consumer not started')),
    consumerState: { problem: () => (tracked ? tracked.problem() : 'consumer not started') },
    topic,
    stats,
  };
}
