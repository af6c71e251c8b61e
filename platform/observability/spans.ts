/**
 * CONSUMER spans for our Kafka consumers (intake, billing), continuing the producer's trace: the
 * parent is the W3C trace context the message carries — the CloudEvent's `traceparent` extension
 * attribute, its binary-mode header `ce_traceparent`, or a plain `traceparent` header. A message
 * without one (or with a malformed one, which the propagator ignores) starts a new trace.
 *
 * Attributes follow the OpenTelemetry messaging and CloudEvents conventions (the incubating names are
 * written out, as the conventions package advises): topic, partition, offset, consumer group, event
 * type and id, the subject (the contract number; fine in spans, never in metric labels). Never the
 * value, never a personal field.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { activeTracing } from './tracing';

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** A header's text (kafkajs gives Buffers, strings or lists of them). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first === undefined ? undefined : first.toString();
}

/** The trace context in a message's headers: CloudEvents binary-mode names first, then plain W3C. */
export function headerCarrier(headers: IHeaders | undefined): TraceCarrier {
  const traceparent = headerText(headers, 'ce_traceparent') ?? headerText(headers, 'traceparent');
  if (!traceparent) return {};
  const tracestate = headerText(headers, 'ce_tracestate') ?? headerText(headers, 'tracestate');
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

export interface ConsumerMessage {
  topic: string;
  partition: number;
  offset: string;
  groupId: string;
}

export const messagingAttributes = (m: ConsumerMessage): Attributes => ({
  'messaging.system': 'kafka',
  'messaging.operation.type': 'process',
  'messaging.destination.name': m.topic,
  'messaging.destination.partition.id': String(m.partition),
  'messaging.kafka.offset': Number(m.offset),
  'messaging.consumer.group.name': m.groupId,
});

/** The CloudEvent's type, id and subject as our publisher heads a message (absent ones left out). */
export function cloudEventAttributes(headers: IHeaders | undefined, key: Buffer | string | null): Attributes {
  const attributes: Attributes = {};
  const type = headerText(headers, 'ce_type');
  const id = headerText(headers, 'ce_id');
  if (type) attributes['cloudevents.event_type'] = type;
  if (id) attributes['cloudevents.event_id'] = id;
  // The key is the contract number (subject) on our topics.
  if (key) attributes['cloudevents.event_subject'] = key.toString();
  return attributes;
}

/**
 * Runs `fn` in a CONSUMER span named `process <topic>`, child of the carrier's context, active while
 * `fn` runs (so a Temporal call it makes joins the trace). Tracing off: just `fn`, nothing else.
 */
export async function inConsumerSpan<T>(
  message: ConsumerMessage,
  carrier: () => TraceCarrier,
  fn: (span: Span | undefined) => Promise<T>,
): Promise<T> {
  const tracing = activeTracing();
  if (!tracing) return fn(undefined);
  const parent = propagation.extract(ROOT_CONTEXT, carrier());
  const span = tracing.tracer.startSpan(
    `process ${message.topic}`,
    { kind: SpanKind.CONSUMER, attributes: messagingAttributes(message) },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (err) {
    // The same error text the consumer logs (no message values in it).
    span.recordException(err as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
    throw err;
  } finally {
    span.end();
  }
}
