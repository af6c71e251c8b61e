/**
 * Intake producer keys for tests: one signing key per publishing role, minted fresh per test file (as
 * `npm run api-key` mints them), the verifier the intake builds from their registry records, and a
 * helper that signs a message value the way a producer would.
 */
import { randomUUID } from 'node:crypto';
import { generateApiKey } from '../../clients/api/keys';
import type { IntakeTopic } from '../../domain/events/intake-facts';
import {
  createIntakeVerifier,
  generateSigningKey,
  intakeSigner,
  type IntakeSigner,
} from '../../platform/intake-signature';
import type { ApiKeyRecord, Role } from '../../platform/key-registry';

export interface TestKey {
  record: ApiKeyRecord;
  signer: IntakeSigner;
}

export function mintKey(id: string, role: Role, extra: Partial<ApiKeyRecord> = {}): TestKey {
  const signing = generateSigningKey(id);
  return {
    record: { ...generateApiKey(id, role).record, signingPublicKey: signing.publicKey, ...extra },
    signer: intakeSigner(signing.secret),
  };
}

/** Keys with ids unique to this run, so no other test's registry knows them. */
export function intakeKeys(tag = randomUUID().slice(0, 8)) {
  const keys = {
    sales: mintKey(`crm-${tag}`, 'sales'),
    otherSales: mintKey(`crm-other-${tag}`, 'sales'),
    billing: mintKey(`billing-${tag}`, 'billing'),
    compliance: mintKey(`compliance-${tag}`, 'compliance'),
    revoked: mintKey(`billing-old-${tag}`, 'billing', { revoked: true }),
    /** Valid signatures, but not in the registry. */
    stranger: mintKey(`stranger-${tag}`, 'billing'),
  };
  const registry = [keys.sales, keys.otherSales, keys.billing, keys.compliance, keys.revoked].map(
    (k) => k.record,
  );
  return { ...keys, registry, authenticate: createIntakeVerifier(registry) };
}

/** The signer a well-behaved producer of `topic` would use. */
export function producerFor(keys: ReturnType<typeof intakeKeys>, topic: IntakeTopic): IntakeSigner {
  if (topic === 'onboardingRequests') return keys.sales.signer;
  return topic === 'billingFacts' ? keys.billing.signer : keys.compliance.signer;
}

/** Headers as the broker hands them to a consumer (Buffers). */
export function signedHeaders(signer: IntakeSigner, topic: IntakeTopic, value: Buffer | null) {
  return Object.fromEntries(
    Object.entries(signer.sign(topic, value ?? Buffer.alloc(0))).map(([k, v]) => [k, Buffer.from(v)]),
  );
}
