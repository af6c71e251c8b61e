/**
 * Hostile values shared by the fuzz suites: wrong types, huge strings, odd unicode, negative or
 * fractional money, impossible dates, prototype-pollution keys. Each fuzz suite combines them with its
 * own valid baseline and knows which replacements must be refused.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** Inputs per family; `npm run chaos` raises it (FUZZ_RUNS), npm test keeps the default. */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1000) || 1000);
/** Fixed unless FUZZ_SEED is set, so a failure in CI can be replayed; printed in the report. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_240_603);

export const CONTRACTS_DIR = join(__dirname, '../../../contracts');

export function loadSeeds(): Array<Record<string, unknown> & { contractNo: string }> {
  return readdirSync(CONTRACTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(CONTRACTS_DIR, f), 'utf8')) as never);
}

/**
 * Every contact value of the seed contracts (names, phones, fax, e-mails, addresses): personal data.
 * A value the contract also gives as an organisation's own (a notice address that is the customer's
 * office) is the organisation's, not a person's, and may appear.
 */
export function seedPersonalData(): string[] {
  const seeds = loadSeeds();
  const organisational = JSON.stringify(seeds.map((s) => s.parties));
  const values = seeds.flatMap((seed) =>
    ((seed.contacts as Array<Record<string, string>>) ?? []).flatMap((c) =>
      Object.entries(c)
        .filter(([field]) => field !== 'role' && field !== 'postcode')
        .map(([, value]) => value),
    ),
  );
  return [...new Set(values)].filter((v) => !organisational.includes(v));
}

/** A string of `n` characters (a megabyte takes a few ms, so keep it for the "huge" cases). */
const huge = fc.integer({ min: 2_001, max: 300_000 }).map((n) => 'x'.repeat(n));

export const hostileString = fc.oneof(
  fc.constant(''),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\u202e\u0041', '𝕏💣🀄', 'ß\u0301', '\ud800', '刘强 15009083897', '\r\n\t'),
  fc.constantFrom('<script>alert(1)</script>', "' OR 1=1 --", '${jndi:ldap://x}', '../../etc/passwd'),
  huge,
);

export const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 3 }),
);

/** Money that is never valid fen: negative, fractional, not a number, beyond exact integers. */
export const badMoney = fc.oneof(
  fc.integer({ min: -1e12, max: -1 }),
  fc.double({ min: 0.001, max: 1e6, noInteger: true }),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, -0.5, 2 ** 53 + 2, 1e20, '100', '27540.00', null),
);

/** Dates that are not a calendar day in YYYY-MM-DD form. */
export const badDate = fc.oneof(
  fc.constantFrom(
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-06-31',
    '99999-01-01',
    '-0001-01-01',
    '2024-6-3',
    '20240603',
    '2024-06-03T00:00:00Z',
    '2024/06/03',
    '',
  ),
  fc.integer({ min: -8.64e15, max: 8.64e15 }),
  fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toString())),
);

/** Keys that must never be honoured as fields (prototype pollution, unknown fields). */
export const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'contacts', 'phone', '$where'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Objects may not grow keys by accident: `{...o, __proto__: x}` would not, so define it explicitly. */
export function withKey(target: Record<string, unknown>, key: string, value: unknown) {
  const copy = { ...target };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

export function withoutKey(target: Record<string, unknown>, key: string) {
  const copy = { ...target };
  delete copy[key];
  return copy;
}
