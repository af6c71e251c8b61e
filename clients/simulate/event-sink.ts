/**
 * Kafka stand-in for a simulation: implements the part of the kafkajs Producer the real publisher
 * activity uses (send, sendBatch), so every event still goes through the publisher's schema check and
 * topic routing, and keeps the lifecycle topic's events in publish order. Like a consumer, it drops a
 * redelivered event by id (a retried publish may land twice).
 */
import type { Producer, ProducerBatch, ProducerRecord, RecordMetadata } from 'kafkajs';
import type { ContractEvent } from '../../domain/events/catalogue';
import { topicName } from '../../platform/topics';

export class EventSink {
  readonly events: ContractEvent[] = [];
  private readonly seen = new Set<string>();
  private readonly lifecycleTopic: string;

  constructor(topicPrefix = '') {
    this.lifecycleTopic = topicName('lifecycle', topicPrefix);
  }

  producer(): Producer {
    const send = (record: ProducerRecord): Promise<RecordMetadata[]> => {
      if (record.topic === this.lifecycleTopic) {
        for (const message of record.messages) this.record(String(message.value));
      }
      return Promise.resolve([]);
    };
    const surface: Pick<Producer, 'send' | 'sendBatch' | 'connect' | 'disconnect'> = {
      send,
      sendBatch: async (batch: ProducerBatch) => {
        for (const tm of batch.topicMessages ?? []) await send(tm);
        return [];
      },
      connect: () => Promise.resolve(),
      disconnect: () => Promise.resolve(),
    };
    // The publisher calls nothing else; the cast keeps the rest of the kafkajs surface out of the way.
    return surface as Producer;
  }

  private record(value: string): void {
    const event = JSON.parse(value) as ContractEvent;
    if (this.seen.has(event.id)) return;
    this.seen.add(event.id);
    this.events.push(event);
  }
}
