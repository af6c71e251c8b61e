/** The one way this system builds a Kafka producer for events. */
import type { Kafka, Producer } from 'kafkajs';

/**
 * Idempotent (the broker drops the producer's own retried duplicates), acks from all in-sync replicas
 * (kafkajs forces acks=-1 for idempotent producers), one request in flight so retries keep order within
 * a partition, and no auto-created topics: a missing topic is a deployment error, not a new topic.
 */
export function createEventProducer(kafka: Kafka): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}
