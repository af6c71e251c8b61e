/**
 * Hostile intake messages per topic family, each labelled with what the intake must do with it:
 * `refused` (dead-lettered, nothing started or signalled), `accepted` (a valid fact), or `either`
 * (e.g. odd unicode in a free-text id, which the schema may well allow). A case is signed by its
 * topic's rightful producer (FUZZ_KEYS) unless it brings its own, hostile, headers.
 */
import fc from 'fast-check';
import type { IntakeTopic } from '../../../domain/events/intake-facts';
import { producerFor, signedHeaders } from '../../support/intake-keys';
import { envelope, FUZZ_KEYS, json } from './intake-envelope';
import { authMutations, overflowMutations } from './intake-hostile-auth';

export { FUZZ_KEYS };
import {
  badDate,
  badMoney,
  extraKey,
  hostileString,
  loadSeeds,
  withKey,
  withoutKey,
  wrongType,
} from './hostile';

export interface HostileCase {
  label: string;
  topicKey: IntakeTopic;
  value: Buffer | null;
  /** Kafka headers as received; absent: signed by the topic's rightful producer. */
  headers?: Record<string, unknown>;
  expect: 'refused' | 'accepted' | 'either';
}

/** The headers a case is delivered with. */
export function headersOf(c: HostileCase): Record<string, unknown> {
  return c.headers ?? signedHeaders(producerFor(FUZZ_KEYS, c.topicKey), c.topicKey, c.value);
}

export interface Family {
  topicKey: IntakeTopic;
  type: string;
  /** A valid `data` for the subject. */
  valid: (contractNo: string) => Record<string, unknown>;
  required: string[];
  money: string[];
  dates: string[];
  /** Free-text fields and their maximum length. */
  strings: Record<string, number>;
}

const seeds = loadSeeds();
const seedNos = seeds.map((s) => s.contractNo);

export const FAMILIES: Record<string, Family> = {
  onboarding: {
    topicKey: 'onboardingRequests',
    type: 'telecom.sales.onboarding-requested.v1',
    valid: (no) => ({
      requestId: 'R-1',
      requestedBy: FUZZ_KEYS.sales.record.id,
      contract: seeds.find((s) => s.contractNo === no),
    }),
    required: ['requestId', 'requestedBy', 'contract'],
    money: [],
    dates: [],
    strings: { requestId: 100, requestedBy: 100 },
  },
  payments: {
    topicKey: 'billingFacts',
    type: 'telecom.billing.payment-received.v1',
    valid: (contractNo) => ({
      contractNo,
      paymentId: 'P-1',
      invoiceId: 'INV-1',
      amountFen: 2_754_000,
      paidDate: '2024-08-01',
    }),
    required: ['contractNo', 'paymentId', 'amountFen', 'paidDate'],
    money: ['amountFen'],
    dates: ['paidDate'],
    strings: { paymentId: 100, invoiceId: 100 },
  },
  overdue: {
    topicKey: 'billingFacts',
    type: 'telecom.billing.invoice-overdue.v1',
    valid: (contractNo) => ({
      contractNo,
      invoiceId: 'INV-7',
      amountDueFen: 9_040_000,
      dueDate: '2023-06-01',
    }),
    required: ['contractNo', 'invoiceId', 'amountDueFen', 'dueDate'],
    money: ['amountDueFen'],
    dates: ['dueDate'],
    strings: { invoiceId: 100 },
  },
  complaints: {
    topicKey: 'complianceFacts',
    type: 'telecom.compliance.complaint-recorded.v1',
    valid: (contractNo) => ({
      contractNo,
      complaintId: 'C-1',
      receivedDate: '2025-03-03',
      category: 'harassment',
    }),
    required: ['contractNo', 'complaintId', 'receivedDate', 'category'],
    money: [],
    dates: ['receivedDate'],
    strings: { complaintId: 100, category: 100 },
  },
  violations: {
    topicKey: 'complianceFacts',
    type: 'telecom.compliance.violation-recorded.v1',
    valid: (contractNo) => ({
      contractNo,
      violationId: 'V-1',
      tier: 'serious',
      detectedDate: '2025-05-06',
      description: 'SMS sent without a signature',
    }),
    required: ['contractNo', 'violationId', 'tier', 'detectedDate', 'description'],
    money: [],
    dates: ['detectedDate'],
    strings: { violationId: 100, description: 2000 },
  },
};

const ENVELOPE_FIELDS = ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'];

export type Mutation = fc.Arbitrary<Omit<HostileCase, 'topicKey'> & { topicKey?: IntakeTopic }>;

/** Mutations of the whole message or its envelope: all refused. */
function envelopeMutations(f: Family, no: string, data: Record<string, unknown>): Mutation[] {
  const base = envelope(f.type, no, data);
  const refused = (label: string, value: Buffer | null) => ({ label, value, expect: 'refused' as const });
  const otherTopic = (['onboardingRequests', 'billingFacts', 'complianceFacts'] as const).find(
    (t) => t !== f.topicKey,
  )!;
  return [
    fc.constantFrom(null, Buffer.alloc(0)).map((v) => refused('empty value', v)),
    fc.uint8Array({ maxLength: 200 }).map((b) => refused('random bytes', Buffer.from(b))),
    hostileString.map((s) => refused('a string, not JSON', Buffer.from(`${s}{`))),
    fc.jsonValue().map((v) => refused('JSON that is no CloudEvent', json(v))),
    fc
      .constantFrom(...ENVELOPE_FIELDS)
      .map((k) => refused(`envelope without ${k}`, json(withoutKey(base, k)))),
    fc
      .tuple(fc.constantFrom(...ENVELOPE_FIELDS), wrongType)
      .map(([k, v]) => refused(`envelope ${k} of the wrong type`, json({ ...base, [k]: v }))),
    fc
      .tuple(
        extraKey.filter((k) => !ENVELOPE_FIELDS.includes(k) && k !== 'dataschema'),
        fc.jsonValue(),
      )
      .map(([k, v]) => refused(`envelope with extra field ${k}`, json(withKey(base, k, v)))),
    fc.constant(refused('fact on the wrong topic', json(base))).map((c) => ({ ...c, topicKey: otherTopic })),
    fc
      .constantFrom('telecom.billing.refund-issued.v1', 'telecom.contract.billing-started.v1', 'Telecom.X.v1')
      .map((t) => refused(`unknown type ${t}`, json({ ...base, type: t }))),
    fc
      .oneof(hostileString, fc.constantFrom('xjjcf2400252egn00', 'A', '../../x', 'T'.repeat(41)))
      .map((s) => refused('subject not a contract number', json({ ...base, subject: s }))),
    fc
      .constantFrom(...seedNos.filter((n) => n !== no))
      .map((other) => refused('subject of another contract', json({ ...base, subject: other }))),
    fc
      .constantFrom('2025-08-01', '2025-13-01T00:00:00Z', 'yesterday', '2025-08-01T02:00:00')
      .map((t) => refused(`time ${t}`, json({ ...base, time: t }))),
  ];
}

/** Mutations of `data`; `either` where the schema may rightly accept the value. */
function dataMutations(f: Family, no: string, data: Record<string, unknown>): Mutation[] {
  const as = (label: string, d: unknown, expect: HostileCase['expect']) => ({
    label,
    value: json(envelope(f.type, no, d)),
    expect,
  });
  const fields = Object.keys(data);
  const mutations: Mutation[] = [
    fc.constantFrom(...f.required).map((k) => as(`data without ${k}`, withoutKey(data, k), 'refused')),
    fc
      .tuple(fc.constantFrom(...fields), wrongType)
      // A whole non-negative number is fine money: not a wrong type for an amount.
      .filter(([k, v]) => !(f.money.includes(k) && Number.isSafeInteger(v) && (v as number) >= 0))
      .map(([k, v]) => as(`data ${k} of the wrong type`, { ...data, [k]: v }, 'refused')),
    fc
      .tuple(
        extraKey.filter((k) => !fields.includes(k) && k !== 'invoiceId'),
        fc.jsonValue(),
      )
      // The envelope's `data` record drops a `__proto__` key before the strict schema sees it: harmless
      // (nothing is polluted, see the fuzz test), so that one key may pass.
      .map(([k, v]) =>
        as(`data with extra field ${k}`, withKey(data, k, v), k === '__proto__' ? 'either' : 'refused'),
      ),
    fc.constant(as('the valid fact', data, 'accepted')),
  ];
  if (f.money.length) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...f.money), badMoney)
        .map(([k, v]) => as(`${k} = ${String(v)}`, { ...data, [k]: v }, 'refused')),
    );
  }
  if (f.dates.length) {
    mutations.push(
      fc
        .tuple(fc.constantFrom(...f.dates), badDate)
        .map(([k, v]) => as(`${k} = ${String(v)}`, { ...data, [k]: v }, 'refused')),
    );
  }
  const strings = Object.entries(f.strings);
  mutations.push(
    fc
      .tuple(fc.constantFrom(...strings), fc.integer({ min: 1, max: 200_000 }))
      .map(([[k, max], extra]) =>
        as(`${k} longer than ${max}`, { ...data, [k]: '長'.repeat(max + extra) }, 'refused'),
      ),
    fc
      .tuple(fc.constantFrom(...strings), hostileString)
      .map(([[k], s]) => as(`${k} = odd text`, { ...data, [k]: s }, 'either')),
  );
  if ('contractNo' in data) {
    mutations.push(
      fc
        .constantFrom(...seedNos.filter((n) => n !== no), 'T-OTHER-1')
        .map((other) =>
          as('data.contractNo differs from subject', { ...data, contractNo: other }, 'refused'),
        ),
    );
  }
  return mutations;
}

/** Onboarding: the contract inside the request, broken on purpose. */
function contractMutations(f: Family, no: string, data: Record<string, unknown>): Mutation[] {
  const contract = data.contract as Record<string, unknown>;
  const as = (label: string, c: unknown, expect: HostileCase['expect']) => ({
    label,
    value: json(envelope(f.type, no, { ...data, contract: c })),
    expect,
  });
  const lineItems = contract.lineItems as Array<Record<string, unknown>>;
  const contacts = contract.contacts as Array<Record<string, unknown>>;
  const mutations: Mutation[] = [
    fc
      .constantFrom(
        ...Object.keys(contract).filter(
          (k) => !['lineItems', 'resources', 'assumptions', 'contacts'].includes(k),
        ),
      )
      .map((k) => as(`contract without ${k}`, withoutKey(contract, k), 'refused')),
    badDate.map((d) => as(`contract signedDate ${String(d)}`, { ...contract, signedDate: d }, 'refused')),
    fc
      .constantFrom(...seedNos.filter((n) => n !== no))
      .map((other) => as('contract of another number', { ...contract, contractNo: other }, 'refused')),
    fc
      .tuple(extraKey, fc.jsonValue())
      .filter(([k]) => !(k in contract))
      .map(([k, v]) => as(`contract extra field ${k}`, withKey(contract, k, v), 'refused')),
    fc
      .constantFrom(0, 1, 2, 7)
      .map((v) => as('specVersion other than 1', { ...contract, specVersion: v === 1 ? '1' : v }, 'refused')),
    fc
      .constantFrom([], ['no-such-product'], 'ccc')
      .map((p) => as('products empty or unknown', { ...contract, products: p }, 'refused')),
  ];
  if (lineItems.length) {
    mutations.push(
      badMoney.map((m) =>
        as(
          `line item price ${String(m)}`,
          { ...contract, lineItems: [{ ...lineItems[0], unitPriceFen: m }, ...lineItems.slice(1)] },
          'refused',
        ),
      ),
    );
  }
  if (contacts.length) {
    mutations.push(
      fc
        .constantFrom('abc', '', '1'.repeat(31), '刘强')
        .map((p) =>
          as(
            `contact phone ${p}`,
            { ...contract, contacts: [{ ...contacts[0], phone: p }, ...contacts.slice(1)] },
            'refused',
          ),
        ),
    );
  }
  return mutations;
}

export function hostileMessage(family: string): fc.Arbitrary<HostileCase> {
  const f = FAMILIES[family]!;
  return fc.constantFrom(...seedNos).chain((no) => {
    const data = f.valid(no);
    const mutations = [
      ...envelopeMutations(f, no, data),
      ...dataMutations(f, no, data),
      ...(f.topicKey === 'onboardingRequests' ? contractMutations(f, no, data) : []),
      ...authMutations(f, no, data),
      ...overflowMutations(f, no, data),
    ];
    return fc.oneof(...mutations).map((c) => ({ topicKey: f.topicKey, ...c }));
  });
}

/** One valid message of the family, for the duplicate-delivery check. */
export function duplicateOf(family: string): HostileCase {
  const f = FAMILIES[family]!;
  const no = seedNos[0]!;
  return {
    label: 'duplicate',
    topicKey: f.topicKey,
    value: json(envelope(f.type, no, f.valid(no))),
    expect: 'accepted',
  };
}
