/** Events outside the contract catalogue that the system itself publishes (not about a contract). */
import { z } from 'zod';

export const systemEvents = {
  'telecom.system.wiring-checked.v1': {
    meaning: 'Smoke test: a worker published through Temporal to Kafka (npm run demo, the wiring test).',
    topic: 'system',
    schema: z.object({ checkId: z.string().min(1), workflowId: z.string().min(1) }).strict(),
  },
} as const;

export type SystemEventType = keyof typeof systemEvents;

export function isSystemEventType(type: string): type is SystemEventType {
  return Object.prototype.hasOwnProperty.call(systemEvents, type);
}
