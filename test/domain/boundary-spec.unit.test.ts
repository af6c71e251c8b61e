/**
 * Issue #15, items 2 and 3 on the contract spec and the intake facts: text is printable, dates fall in
 * plausible years, amounts and quantities stay within MAX_FEN / MAX_COUNT so every sum is a safe
 * integer. Each refusal names the field and the rule, and none throws.
 */
import { parseContractSpec } from '../../domain/contract-spec';
import { checkEnvelope } from '../../domain/events/catalogue';
import {
  PaymentReceivedSchema,
  UsageReportedSchema,
  ViolationRecordedSchema,
} from '../../domain/events/intake';
import { MAX_COUNT, MAX_FEN } from '../../domain/money';
import { rawSeed } from './seed-fixtures';

function issuesOf(input: unknown) {
  const result = parseContractSpec(input);
  if (result.ok) throw new Error('expected the spec to be rejected');
  return result.issues;
}

describe('text rule (domain/text.ts): no control, bidi or separator characters, no lone surrogates', () => {
  test.each([
    ['ESC sequence', 'Acme\u001b[31m Ltd', /must not contain control characters \(U\+001B at position 4\)/],
    ['NUL', 'Acme\u0000Ltd', /must not contain control characters \(U\+0000/],
    ['C1 control', 'Acme\u009bLtd', /must not contain control characters \(U\+009B/],
    [
      'right-to-left override',
      'Acme \u202eLtd',
      /must not contain bidirectional formatting characters \(U\+202E/,
    ],
    ['isolate', 'Acme \u2066Ltd', /must not contain bidirectional formatting characters \(U\+2066/],
    ['line separator', 'Acme\u2028Ltd', /must not contain line or paragraph separators/],
    ['lone surrogate', 'Acme \ud800 Ltd', /must be well-formed Unicode \(no lone surrogates\)/],
    ['line feed in a name', 'Acme\nLtd', /must not contain control characters \(U\+000A/],
  ])('given a customer name with %s, then the spec is refused at parties.customer.name', (_, name, rule) => {
    const input = rawSeed('000');
    input.parties.customer.name = name;
    expect(issuesOf(input)).toContainEqual({
      path: 'parties.customer.name',
      message: expect.stringMatching(rule) as string,
    });
  });

  test('given a title with CJK and an emoji (a valid surrogate pair), then the spec is accepted', () => {
    const input = rawSeed('000');
    input.title = '中国电信 — 专线服务合同 📡';
    expect(parseContractSpec(input).ok).toBe(true);
  });

  test('given an assumption note of several paragraphs (multi-line free text), then line feeds are accepted and tabs are not', () => {
    const input = rawSeed('000');
    input.assumptions = [{ path: 'clauses.term', note: 'first paragraph\nsecond paragraph' }];
    expect(parseContractSpec(input).ok).toBe(true);
    input.assumptions = [{ path: 'clauses.term', note: 'first\tsecond' }];
    expect(issuesOf(input)).toContainEqual({
      path: 'assumptions.0.note',
      message: expect.stringMatching(/control characters \(U\+0009/) as string,
    });
  });

  test('given a violation description with ESC in an intake fact, then the fact is refused at description', () => {
    const parsed = ViolationRecordedSchema.safeParse({
      contractNo: 'SNSGS2500554EGN00',
      violationId: 'V-1',
      tier: 'general',
      detectedDate: '2025-03-01',
      description: 'spam \u001b[2J',
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['description'] });
  });
});

test('given a clause ref of 41 characters (events publish at most 40), then the spec is refused at the ref', () => {
  const input = rawSeed('000');
  input.clauses.term.ref = '1'.repeat(41);
  expect(issuesOf(input)).toContainEqual({
    path: 'clauses.term.ref',
    message: 'must be at most 40 characters',
  });
});

test('given a CloudEvent whose source carries an ESC sequence, then the envelope is refused at source', () => {
  const check = checkEnvelope({
    specversion: '1.0',
    id: 'evt-1',
    source: 'urn:crm\u001b]0;pwned\u0007',
    type: 'telecom.billing.payment-received.v1',
    subject: 'XJJCF2400252EGN00',
    time: '2025-01-01T00:00:00Z',
    datacontenttype: 'application/json',
    data: {},
  });
  expect(check.ok ? [] : check.problems).toEqual([
    { path: 'source', message: expect.stringMatching(/^must not contain control characters/) as string },
  ]);
});

describe('plausible dates (2000-01-01..2099-12-31)', () => {
  test.each(['0001-01-01', '9999-12-31', '1999-12-31', '2100-01-01'])(
    'given signedDate %s, then the spec is refused at signedDate naming the range',
    (date) => {
      const input = rawSeed('000');
      input.signedDate = date;
      expect(issuesOf(input)).toContainEqual({
        path: 'signedDate',
        message: 'must be within 2000-01-01..2099-12-31',
      });
    },
  );

  test('given a payment fact paid in 0250, then the fact is refused at paidDate', () => {
    const parsed = PaymentReceivedSchema.safeParse({
      contractNo: 'XJJCF2400252EGN00',
      paymentId: 'P-1',
      amountFen: 100,
      paidDate: '0250-01-01',
    });
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ['paidDate'], message: 'must be within 2000-01-01..2099-12-31' }),
    ]);
  });
});

describe('amounts and quantities: integers within MAX_FEN (10^12 fen) and MAX_COUNT (10^9), sums safe', () => {
  test('given a unit price of 10^13 fen, then the spec is refused at the field, not thrown', () => {
    const input = rawSeed('000');
    input.lineItems[0].unitPriceFen = 10 * MAX_FEN;
    expect(issuesOf(input)).toContainEqual({
      path: 'lineItems.0.unitPriceFen',
      message: `must be at most ${MAX_FEN} fen (10 billion yuan)`,
    });
  });

  test('given a quantity beyond 10^9 or beyond a safe integer, then the spec is refused at quantity', () => {
    for (const quantity of [MAX_COUNT + 1, 2 ** 60]) {
      const input = rawSeed('000');
      input.lineItems[0].quantity = quantity;
      expect(issuesOf(input)).toContainEqual(expect.objectContaining({ path: 'lineItems.0.quantity' }));
    }
  });

  test('given quantity × unit price beyond 10^12 fen (each within its own maximum), then the cross-field rule refuses it instead of the sum throwing RangeError', () => {
    const input = rawSeed('000');
    input.lineItems[0].quantity = MAX_COUNT;
    input.lineItems[0].unitPriceFen = MAX_FEN;
    expect(issuesOf(input)).toEqual([
      {
        path: 'lineItems.0.unitPriceFen',
        message: expect.stringMatching(/^× quantity must be at most 10,000,000,000.00 yuan/) as string,
      },
    ]);
  });

  test('given line items that each fit but together exceed 10^12 fen, then lineItems is refused', () => {
    const input = rawSeed('000');
    for (const item of input.lineItems) {
      item.quantity = 1;
      item.unitPriceFen = MAX_FEN;
    }
    expect(issuesOf(input)).toContainEqual({
      path: 'lineItems',
      message: expect.stringMatching(/^together \(quantity × unit price\) must be at most/) as string,
    });
  });

  test('given a window of 10^9 days, then the spec is refused (a computed date would leave four-digit years)', () => {
    const input = rawSeed('000');
    input.clauses.acceptance.windowDays = 1_000_000_000;
    expect(issuesOf(input)).toContainEqual({
      path: 'clauses.acceptance.windowDays',
      message: 'must be at most 3660',
    });
  });

  test('given a payment fact of 2^53 fen or a usage count of 10^12, then the fact is refused by the schema', () => {
    const payment = PaymentReceivedSchema.safeParse({
      contractNo: 'XJJCF2400252EGN00',
      paymentId: 'P-1',
      amountFen: 2 ** 53,
      paidDate: '2025-01-01',
    });
    expect(payment.error?.issues[0]).toMatchObject({ path: ['amountFen'] });
    const usage = UsageReportedSchema.safeParse({
      contractNo: 'SNSGS2500554EGN00',
      month: '2025-01',
      itemId: 'sms',
      attempted: 1e12,
      delivered: 1e12,
    });
    expect(usage.error?.issues.map((i) => i.path.join('.'))).toEqual(['attempted', 'delivered']);
  });
});
