/**
 * What the outside world sees of a chaos run, read from the private Kafka: the reference billing
 * consumer (clients/billing-consumer) booking into its ledger, with every event it is handed and its
 * verdict (applied or duplicate) recorded on the way; and a plain reader of the lifecycle topic.
 */
import type { Consumer, Kafka } from 'kafkajs';
import { createBillingConsumer, type BillingConsumer } from '../../../clients/billing-consumer/consumer';
import { openLedgerStore, type LedgerStore } from '../../../clients/billing-consumer/store';
import type { ContractEvent } from '../../../domain/events/catalogue';
import { createKafka } from '../../../platform/kafka';
import { createLogger, type Logger } from '../../../platform/logger';
import { topicName } from '../../../platform/topics';
import type { PrivateServices } from './private-services';

export interface Seen {
  id: string;
  type: string;
  contractNo: string;
}

export interface Observers {
  kafka: Kafka;
  ledger: LedgerStore;
  /** Billing events as the reference consumer booked them, with its de-duplication verdict. */
  billing: Array<Seen & { outcome: 'applied' | 'duplicate' }>;
  /** Lifecycle-topic events in arrival order (duplicates included). */
  lifecycle: Seen[];
  stop(): Promise<void>;
}

/** Wrap the ledger so each booking leaves a trace; the ledger itself stays the judge of duplicates. */
function tracing(store: LedgerStore, trace: Observers['billing']): LedgerStore {
  return {
    ...store,
    record: async (event: ContractEvent) => {
      const outcome = await store.record(event);
      trace.push({ id: event.id, type: event.type, contractNo: event.subject, outcome });
      return outcome;
    },
  };
}

/**
 * The lifecycle reader must outlive the outages it watches: kafkajs restarts a consumer after a
 * retriable crash, but one it gives up on stays down (seen once in a loaded run: the events after a
 * broker outage never arrived), so a crash without restart starts a fresh consumer in the same group.
 */
async function readLifecycle(kafka: Kafka, into: Seen[], logger: Logger): Promise<{ stop(): Promise<void> }> {
  let current: Consumer | undefined;
  let stopped = false;
  const start = async (): Promise<void> => {
    const consumer = kafka.consumer({ groupId: 'chaos-lifecycle-reader', maxWaitTimeInMs: 200 });
    current = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || stopped) return;
      logger.warn({ error: payload.error }, 'lifecycle reader crashed for good: starting a new one');
      void consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => (stopped ? undefined : start()))
        .catch((error: unknown) => logger.error({ error }, 'lifecycle reader could not restart'));
    });
    await consumer.connect();
    await consumer.subscribe({ topic: topicName('lifecycle'), fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        try {
          const e = JSON.parse(message.value?.toString() ?? '') as ContractEvent;
          into.push({ id: e.id, type: e.type, contractNo: e.subject });
        } catch (error) {
          logger.error({ error }, 'lifecycle message is not JSON');
        }
      },
    });
  };
  await start();
  return {
    stop: async () => {
      stopped = true;
      await current?.disconnect();
    },
  };
}

export async function startObservers(stack: PrivateServices): Promise<Observers> {
  // Outages make kafkajs log every reconnect attempt as an error: quiet unless asked.
  const logger = createLogger({
    level: process.env.TEST_LOG_LEVEL ?? 'fatal',
    pretty: false,
    name: 'chaos-observers',
  });
  const kafka = createKafka(stack.config.kafka, logger);
  const ledger = await openLedgerStore();
  const billingTrace: Observers['billing'] = [];
  const lifecycle: Seen[] = [];
  const consumer: BillingConsumer = createBillingConsumer({
    kafka,
    store: tracing(ledger, billingTrace),
    logger,
    groupId: 'chaos-billing-reference',
    fromBeginning: true,
  });
  await consumer.start();
  const reader = await readLifecycle(kafka, lifecycle, logger);
  return {
    kafka,
    ledger,
    billing: billingTrace,
    lifecycle,
    stop: async () => {
      await Promise.allSettled([consumer.stop(), reader.stop()]);
      await ledger.close();
    },
  };
}
