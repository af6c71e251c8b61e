import { decodeIntakeMessage } from '../../../domain/events/intake-facts';

const contractNo = 'JSCZE2208138CGN00';
const envelope = (type: string, data: Record<string, unknown>, subject = contractNo) =>
  JSON.stringify({
    specversion: '1.0',
    id: 'fact-1',
    source: 'urn:billing',
    type,
    subject,
    time: '2023-01-06T01:00:00Z',
    datacontenttype: 'application/json',
    data,
  });
const payment = { contractNo, paymentId: 'P-1', amountFen: 35_960_000, paidDate: '2022-12-30' };

test('a valid payment fact decodes with its contract number', () => {
  const decoded = decodeIntakeMessage(
    'billingFacts',
    envelope('telecom.billing.payment-received.v1', payment),
  );
  expect(decoded).toEqual({
    ok: true,
    fact: expect.objectContaining({ type: 'telecom.billing.payment-received.v1', contractNo, data: payment }),
  });
});

test('an onboarding request takes its contract number from the subject', () => {
  const data = { requestId: 'R-1', requestedBy: 'crm', contract: { contractNo } };
  const decoded = decodeIntakeMessage(
    'onboardingRequests',
    envelope('telecom.sales.onboarding-requested.v1', data),
  );
  expect(decoded).toEqual({ ok: true, fact: expect.objectContaining({ contractNo, data }) });
});

test.each([
  ['no value', 'billingFacts', null, /^empty-message: /],
  ['not JSON', 'billingFacts', '{"specversion":', /^invalid-json: /],
  [
    'not a CloudEvent',
    'billingFacts',
    JSON.stringify({ hello: 'world' }),
    /^invalid-envelope: specversion: /,
  ],
  [
    'an unknown type',
    'billingFacts',
    envelope('telecom.billing.refund-issued.v1', payment),
    /^unknown-type: telecom.billing.refund-issued.v1/,
  ],
  [
    'a fact on the wrong topic',
    'complianceFacts',
    envelope('telecom.billing.payment-received.v1', payment),
    /^wrong-topic: .* belongs on billingFacts/,
  ],
  [
    'data failing its schema',
    'billingFacts',
    envelope('telecom.billing.payment-received.v1', { ...payment, amountFen: 1.5 }),
    /^invalid-data: data.amountFen: must be whole fen/,
  ],
  [
    'a subject that is not a contract number',
    'onboardingRequests',
    envelope(
      'telecom.sales.onboarding-requested.v1',
      { requestId: 'R', requestedBy: 'crm', contract: {} },
      'bad subject',
    ),
    /^invalid-envelope: subject: /,
  ],
  [
    'a subject naming another contract',
    'billingFacts',
    envelope('telecom.billing.payment-received.v1', payment, 'OTHER-CONTRACT'),
    /^subject-mismatch: /,
  ],
] as const)('%s is refused with a reason naming what is wrong', (_what, topic, value, reason) => {
  const decoded = decodeIntakeMessage(topic, value);
  expect(decoded.ok).toBe(false);
  if (!decoded.ok) expect(decoded.reason).toMatch(reason);
});
