/**
 * The envelope every event travels in: CloudEvents 1.0, structured JSON mode (the whole event is the
 * Kafka value). Structured mode keeps an event self-describing when it is copied out of Kafka
 * (dead-letter, audit export, replays) and lets consumers validate one JSON document; the Kafka key is
 * the contract number (`subject`) so one contract's events stay in order on one partition.
 */
import { z } from 'zod';
import { safeText } from '../text';

export const EVENT_SOURCE = 'urn:telecom-contract-orchestrator';

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
  })
  .strict();

export type CloudEvent<T extends Record<string, unknown> = Record<string, unknown>> = Omit<
  z.infer<typeof CloudEventSchema>,
  'data'
> & { data: T };
