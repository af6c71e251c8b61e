/** The identity of a contract's terms: key order, whitespace and spelled-out defaults do not change it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, specHash } from '../../../clients/sdk/spec-hash';
import { assertContractSpec } from '../../../domain/contract-spec';

const raw = JSON.parse(
  readFileSync(join(__dirname, '../../../contracts/XJJCF2400252EGN00.json'), 'utf8'),
) as Record<string, unknown>;

const reversedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(reversedKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reversedKeys(v)]),
        )
      : value;

test('canonical JSON sorts keys at every level, keeps array order, drops undefined members', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, 1], c: undefined, b: null } })).toBe(
    '{"a":{"b":null,"d":[2,1]},"b":1}',
  );
  expect(canonicalJson([undefined, 'x'])).toBe('[null,"x"]');
});

test('the same terms hash the same whatever the key order; a changed figure changes the hash', () => {
  const spec = assertContractSpec(raw);
  const hash = specHash(spec);
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(specHash(assertContractSpec(reversedKeys(raw)))).toBe(hash);
  // Parsing fills defaults: a spec that spells them out is the same contract.
  expect(specHash(assertContractSpec(JSON.parse(JSON.stringify(spec))))).toBe(hash);
  const lineItems = spec.lineItems.map((l, i) => (i === 0 ? { ...l, unitPriceFen: l.unitPriceFen + 1 } : l));
  expect(specHash({ ...spec, lineItems })).not.toBe(hash);
});
