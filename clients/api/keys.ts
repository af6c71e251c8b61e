/**
 * API keys: `tco_<id>_<secret>`, the secret 32 random bytes (base64url). The server keeps only the
 * record {id, role, sha256 of the whole key}: the id in the key finds the record without storing the
 * key, and the hash proves the key.
 *
 * Why a fast hash (sha256) and not bcrypt/scrypt: those slow hashes protect *guessable* passwords
 * against brute force. A key carries 256 bits of randomness, so guessing the key from a leaked hash
 * is infeasible with any hash, and a slow hash would only cost CPU on every request.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../sdk/api-contract';
import { ApiKeyIdSchema, type ApiKeyRecord } from '../../platform/key-registry';

export type { ApiKeyRecord } from '../../platform/key-registry';

const PREFIX = 'tco_';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Mint a key for `id` with `role`: hand `key` to the caller once, put `record` in the configuration. */
export function generateApiKey(id: string, role: Role): { key: string; record: ApiKeyRecord } {
  ApiKeyIdSchema.parse(id);
  const key = `${PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
  return { key, record: { id, role, sha256: sha256Hex(key) } };
}

/** Where records are looked up: the configured list, or any store with the same lookup. */
export interface ApiKeyStore {
  find(id: string): ApiKeyRecord | undefined;
}

export function keyStoreOf(records: ApiKeyRecord[] | ApiKeyStore): ApiKeyStore {
  if (!Array.isArray(records)) return records;
  const byId = new Map(records.map((r) => [r.id, r]));
  return { find: (id) => byId.get(id) };
}

/** The id part of a well-formed key (the part before the secret), or undefined. */
export function keyIdOf(key: string): string | undefined {
  if (!key.startsWith(PREFIX)) return undefined;
  const rest = key.slice(PREFIX.length);
  const cut = rest.indexOf('_');
  return cut > 0 && cut < rest.length - 1 ? rest.slice(0, cut) : undefined;
}

export type KeyCheck =
  | { ok: true; record: ApiKeyRecord }
  | { ok: false; reason: 'malformed' | 'unknown' | 'mismatch' | 'revoked'; keyId?: string };

/** Check a presented key against the store; the comparison takes the same time wherever it differs. */
export function verifyApiKey(key: string, store: ApiKeyStore): KeyCheck {
  const keyId = keyIdOf(key);
  if (!keyId) return { ok: false, reason: 'malformed' };
  const record = store.find(keyId);
  const presented = Buffer.from(sha256Hex(key), 'hex');
  // An unknown id still costs one comparison, so timing does not tell which ids exist.
  const expected = Buffer.from(record?.sha256 ?? '0'.repeat(64), 'hex');
  const matches = timingSafeEqual(presented, expected);
  if (!record) return { ok: false, reason: 'unknown', keyId };
  if (!matches) return { ok: false, reason: 'mismatch', keyId };
  if (record.revoked) return { ok: false, reason: 'revoked', keyId };
  return { ok: true, record };
}
