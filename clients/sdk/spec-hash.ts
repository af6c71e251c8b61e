/**
 * The identity of a contract's terms: sha256 of the canonical JSON (keys sorted at every level) of the
 * *parsed* ContractSpec. Parsing first fills the defaults, so a spec that leaves a default clause out
 * and one that spells the default hashes the same; key order and whitespace never matter.
 */
import { createHash } from 'node:crypto';
import type { ContractSpec } from '../../domain/contract-spec';

/** JSON with object keys sorted; `undefined` members are dropped as JSON.stringify drops them. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hex sha256 of the canonical JSON of a parsed spec (see parseContractSpec). */
export function specHash(spec: ContractSpec): string {
  return createHash('sha256').update(canonicalJson(spec), 'utf8').digest('hex');
}
