/**
 * What the outside world sees of the contracts: the reference billing consumer (clients/billing-consumer,
 * booking into its in-memory ledger) and a lifecycle-topic reader. Both note when each event arrived,
 * so the driver can wait for "billing started as seen by billing" and the report can give event lag
 * (event time, i.e. the workflow's state change → consumer).
 */
import type { Consumer } from 'kafkajs';
import { createBillingConsumer, type BillingConsumer } from '../../clients/billing-consumer/consumer';
import { openLedgerStore, type LedgerStore } from '../../clients/billing-consumer/store';
import type { ContractEvent } from '../../domain/events/catalogue';
import { topicName } from '../../platform/topics';
import type { BenchInfra } from '../infra';

type Waiter = (event: ContractEvent) => void;

/** Events seen per contract and type, with waiters for the ones not seen yet. */
class Sightings {
  private readonly seen = new Map<string, ContractEvent>();
  private readonly waiters = new Map<string, Waiter[]>();
  readonly lagMs: number[] = [];

  note(event: ContractEvent): void {
    this.lagMs.push(Date.now() - Date.parse(event.time));
    const key = `${event.subject}|${event.type}`;
    if (this.seen.has(key)) return;
    this.seen.set(key, event);
    for (const wake of this.waiters.get(key) ?? []) wake(event);
    this.waiters.delete(key);
  }

  next(contractNo: string, type: string): Promise<ContractEvent> {
    const key = `${contractNo}|${type}`;
    const found = this.seen.get(key);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.set(key, [...(this.waiters.get(key) ?? []), resolve]));
  }

  reset(): void {
    this.lagMs.length = 0;
  }
}

export class EventObserver {
  readonly billing = new Sightings();
  readonly lifecycle = new Sightings();
  private billingConsumer?: BillingConsumer;
  private lifecycleConsumer?: Consumer;
  private ledger?: LedgerStore;

  constructor(private readonly infra: BenchInfra) {}

  async start(): Promise<void> {
    const ledger = await openLedgerStore();
    this.ledger = ledger;
    // The reference consumer books every event; the wrapper only notes when it did.
    const noting: LedgerStore = {
      record: async (event) => {
        const outcome = await ledger.record(event);
        this.billing.note(event);
        return outcome;
      },
      exportContract: (no) => ledger.exportContract(no),
      close: () => ledger.close(),
    };
    const { kafka, logger, config, runId } = this.infra;
    this.billingConsumer = createBillingConsumer({
      kafka,
      store: noting,
      logger,
      groupId: `bench-billing-${runId}`,
      topicPrefix: config.kafka.topicPrefix,
    });
    await this.billingConsumer.start();
    this.lifecycleConsumer = kafka.consumer({ groupId: `bench-lifecycle-${runId}` });
    await this.lifecycleConsumer.connect();
    await this.lifecycleConsumer.subscribe({
      topic: topicName('lifecycle', config.kafka.topicPrefix),
      fromBeginning: true,
    });
    await this.lifecycleConsumer.run({
      partitionsConsumedConcurrently: 6,
      eachMessage: async ({ message }) => {
        this.lifecycle.note(JSON.parse(String(message.value)) as ContractEvent);
      },
    });
    await this.billingConsumer.ready();
  }

  async stop(): Promise<void> {
    await this.billingConsumer?.stop();
    await this.lifecycleConsumer?.disconnect();
    await this.ledger?.close();
  }
}
