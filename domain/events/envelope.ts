/**
 * The envelope every event travels in: CloudEvents 1.0, structured JSON mode (the whole event is the
 * Kafka value). Structured mode keeps an event self-describing when it is copied out of Kafka
 * (dead-letter, audit export, replays) and lets consumers validate one JSON document; the Kafka key is
 * the contract number (`subject`) so one contract's events stay in order on one partition.
 */
import { z } from 'zod';
import { safeText } from '../text';

export const EVENT_SOURCE = 'urn:telecom-contract-orchestrator';

/** W3C trace context `traceparent`, version 00 (https://www.w3.org/TR/trace-context/#traceparent-header). */
export const TRACEPARENT_PATTERN = /^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

export const CloudEventSchema = z
  .object({
    specversion: z.literal('1.0'),
    /** Generated in the workflow (deterministic), so a retried publish carries the same id. */
    id: safeText(200),
    source: safeText(200),
    /** Reverse-DNS style with version suffix, e.g. `telecom.contract.billing-started.v1`. */
    type: z.string().regex(/^[a-z0-9]+(\.[a-z0-9-]+)+\.v\d+$/, 'must look like domain.name.vN'),
    /** The contract number. */
    subject: safeText(200),
    time: z.iso.datetime({ offset: true }),
    datacontenttype: z.literal('application/json'),
    dataschema: safeText(300).optional(),
    data: z.record(z.string(), z.unknown()),
    /**
     * CloudEvents distributed-tracing extension: the span that published the event (set by the
     * publisher when tracing is on, never by the workflow), so a consumer continues the trace.
     */
    traceparent: z.string().regex(TRACEPARENT_PATTERN, 'must be a W3C traceparent (version 00)').optional(),
    /** Vendor trace state that goes with `traceparent` (W3C tracestate), when there is any. */
    tracestate: z
      .string()
      .regex(/^[\x20-\x7e]{1,512}$/, 'must be 1 to 512 printable ASCII characters (W3C tracestate)')
      .optional(),
  })
  .strict();

export type CloudEvent<T extends Record<string, unknown> = Record<string, unknown>> = Omit<
  z.infer<typeof CloudEventSchema>,
  'data'
> & { data: T };
