/**
 * The contract event catalogue: every event the orchestrator publishes about a contract, one versioned
 * type each (`telecom.contract.<name>.v1`). Billing and other downstream systems build on these schemas,
 * so a change is a new version, never an edit. Pure module: workflow code imports it.
 */
import type { z } from 'zod';
import type { TopicKey } from '../../platform/topics';
import { billingEvents } from './catalogue/billing';
import type { EventSpec } from './catalogue/define';
import { provisioningEvents } from './catalogue/provisioning';
import { qualificationEvents } from './catalogue/qualification';
import { serviceEvents } from './catalogue/service';
import { termEvents } from './catalogue/term';
import { CloudEventSchema, type CloudEvent } from './envelope';

export const CONTRACT_EVENTS = {
  ...qualificationEvents,
  ...provisioningEvents,
  ...billingEvents,
  ...serviceEvents,
  ...termEvents,
} as const satisfies Record<string, EventSpec>;

export type ContractEventType = keyof typeof CONTRACT_EVENTS;
export type ContractEventData<T extends ContractEventType> = z.infer<(typeof CONTRACT_EVENTS)[T]['schema']>;
export type ContractCloudEvent<T extends ContractEventType> = CloudEvent<ContractEventData<T>> & { type: T };
/** Discriminated on `type`: narrowing the type narrows `data`. */
export type ContractEvent = { [T in ContractEventType]: ContractCloudEvent<T> }[ContractEventType];
/** Any contract event, not narrowed: what generic code (`emit<T>(type, data)`) can pass on. */
export type AnyContractEvent = ContractCloudEvent<ContractEventType>;

export const CONTRACT_EVENT_TYPES = Object.keys(CONTRACT_EVENTS) as ContractEventType[];

/** type → data schema. */
export const ContractEventSchemas = Object.fromEntries(
  CONTRACT_EVENT_TYPES.map((type) => [type, CONTRACT_EVENTS[type].schema]),
) as { [T in ContractEventType]: (typeof CONTRACT_EVENTS)[T]['schema'] };

export function isContractEventType(type: string): type is ContractEventType {
  return Object.prototype.hasOwnProperty.call(CONTRACT_EVENTS, type);
}

export type ContractTopic = Extract<TopicKey, 'lifecycle' | 'billing'>;

/** Every contract event goes to `lifecycle`; the ones billing acts on also go to `billing`. */
export function routeEvent(type: ContractEventType): readonly ContractTopic[] {
  return CONTRACT_EVENTS[type].billing ? ['lifecycle', 'billing'] : ['lifecycle'];
}

// Building an event needs none of the schemas above: it lives apart so workflow code, which builds
// events for every contract it caches, does not evaluate the whole catalogue (see build-event.ts).
import { eventSchemaUri } from './build-event';
export { buildEvent, eventSchemaUri, type EventMeta } from './build-event';

export interface EventProblem {
  /** Dotted path from the event root, e.g. `data.productOrderItem.0.unitPriceFen`. */
  path: string;
  message: string;
}

export type EventCheck<E> = { ok: true; event: E } | { ok: false; problems: EventProblem[] };

function problemsOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): EventProblem[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path].map(String).join('.') || '(root)',
    message: i.message,
  }));
}

/** Envelope only (for event types outside the contract catalogue, e.g. the wiring check). */
export function checkEnvelope(event: unknown): EventCheck<CloudEvent> {
  const parsed = CloudEventSchema.safeParse(event);
  return parsed.success
    ? { ok: true, event: parsed.data }
    : { ok: false, problems: problemsOf(parsed.error) };
}

/** Envelope, catalogue type, data schema, and the envelope/data agreeing on the contract. */
export function checkContractEvent(event: unknown): EventCheck<ContractEvent> {
  const envelope = checkEnvelope(event);
  if (!envelope.ok) return envelope;
  const { type, subject, data, dataschema } = envelope.event;
  if (!isContractEventType(type)) {
    return { ok: false, problems: [{ path: 'type', message: `unknown contract event type ${type}` }] };
  }
  const parsed = ContractEventSchemas[type].safeParse(data);
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error, ['data']) };
  const problems: EventProblem[] = [];
  if (parsed.data.contractNo !== subject) {
    problems.push({ path: 'subject', message: `must equal data.contractNo (${parsed.data.contractNo})` });
  }
  if (dataschema !== undefined && dataschema !== eventSchemaUri(type)) {
    problems.push({ path: 'dataschema', message: `must be ${eventSchemaUri(type)}` });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, event: { ...envelope.event, data: parsed.data } as ContractEvent };
}
