/**
 * Signed Kafka intake (issue #15 item 6): what the verifier accepts and refuses, with real Ed25519 keys
 * minted the way `npm run api-key` mints them, and the canonical bytes pinned.
 */
import { sign } from 'node:crypto';
import { createPrivateKey } from 'node:crypto';
import { generateApiKey } from '../../clients/api/keys';
import { signedIntakeMessage } from '../../clients/sdk/intake';
import {
  createIntakeVerifier,
  generateSigningKey,
  intakeSigner,
  signingBytes,
  SIGNATURE_HEADERS,
} from '../../platform/intake-signature';
import { parseApiKeyRecords, type ApiKeyRecord, type Role } from '../../platform/key-registry';
import { signingKeys } from '../../workers/intake';

function minted(id: string, role: Role, extra: Partial<ApiKeyRecord> = {}) {
  const signing = generateSigningKey(id);
  const record: ApiKeyRecord = {
    ...generateApiKey(id, role).record,
    signingPublicKey: signing.publicKey,
    ...extra,
  };
  return { record, signer: intakeSigner(signing.secret) };
}

const crm = minted('crm-east', 'sales');
const billing = minted('billing-main', 'billing');
const compliance = minted('compliance-desk', 'compliance');
const gone = minted('old-crm', 'sales', { revoked: true });
const stranger = minted('stranger', 'sales');
const noSigningKey = { ...generateApiKey('legacy', 'sales').record };
const verify = createIntakeVerifier([
  crm.record,
  billing.record,
  compliance.record,
  gone.record,
  noSigningKey,
]);

const value = Buffer.from('{"specversion":"1.0","type":"telecom.billing.payment-received.v1"}');
const headersOf = (m: ReturnType<typeof signedIntakeMessage>) => m.headers as Record<string, string>;
// Headers arrive from the broker as Buffers.
const asReceived = (headers: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]),
  );

test('the canonical bytes are the domain, key id, unprefixed topic name and the exact value bytes', () => {
  expect(signingBytes('crm-east', 'onboardingRequests', Buffer.from('{"a":1}')).toString()).toBe(
    'tco-intake-v1\ncrm-east\ncontract.onboarding-requests.v1\n{"a":1}',
  );
});

test('a secret minted for a key signs as that key; its public half is the one in the record', () => {
  const { secret, publicKey } = generateSigningKey('crm-east');
  expect(secret).toMatch(/^tcosig_crm-east_[A-Za-z0-9_-]{43}$/);
  expect(intakeSigner(secret)).toMatchObject({ keyId: 'crm-east', publicKey });
  expect(() => intakeSigner('tco_crm-east_abc')).toThrow(/tcosig_<key id>_/);
  expect(() => intakeSigner(`tcosig_CRM_${'A'.repeat(43)}`)).toThrow(/tcosig_<key id>_/);
  const record = [{ ...generateApiKey('crm-east', 'sales').record, signingPublicKey: publicKey }];
  expect(parseApiKeyRecords(JSON.stringify(record), 'API_KEYS').ok).toBe(true);
  const bad = [{ ...record[0], signingPublicKey: 'not-a-key' }];
  expect(parseApiKeyRecords(JSON.stringify(bad), 'API_KEYS')).toEqual({
    ok: false,
    problems: ['API_KEYS[0].signingPublicKey: must be the 43 base64url characters of an Ed25519 public key'],
  });
});

test.each([
  ['a sales key onboarding', crm, 'onboardingRequests', 'sales'],
  ['a billing key publishing billing facts', billing, 'billingFacts', 'billing'],
  ['a compliance key publishing compliance facts', compliance, 'complianceFacts', 'compliance'],
] as const)('%s is accepted, as the key id', (_what, key, topic, role) => {
  const message = signedIntakeMessage(key.signer, topic, { subject: 'XJJCF2400252EGN00' });
  const received = asReceived(headersOf(message));
  expect(verify(topic, message.value as Buffer, received)).toEqual({ ok: true, keyId: key.record.id, role });
});

test.each([
  ['no headers at all', () => undefined, /^unauthenticated: the message is not signed/],
  [
    'the key id only',
    () => ({ [SIGNATURE_HEADERS.keyId]: 'billing-main' }),
    /^unauthenticated: the message is not signed/,
  ],
  [
    'a repeated signature header',
    (h: Record<string, string>) => ({
      ...h,
      [SIGNATURE_HEADERS.signature]: [h.tco_signature!, h.tco_signature!],
    }),
    /^unauthenticated: the message is not signed/,
  ],
  [
    'a key id with control characters',
    (h: Record<string, string>) => ({ ...h, [SIGNATURE_HEADERS.keyId]: 'billing\u001b[2J' }),
    /^unauthenticated: tco_key_id is not a key id$/,
  ],
  [
    'a signature that is not base64url',
    (h: Record<string, string>) => ({ ...h, [SIGNATURE_HEADERS.signature]: '!'.repeat(86) }),
    /^unauthenticated: tco_signature must be a 64-byte/,
  ],
  [
    'another key id claimed for the signature',
    (h: Record<string, string>) => ({ ...h, [SIGNATURE_HEADERS.keyId]: 'crm-east' }),
    /^unauthenticated: the signature does not match the message and key 'crm-east'$/,
  ],
  [
    'a key not in the registry',
    () => stranger.signer.sign('billingFacts', value),
    /^unauthenticated: key 'stranger' is not in the key registry$/,
  ],
  [
    'a revoked key',
    () => gone.signer.sign('billingFacts', value),
    /^unauthenticated: key 'old-crm' is revoked$/,
  ],
  [
    'a key without a signing key',
    (h: Record<string, string>) => ({ ...h, [SIGNATURE_HEADERS.keyId]: 'legacy' }),
    /^unauthenticated: key 'legacy' has no signing key$/,
  ],
  [
    'a signature made for another topic',
    () => billing.signer.sign('complianceFacts', value),
    /^unauthenticated: the signature does not match/,
  ],
  [
    'a sales key booking a payment',
    () => crm.signer.sign('billingFacts', value),
    /^forbidden: key 'crm-east' \(role sales\) may not publish to contract\.billing-facts\.v1; allowed: billing$/,
  ],
])('%s is refused', (_what, headersFor, reason) => {
  const headers: Record<string, unknown> | undefined = headersFor(billing.signer.sign('billingFacts', value));
  const result = verify('billingFacts', value, headers && asReceived(headers));
  expect(result).toEqual({ ok: false, reason: expect.stringMatching(reason) });
});

test('a value changed after signing is refused, even by one byte', () => {
  const message = signedIntakeMessage(billing.signer, 'billingFacts', {
    subject: 'A',
    data: { amountFen: 100 },
  });
  const tampered = Buffer.from((message.value as Buffer).toString().replace('100', '900'));
  expect(verify('billingFacts', tampered, asReceived(headersOf(message)))).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/^unauthenticated: the signature does not match/),
  });
});

test('the signature is plain Ed25519 over the canonical bytes, so any language can produce it', () => {
  const { secret, publicKey } = generateSigningKey('billing-main');
  const seed = Buffer.from(secret.split('_').slice(2).join('_'), 'base64url');
  const privateKey = createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const signature = sign(null, signingBytes('billing-main', 'billingFacts', value), privateKey);
  const own = createIntakeVerifier([{ ...billing.record, signingPublicKey: publicKey }]);
  expect(
    own('billingFacts', value, {
      tco_key_id: 'billing-main',
      tco_signature: signature.toString('base64url'),
    }),
  ).toMatchObject({ ok: true });
});

test('the intake does not start without a key that can sign (it would dead-letter everything)', () => {
  expect(() => signingKeys([noSigningKey, gone.record])).toThrow(
    /the intake needs at least one unrevoked key with a signingPublicKey/,
  );
  expect(signingKeys([noSigningKey, crm.record])).toEqual([noSigningKey, crm.record]);
});
