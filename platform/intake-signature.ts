/**
 * Signed Kafka intake. Whoever can write to an intake topic could otherwise onboard contracts under any
 * sales system's name or book payments, so every onboarding request and billing/compliance fact carries
 * an Ed25519 signature by its producer's key, from the same key registry and roles as the API. The
 * registry holds only public keys, so the intake (like the API) keeps no secret.
 *
 * What is signed (the canonical bytes), exactly:
 *   "tco-intake-v1\n" + <key id> + "\n" + <topic name without any prefix> + "\n" + <message value bytes>
 * The value is signed as the bytes on the wire (no JSON re-serialisation, so no canonicalisation
 * ambiguity); the key id is bound so a signature cannot be re-attributed to another key, and the topic so
 * a fact cannot be replayed onto another intake topic. Headers: `tco_key_id` (the id) and
 * `tco_signature` (the 64-byte signature, base64url). Signatures prove origin and integrity, not
 * freshness: a replayed message is absorbed by the idempotency of requestId/paymentId/invoiceId.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { IntakeTopic } from '../domain/events/intake-facts';
import { ApiKeyIdSchema, type ApiKeyRecord, type Role } from './key-registry';
import { TOPICS } from './topics';

export const SIGNATURE_HEADERS = { keyId: 'tco_key_id', signature: 'tco_signature' } as const;

/**
 * Who may publish on which intake topic. Admin may onboard (as over the API) but books no money and
 * records no violation: those facts come only from the billing and compliance systems' own keys.
 */
export const INTAKE_PUBLISHER_ROLES: Record<IntakeTopic, readonly Role[]> = {
  onboardingRequests: ['sales', 'admin'],
  billingFacts: ['billing'],
  complianceFacts: ['compliance'],
};

const DOMAIN = 'tco-intake-v1';
const SECRET_PREFIX = 'tcosig_';
// PKCS#8 DER of an Ed25519 private key is this fixed prefix followed by the 32-byte seed (RFC 8410).
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SIGNATURE_BYTES = 64;

export function signingBytes(keyId: string, topic: IntakeTopic, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${DOMAIN}\n${keyId}\n${TOPICS[topic].name}\n`, 'utf8'), value]);
}

/** A new signing key for `keyId`: hand `secret` to the producer once; put `publicKey` in its record. */
export function generateSigningKey(keyId: string): { secret: string; publicKey: string } {
  ApiKeyIdSchema.parse(keyId);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length);
  return {
    secret: `${SECRET_PREFIX}${keyId}_${seed.toString('base64url')}`,
    publicKey: publicKey.export({ format: 'jwk' }).x!,
  };
}

export interface IntakeSigner {
  keyId: string;
  /** base64url public key, as in the key's registry record. */
  publicKey: string;
  sign(topic: IntakeTopic, value: Buffer): Record<string, string>;
}

/** A signer from a `tcosig_<id>_<seed>` secret (INTAKE_SIGNING_KEY); throws naming what is wrong. */
export function intakeSigner(secret: string): IntakeSigner {
  const rest = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : '';
  // Key ids have no underscore, base64url may: the first one ends the id.
  const cut = rest.indexOf('_');
  const keyId = rest.slice(0, Math.max(cut, 0));
  const encoded = rest.slice(cut + 1);
  if (cut <= 0 || !ApiKeyIdSchema.safeParse(keyId).success || !/^[A-Za-z0-9_-]{43}$/.test(encoded)) {
    throw new Error('signing key must be tcosig_<key id>_<43 base64url characters> (npm run api-key)');
  }
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(encoded, 'base64url')]),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    keyId,
    publicKey: createPublicKey(privateKey).export({ format: 'jwk' }).x!,
    sign: (topic, value) => ({
      [SIGNATURE_HEADERS.keyId]: keyId,
      [SIGNATURE_HEADERS.signature]: sign(null, signingBytes(keyId, topic, value), privateKey).toString(
        'base64url',
      ),
    }),
  };
}

export type IntakeAuthentication =
  | { ok: true; keyId: string; role: Role }
  /** `reason` is `unauthenticated: …` (no valid signature) or `forbidden: …` (a valid key, wrong role). */
  | { ok: false; reason: string };

export type IntakeVerifier = (
  topic: IntakeTopic,
  value: Buffer | null,
  headers: Record<string, unknown> | undefined,
) => IntakeAuthentication;

const refuse = (detail: string): IntakeAuthentication => ({
  ok: false,
  reason: `unauthenticated: ${detail}`,
});

/** One header as text; a repeated, missing or non-text header is absent (and refused by the caller). */
function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const raw = headers && Object.prototype.hasOwnProperty.call(headers, name) ? headers[name] : undefined;
  if (Buffer.isBuffer(raw)) return raw.toString('utf8');
  return typeof raw === 'string' ? raw : undefined;
}

/** Verify messages against the registry's signing keys and the topic's publisher roles. */
export function createIntakeVerifier(records: readonly ApiKeyRecord[]): IntakeVerifier {
  const byId = new Map(records.map((r) => [r.id, r]));
  const publicKeys = new Map<string, KeyObject>();
  const publicKeyOf = (record: ApiKeyRecord & { signingPublicKey: string }) => {
    let key = publicKeys.get(record.id);
    if (!key) {
      key = createPublicKey({
        key: { kty: 'OKP', crv: 'Ed25519', x: record.signingPublicKey },
        format: 'jwk',
      });
      publicKeys.set(record.id, key);
    }
    return key;
  };
  return (topic, value, headers) => {
    const keyId = header(headers, SIGNATURE_HEADERS.keyId);
    const signature = header(headers, SIGNATURE_HEADERS.signature);
    if (keyId === undefined || signature === undefined) {
      return refuse(
        `the message is not signed (one ${SIGNATURE_HEADERS.keyId} and one ${SIGNATURE_HEADERS.signature} header required)`,
      );
    }
    // The id is quoted in the reason only once it has the shape of an id (no control characters, bounded).
    if (!ApiKeyIdSchema.safeParse(keyId).success) return refuse(`${SIGNATURE_HEADERS.keyId} is not a key id`);
    const bytes = /^[A-Za-z0-9_-]{86}$/.test(signature) ? Buffer.from(signature, 'base64url') : undefined;
    if (bytes?.length !== SIGNATURE_BYTES) {
      return refuse(`${SIGNATURE_HEADERS.signature} must be a 64-byte Ed25519 signature in base64url`);
    }
    const record = byId.get(keyId);
    if (!record) return refuse(`key '${keyId}' is not in the key registry`);
    if (record.revoked) return refuse(`key '${keyId}' is revoked`);
    if (!record.signingPublicKey) return refuse(`key '${keyId}' has no signing key`);
    const signed = signingBytes(keyId, topic, value ?? Buffer.alloc(0));
    if (!verify(null, signed, publicKeyOf({ ...record, signingPublicKey: record.signingPublicKey }), bytes)) {
      return refuse(`the signature does not match the message and key '${keyId}'`);
    }
    const allowed = INTAKE_PUBLISHER_ROLES[topic];
    if (!allowed.includes(record.role)) {
      return {
        ok: false,
        reason: `forbidden: key '${keyId}' (role ${record.role}) may not publish to ${TOPICS[topic].name}; allowed: ${allowed.join(', ')}`,
      };
    }
    return { ok: true, keyId, role: record.role };
  };
}
