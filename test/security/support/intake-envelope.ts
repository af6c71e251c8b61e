/** The fuzz run's intake messages: their CloudEvent envelope and the key registry that signs them. */
import { randomUUID } from 'node:crypto';
import { intakeKeys } from '../../support/intake-keys';

/** One producer key per topic, plus keys that must not pass (wrong role, revoked, unknown). */
export const FUZZ_KEYS = intakeKeys('fuzz');

export function envelope(type: string, subject: string, data: unknown): Record<string, unknown> {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: 'urn:fuzz',
    type,
    subject,
    time: '2025-08-01T02:00:00+08:00',
    datacontenttype: 'application/json',
    data,
  };
}

export const json = (value: unknown) => Buffer.from(JSON.stringify(value));
