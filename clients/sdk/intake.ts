/**
 * For systems that publish to the Kafka intake (sales onboarding, billing and compliance facts): build
 * the signed message the intake consumer accepts. The signature covers the exact value bytes, so the
 * value is serialised once here and sent as is.
 *   const signer = intakeSigner(process.env.INTAKE_SIGNING_KEY!);   // tcosig_<id>_… from npm run api-key
 *   await producer.send({ topic, messages: [signedIntakeMessage(signer, 'billingFacts', event)] });
 */
import type { Message } from 'kafkajs';
import type { IntakeTopic } from '../../domain/events/intake-facts';
import { intakeSigner, type IntakeSigner } from '../../platform/intake-signature';

export {
  generateSigningKey,
  INTAKE_PUBLISHER_ROLES,
  SIGNATURE_HEADERS,
  signingBytes,
} from '../../platform/intake-signature';
export { intakeSigner, type IntakeSigner };

/**
 * A Kafka message for `topic`, keyed by the event's subject (the contract number, which keeps one
 * contract's facts in order) unless `options.key` says otherwise, signed by `signer`. `event` is a
 * CloudEvent object or its JSON text (sent byte for byte as given).
 */
export function signedIntakeMessage(
  signer: IntakeSigner,
  topic: IntakeTopic,
  event: { subject: string; [field: string]: unknown } | string,
  options: { key?: string; headers?: Record<string, string> } = {},
): Message {
  const text = typeof event === 'string' ? event : JSON.stringify(event);
  const value = Buffer.from(text, 'utf8');
  const key = options.key ?? (typeof event === 'string' ? null : event.subject);
  return { key, value, headers: { ...options.headers, ...signer.sign(topic, value) } };
}
