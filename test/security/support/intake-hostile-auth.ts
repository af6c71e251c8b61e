/**
 * Hostile intake messages of issue #15: who signs (nobody, a stranger, a revoked key, the wrong role,
 * a forger who edits a signed message), garbage signature headers, a requestedBy naming another sales
 * system, money that overflows when summed, and control characters in text. All of them must end on
 * the dead-letter topic (or, for text the schema may allow, as a valid fact) — never stall the intake.
 */
import fc from 'fast-check';
import { SIGNATURE_HEADERS } from '../../../platform/intake-signature';
import { signedHeaders } from '../../support/intake-keys';
import type { Family, Mutation } from './intake-cases';
import { envelope, FUZZ_KEYS, json } from './intake-envelope';

/** The kinds of issue #15's hostile messages, from a case label (for the figures). */
export function hostileKind(label: string): string | undefined {
  const kinds: Array<[RegExp, string]> = [
    [/^unsigned$/, 'unsigned'],
    [/^signed by role /, 'wrong role'],
    [/^signed by a key not in the registry$/, 'unknown key'],
    [/^signed by a revoked key$/, 'revoked key'],
    [/^value changed after signing$/, 'forged (changed after signing)'],
    [/^(garbage|repeated) /, 'garbage headers'],
    [/^requestedBy another sales system$/, 'forged requestedBy'],
    [/^every line item at /, 'overflowing sums'],
    [/Fen = \d+ \(huge\)$/, 'huge amounts'],
    [/ with control characters$/, 'control characters'],
  ];
  return kinds.find(([pattern]) => pattern.test(label))?.[1];
}

const asReceived = (headers: Record<string, string | string[]>) =>
  Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.map((x) => Buffer.from(x)) : Buffer.from(v),
    ]),
  );

/** Header values an attacker might send: random text and bytes, repeated headers, huge values. */
const garbageHeaderValue = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom('', ' ', '\u0000', '\u001b[2Jcrm', 'crm-fuzz\u202e', '\ud800', 'a'.repeat(100_000)),
  fc.base64String({ minLength: 86, maxLength: 88 }),
);

export function authMutations(f: Family, no: string, data: Record<string, unknown>): Mutation[] {
  const value = json(envelope(f.type, no, data));
  const refused = (label: string, headers: Record<string, unknown>, v = value) => ({
    label,
    value: v,
    headers,
    expect: 'refused' as const,
  });
  const wrongRole = [FUZZ_KEYS.sales, FUZZ_KEYS.billing, FUZZ_KEYS.compliance].filter(
    (k) =>
      !(f.topicKey === 'onboardingRequests' && k === FUZZ_KEYS.sales) &&
      !(f.topicKey === 'billingFacts' && k === FUZZ_KEYS.billing) &&
      !(f.topicKey === 'complianceFacts' && k === FUZZ_KEYS.compliance),
  );
  const rightful = () =>
    signedHeaders(
      f.topicKey === 'onboardingRequests'
        ? FUZZ_KEYS.sales.signer
        : f.topicKey === 'billingFacts'
          ? FUZZ_KEYS.billing.signer
          : FUZZ_KEYS.compliance.signer,
      f.topicKey,
      value,
    );
  const mutations: Mutation[] = [
    fc.constant(refused('unsigned', {})),
    fc
      .constantFrom(...wrongRole)
      .map((k) => refused(`signed by role ${k.record.role}`, signedHeaders(k.signer, f.topicKey, value))),
    fc.constant(
      refused(
        'signed by a key not in the registry',
        signedHeaders(FUZZ_KEYS.stranger.signer, f.topicKey, value),
      ),
    ),
    fc.constant(
      refused('signed by a revoked key', signedHeaders(FUZZ_KEYS.revoked.signer, f.topicKey, value)),
    ),
    fc.integer({ min: 0, max: value.length - 1 }).map((i) => {
      const tampered = Buffer.from(value);
      tampered[i] = tampered[i]! ^ 0x01;
      return refused('value changed after signing', rightful(), tampered);
    }),
    fc
      .tuple(fc.constantFrom(SIGNATURE_HEADERS.keyId, SIGNATURE_HEADERS.signature), garbageHeaderValue)
      .map(([name, v]) => refused(`garbage ${name}`, { ...rightful(), ...asReceived({ [name]: v }) })),
    fc.constantFrom(SIGNATURE_HEADERS.keyId, SIGNATURE_HEADERS.signature).map((name) => {
      const headers = rightful();
      const one = headers[name]!;
      return refused(`repeated ${name}`, { ...headers, [name]: [one, one] });
    }),
    fc
      .dictionary(fc.string({ maxLength: 20 }), garbageHeaderValue, { maxKeys: 5 })
      .map((extra) => refused('garbage headers, no signature', asReceived(extra))),
  ];
  if (f.topicKey === 'onboardingRequests') {
    const forged = json(envelope(f.type, no, { ...data, requestedBy: FUZZ_KEYS.otherSales.record.id }));
    mutations.push(
      fc.constant(
        refused(
          'requestedBy another sales system',
          signedHeaders(FUZZ_KEYS.sales.signer, f.topicKey, forged),
          forged,
        ),
      ),
    );
  }
  return mutations;
}

const HUGE = [Number.MAX_SAFE_INTEGER, 9e15, 2 ** 52, 1e15];

/** Amounts each safe on their own, whose sums over a contract's term are not. */
export function overflowMutations(f: Family, no: string, data: Record<string, unknown>): Mutation[] {
  const as = (label: string, d: unknown, expect: 'refused' | 'either') => ({
    label,
    value: json(envelope(f.type, no, d)),
    expect,
  });
  if (f.topicKey === 'onboardingRequests') {
    const contract = data.contract as Record<string, unknown>;
    const items = contract.lineItems as Array<Record<string, unknown>>;
    if (!items.length) return [];
    // Price × quantity past 2^53 for every billed item: no contract term makes that a safe sum. One
    // unit at a huge price may still fit a short term, so the schema's documented maximum decides.
    const billed = items.some((i) => i.quantity !== 0);
    return [
      fc.tuple(fc.constantFrom(...HUGE), fc.constantFrom(1, 1_000, 2 ** 31)).map(([price, quantity]) =>
        as(
          `every line item at ${price} fen × ${quantity}`,
          {
            ...data,
            contract: {
              ...contract,
              lineItems: items.map((i) => ({
                ...i,
                unitPriceFen: price,
                quantity: i.quantity === 0 ? 0 : quantity,
              })),
            },
          },
          billed && quantity > 1 ? 'refused' : 'either',
        ),
      ),
    ];
  }
  const money = Object.keys(data).filter((k) => k.endsWith('Fen'));
  const text = Object.keys(data).filter(
    (k) => typeof data[k] === 'string' && !['contractNo'].includes(k) && !k.endsWith('Date'),
  );
  const mutations: Mutation[] = [];
  // A single huge payment may be a valid fact (the schema's maximum decides); it must never stall.
  if (money.length) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...money), fc.constantFrom(...HUGE))
        .map(([k, v]) => as(`${k} = ${v} (huge)`, { ...data, [k]: v }, 'either')),
    );
  }
  if (text.length) {
    mutations.push(
      fc
        .tuple(
          fc.constantFrom(...text),
          fc.constantFrom('\u0000', '\u001b[31m', '\u202eevil', '\ud800', 'x\u0007y'),
        )
        .map(([k, c]) =>
          as(`${k} with control characters`, { ...data, [k]: `${String(data[k])}${c}` }, 'either'),
        ),
    );
  }
  return mutations;
}
