/**
 * The CloudEvents distributed-tracing extension on what we publish: `traceparent` (and `tracestate`
 * when there is one) of the active span — the publish activity's RunActivity span — so the billing
 * consumer and any other reader continue the trace. No active span (tracing off, or a caller outside
 * any trace) leaves the event as the workflow built it, byte for byte.
 */
import { context, isSpanContextValid, propagation, trace } from '@opentelemetry/api';
import type { CloudEvent } from '../../domain/events/envelope';

export interface TraceContextAttributes {
  traceparent?: string;
  tracestate?: string;
}

/** The W3C trace context of the active span, or nothing when no valid span is active. */
export function activeTraceContext(): TraceContextAttributes {
  const active = context.active();
  const span = trace.getSpan(active);
  if (!span || !isSpanContextValid(span.spanContext())) return {};
  const carrier: Record<string, string> = {};
  // The registered propagator (W3C trace context when tracing is on) writes the header values.
  propagation.inject(active, carrier);
  const { traceparent, tracestate } = carrier;
  if (!traceparent) return {};
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** The event with the active trace context as extension attributes (the same object when there is none). */
export function withTraceContext<E extends CloudEvent>(event: E): E {
  // Not an event at all: left for the publisher's check to refuse as it is.
  if (typeof event !== 'object' || event === null) return event;
  const attributes = activeTraceContext();
  return attributes.traceparent ? { ...event, ...attributes } : event;
}
