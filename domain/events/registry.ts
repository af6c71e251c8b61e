/**
 * Every event type on our topics in one list — published contract and system events, consumed intake
 * facts — for documentation and tooling. The per-kind modules stay the source of truth.
 */
import type { z } from 'zod';
import type { TopicKey } from '../../platform/topics';
import { CONTRACT_EVENTS, CONTRACT_EVENT_TYPES, routeEvent } from './catalogue';
import { INTAKE_FACTS, type IntakeFactType } from './intake-facts';
import { systemEvents, type SystemEventType } from './system';

export interface RegisteredEvent {
  type: string;
  topics: readonly TopicKey[];
  meaning: string;
  /** Schema of the CloudEvent `data`. */
  schema: z.ZodType;
  keyFields: readonly string[];
  /** From the orchestrator's point of view. */
  direction: 'publish' | 'consume';
}

export function registeredEvents(): RegisteredEvent[] {
  const contract = CONTRACT_EVENT_TYPES.map((type): RegisteredEvent => {
    const { meaning, schema, keyFields } = CONTRACT_EVENTS[type];
    return { type, topics: routeEvent(type), meaning, schema, keyFields, direction: 'publish' };
  });
  const intake = (Object.keys(INTAKE_FACTS) as IntakeFactType[]).map((type): RegisteredEvent => {
    const { topic, meaning, schema } = INTAKE_FACTS[type];
    return { type, topics: [topic], meaning, schema, keyFields: [], direction: 'consume' };
  });
  const system = (Object.keys(systemEvents) as SystemEventType[]).map((type): RegisteredEvent => {
    const { topic, meaning, schema } = systemEvents[type];
    return { type, topics: [topic], meaning, schema, keyFields: [], direction: 'publish' };
  });
  return [...contract, ...intake, ...system];
}
