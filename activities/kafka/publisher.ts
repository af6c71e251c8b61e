/**
 * Publishing events to Kafka. A broker outage throws a retryable error (Temporal retries with backoff and
 * the workflow simply waits); an event that fails its schema is a bug, reported as non-retryable
 * `InvalidEvent` naming the field. The event id is the consumers' de-duplication key, so a retried
 * publish that lands twice is harmless.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Message, Producer, TopicMessages } from 'kafkajs';
import { coalescingSender, type SendTopicMessages } from './coalescing-sender';
import { withTraceContext } from './trace-context';
import {
  checkContractEvent,
  checkEnvelope,
  isContractEventType,
  routeEvent,
  type AnyContractEvent,
  type ContractEvent,
  type EventProblem,
} from '../../domain/events/catalogue';
import type { CloudEvent } from '../../domain/events/envelope';
import { isSystemEventType, systemEvents } from '../../domain/events/system';
import type { CounterLike, EventLabel } from '../../platform/observability/metrics';
import { topicName, type TopicKey } from '../../platform/topics';

export interface PublishRequest {
  /** Required for events outside the contract catalogue; contract events are routed by type. */
  topic?: TopicKey;
  event: CloudEvent;
}

export interface KafkaActivityDeps {
  producer: Producer;
  topicPrefix?: string;
  /** tco_events_published_total: counted per event and topic once the broker acknowledged. */
  eventsPublished?: CounterLike<EventLabel>;
}

function invalid(event: { type?: unknown; id?: unknown }, problems: EventProblem[]): ApplicationFailure {
  const where = problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return ApplicationFailure.create({
    message: `event ${String(event.type)} (${String(event.id)}) is invalid at ${where}`,
    type: 'InvalidEvent',
    nonRetryable: true,
    details: problems,
  });
}

function toMessage(event: CloudEvent): Message {
  const headers: Message['headers'] = {
    ce_id: event.id,
    ce_type: event.type,
    'content-type': 'application/cloudevents+json',
  };
  // The tracing extension's binary-mode names too, so a consumer can continue the trace from the
  // headers without parsing the value.
  if (event.traceparent) headers.ce_traceparent = event.traceparent;
  if (event.tracestate) headers.ce_tracestate = event.tracestate;
  return { key: event.subject, value: JSON.stringify(event), headers };
}

function contractTopics(event: ContractEvent, requested: TopicKey | undefined): readonly TopicKey[] {
  const routes = routeEvent(event.type);
  // An explicit topic is accepted only when it agrees with the routing, so no caller can keep a
  // billing-relevant event off the billing topic.
  if (requested !== undefined && !(routes as readonly TopicKey[]).includes(requested)) {
    throw invalid(event, [
      { path: 'topic', message: `${event.type} goes to ${routes.join(' and ')}, not ${requested}` },
    ]);
  }
  return routes;
}

function otherTopics(event: CloudEvent, requested: TopicKey | undefined): readonly TopicKey[] {
  if (event.type.startsWith('telecom.contract.')) {
    throw invalid(event, [{ path: 'type', message: `unknown contract event type ${event.type}` }]);
  }
  if (isSystemEventType(event.type)) {
    const parsed = systemEvents[event.type].schema.safeParse(event.data);
    if (!parsed.success) {
      throw invalid(
        event,
        parsed.error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message })),
      );
    }
  }
  if (requested === undefined) {
    throw invalid(event, [{ path: 'topic', message: 'required for events outside the contract catalogue' }]);
  }
  return [requested];
}

/** Validate and address an event: the Kafka messages to send, or an `InvalidEvent` failure. */
export function planPublish({ topic, event }: PublishRequest, topicPrefix = ''): TopicMessages[] {
  // What was validated is sent as built (not the parsed copy), so the bytes are the workflow's own.
  let topics: readonly TopicKey[];
  // A contract event's check includes the envelope's: checking it first as well would parse it twice.
  const type: unknown = typeof event === 'object' && event !== null ? event.type : undefined;
  if (typeof type === 'string' && isContractEventType(type)) {
    const contract = checkContractEvent(event);
    if (!contract.ok) throw invalid(event, contract.problems);
    topics = contractTopics(contract.event, topic);
  } else {
    const envelope = checkEnvelope(event);
    if (!envelope.ok) throw invalid(event, envelope.problems);
    topics = otherTopics(envelope.event, topic);
  }
  const message = toMessage(event);
  return topics.map((key) => ({ topic: topicName(key, topicPrefix), messages: [message] }));
}

async function send(sendTopicMessages: SendTopicMessages, topicMessages: TopicMessages[]): Promise<void> {
  try {
    await sendTopicMessages(topicMessages);
  } catch (err) {
    const cause = err instanceof Error ? err : new Error(String(err));
    throw ApplicationFailure.create({
      message: `Kafka publish failed (${topicMessages.map((t) => t.topic).join(', ')}): ${cause.message}`,
      type: 'KafkaPublishFailed',
      nonRetryable: false,
      cause,
    });
  }
}

export function createKafkaActivities({ producer, topicPrefix = '', eventsPublished }: KafkaActivityDeps) {
  // Publishes running at once on this worker share producer requests (see coalescing-sender.ts).
  const sendTopicMessages = coalescingSender(producer);
  // After the send resolved, i.e. the broker acknowledged: a failed attempt is not counted, a retried
  // one that lands is (once per attempt that the broker took, as Kafka then holds it).
  const publish = async (event: CloudEvent, plan: TopicMessages[]) => {
    await send(sendTopicMessages, plan);
    for (const { topic } of plan) eventsPublished?.inc({ type: event.type, topic });
  };
  return {
    /** Publish any event; contract events go to every topic their type routes to. */
    async publishEvent(request: PublishRequest): Promise<void> {
      const event = withTraceContext(request.event);
      await publish(event, planPublish({ ...request, event }, topicPrefix));
    },

    /** Publish a contract event to the topics its type routes to (lifecycle, and billing if it matters there). */
    async publishContractEvent(event: AnyContractEvent): Promise<void> {
      const traced = withTraceContext(event);
      await publish(traced, planPublish({ event: traced }, topicPrefix));
    },
  };
}
