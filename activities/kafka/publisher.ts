/**
 * Publishing to Kafka. A broker outage throws a retryable error (Temporal retries with backoff and the
 * workflow simply waits); an event that fails its schema is a bug, reported as non-retryable.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Producer } from 'kafkajs';
import { CloudEventSchema, type CloudEvent } from '../../domain/events/envelope';
import { topicName, type TopicKey } from '../../platform/topics';

export interface PublishRequest {
  topic: TopicKey;
  event: CloudEvent;
}

export interface KafkaActivityDeps {
  producer: Producer;
  topicPrefix?: string;
}

export function createKafkaActivities({ producer, topicPrefix = '' }: KafkaActivityDeps) {
  return {
    /** Publish one event; the event id is the de-duplication key for consumers. */
    async publishEvent(request: PublishRequest): Promise<void> {
      const checked = CloudEventSchema.safeParse(request.event);
      if (!checked.success) {
        const issue = checked.error.issues[0]!;
        throw ApplicationFailure.nonRetryable(
          `event ${request.event.type} is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
          'InvalidEvent',
        );
      }
      await producer.send({
        topic: topicName(request.topic, topicPrefix),
        acks: -1,
        messages: [
          {
            key: checked.data.subject,
            value: JSON.stringify(checked.data),
            headers: {
              ce_id: checked.data.id,
              ce_type: checked.data.type,
              'content-type': 'application/cloudevents+json',
            },
          },
        ],
      });
    },
  };
}
