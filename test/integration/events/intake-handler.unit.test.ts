/**
 * Unit layer (no servers): what the intake does with each kind of message, with fake Temporal and
 * dead-letter ports. It lives next to the intake integration test it complements.
 */
import { ContractsApiError } from '../../../clients/sdk/api-contract';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import pino from 'pino';
import {
  processIntakeMessage,
  type InboundMessage,
  type IntakePorts,
  type SignalFact,
  type ValidateContract,
} from '../../../workers/intake-handler';
import { intakeKeys, signedHeaders } from '../../support/intake-keys';

const contractNo = 'XJJCF2400252EGN00';
const log = pino({ level: 'silent' });
const keys = intakeKeys('unit');
const crm = keys.sales.record.id;

function message(
  topicKey: InboundMessage['topicKey'],
  type: string,
  data: unknown,
  signer = topicKey === 'onboardingRequests' ? keys.sales.signer : keys.billing.signer,
): InboundMessage {
  const value = JSON.stringify({
    specversion: '1.0',
    id: 'fact-1',
    source: 'urn:crm',
    type,
    subject: contractNo,
    time: '2024-06-03T01:00:00Z',
    datacontenttype: 'application/json',
    data,
  });
  return {
    topicKey,
    topic: `contract.${topicKey}`,
    partition: 2,
    offset: '41',
    key: Buffer.from(contractNo),
    value: Buffer.from(value),
    headers: signedHeaders(signer, topicKey, Buffer.from(value)),
  };
}

const onboarding = message('onboardingRequests', 'telecom.sales.onboarding-requested.v1', {
  requestId: 'R-1',
  requestedBy: crm,
  contract: { contractNo, title: '96110' },
});
const payment = message('billingFacts', 'telecom.billing.payment-received.v1', {
  contractNo,
  paymentId: 'P-1',
  amountFen: 2_754_000,
  paidDate: '2024-08-01',
});

function fakePorts(overrides: Partial<IntakePorts> = {}) {
  const calls = { started: [] as unknown[][], signalled: [] as SignalFact[], deadLettered: [] as string[] };
  const ports: IntakePorts = {
    startContract: async (...args) => {
      calls.started.push(args);
      return 'started';
    },
    signalContract: async (fact) => void calls.signalled.push(fact),
    deadLetter: async (_m, reason) => void calls.deadLettered.push(reason),
    ...overrides,
  };
  return { ports, calls };
}

const acceptAll: ValidateContract = (raw) => ({ ok: true, spec: raw });
const checks = (validateContract: ValidateContract) => ({
  validateContract,
  authenticate: keys.authenticate,
});
const accept = checks(acceptAll);

test('an onboarding request starts the contract workflow with the validated spec', async () => {
  const { ports, calls } = fakePorts();
  expect(await processIntakeMessage(onboarding, ports, accept, log)).toBe('started');
  expect(calls.started).toEqual([
    [contractNo, { contractNo, title: '96110' }, { requestId: 'R-1', requestedBy: crm }],
  ]);
});

test('a second request for the same contract counts as done (one contract, one workflow)', async () => {
  const { ports, calls } = fakePorts({ startContract: async () => 'already-started' });
  expect(await processIntakeMessage(onboarding, ports, accept, log)).toBe('already-started');
  expect(calls.deadLettered).toEqual([]);
});

test('a closed contract refusing a second workflow counts as done too', async () => {
  const { ports, calls } = fakePorts({
    startContract: async () => {
      throw new WorkflowExecutionAlreadyStartedError('exists', `contract-${contractNo}`, 'contractLifecycle');
    },
  });
  expect(await processIntakeMessage(onboarding, ports, accept, log)).toBe('already-started');
  expect(calls.deadLettered).toEqual([]);
});

test('other terms under a contract number already running are dead-lettered with the refusal', async () => {
  const detail = `contract ${contractNo} already exists with a different specification`;
  const { ports, calls } = fakePorts({
    startContract: async () => {
      throw new ContractsApiError({ type: '/problems/conflict', title: 'Conflict', status: 409, detail });
    },
  });
  expect(await processIntakeMessage(onboarding, ports, accept, log)).toBe('dead-lettered');
  expect(calls.deadLettered).toEqual([`refused: ${detail}`]);
});

test('Temporal unavailable (503) is thrown for the consumer to retry, not dead-lettered', async () => {
  const { ports, calls } = fakePorts({
    startContract: async () => {
      throw new ContractsApiError({ type: '/problems/unavailable', title: 'Unavailable', status: 503 });
    },
  });
  await expect(processIntakeMessage(onboarding, ports, accept, log)).rejects.toThrow('503');
  expect(calls.deadLettered).toEqual([]);
});

test('a contract failing validation is dead-lettered with every problem and its path', async () => {
  const { ports, calls } = fakePorts();
  const reject: ValidateContract = () => ({
    ok: false,
    problems: [
      { path: 'clauses.term.end.months', message: 'must be > 0' },
      { path: 'products', message: 'must list at least one product' },
    ],
  });
  expect(await processIntakeMessage(onboarding, ports, checks(reject), log)).toBe('dead-lettered');
  expect(calls.deadLettered).toEqual([
    'invalid-contract: data.contract.clauses.term.end.months: must be > 0; data.contract.products: must list at least one product',
  ]);
  expect(calls.started).toEqual([]);
});

test('a spec for another contract than the message subject is dead-lettered', async () => {
  const { ports, calls } = fakePorts();
  const other: ValidateContract = () => ({ ok: true, spec: { contractNo: 'OTHER-CONTRACT' } });
  expect(await processIntakeMessage(onboarding, ports, checks(other), log)).toBe('dead-lettered');
  expect(calls.deadLettered[0]).toMatch(/^subject-mismatch: /);
});

test('a payment is signalled to its contract', async () => {
  const { ports, calls } = fakePorts();
  expect(await processIntakeMessage(payment, ports, accept, log)).toBe('signalled');
  expect(calls.signalled).toEqual([
    expect.objectContaining({ type: 'telecom.billing.payment-received.v1', contractNo }),
  ]);
});

test('a fact for a contract without a workflow is dead-lettered as workflow-not-found', async () => {
  const { ports, calls } = fakePorts({
    signalContract: async () => {
      throw new WorkflowNotFoundError('not found', `contract-${contractNo}`, undefined);
    },
  });
  expect(await processIntakeMessage(payment, ports, accept, log)).toBe('dead-lettered');
  expect(calls.deadLettered).toEqual([`workflow-not-found: no running workflow for contract ${contractNo}`]);
});

test('a request Temporal refuses as invalid is dead-lettered, not retried forever', async () => {
  const invalid = Object.assign(new Error('3 INVALID_ARGUMENT'), {
    code: 3,
    details: 'payload too large',
    metadata: {},
  });
  const { ports, calls } = fakePorts({
    startContract: async () => {
      throw Object.assign(new Error('Failed to start Workflow'), { cause: invalid });
    },
  });
  expect(await processIntakeMessage(onboarding, ports, accept, log)).toBe('dead-lettered');
  expect(calls.deadLettered).toEqual(['rejected-by-temporal: payload too large']);
});

test.each([
  ['Temporal unreachable on start', onboarding, { startContract: 'fails' }],
  ['Temporal unreachable on signal', payment, { signalContract: 'fails' }],
  [
    'the dead-letter topic unreachable',
    message('billingFacts', 'telecom.billing.nope.v1', {}),
    { deadLetter: 'fails' },
  ],
] as const)(
  '%s is thrown for the caller to retry, and nothing is dead-lettered',
  async (_what, msg, failing) => {
    const unavailable = Object.assign(new Error('14 UNAVAILABLE: connection refused'), {
      code: 14,
      details: 'connection refused',
      metadata: {},
    });
    const overrides = Object.fromEntries(
      Object.keys(failing).map((port) => [
        port,
        async () => {
          throw unavailable;
        },
      ]),
    );
    const { ports, calls } = fakePorts(overrides);
    await expect(processIntakeMessage(msg, ports, accept, log)).rejects.toBe(unavailable);
    expect(calls.deadLettered).toEqual([]);
  },
);

test('a malformed message is dead-lettered with the decoding reason', async () => {
  const { ports, calls } = fakePorts();
  const value = Buffer.from('{"specversion":"1.0",');
  const malformed = { ...payment, value, headers: signedHeaders(keys.billing.signer, 'billingFacts', value) };
  expect(await processIntakeMessage(malformed, ports, accept, log)).toBe('dead-lettered');
  expect(calls.deadLettered[0]).toMatch(/^invalid-json: /);
  expect(calls.signalled).toEqual([]);
});

describe('authenticated intake (issue #15 item 6)', () => {
  const forged = (m: InboundMessage, headers: InboundMessage['headers']) => ({ ...m, headers });

  test.each([
    ['an unsigned payment', forged(payment, undefined), /^unauthenticated: the message is not signed/],
    [
      'a payment whose value was changed after signing',
      { ...payment, value: Buffer.from(payment.value!.toString().replace('2754000', '9754000')) },
      /^unauthenticated: the signature does not match/,
    ],
    [
      'a payment signed by a key not in the registry',
      forged(payment, signedHeaders(keys.stranger.signer, 'billingFacts', payment.value)),
      /^unauthenticated: key 'stranger-unit' is not in the key registry$/,
    ],
    [
      'a payment signed by a revoked billing key',
      forged(payment, signedHeaders(keys.revoked.signer, 'billingFacts', payment.value)),
      /^unauthenticated: key 'billing-old-unit' is revoked$/,
    ],
    [
      'a payment signed by a sales key',
      message(
        'billingFacts',
        'telecom.billing.payment-received.v1',
        {
          contractNo,
          paymentId: 'P-1',
          amountFen: 2_754_000,
          paidDate: '2024-08-01',
        },
        keys.sales.signer,
      ),
      /^forbidden: key 'crm-unit' \(role sales\) may not publish to contract\.billing-facts\.v1/,
    ],
    [
      'an onboarding request signed by a billing key',
      forged(onboarding, signedHeaders(keys.billing.signer, 'onboardingRequests', onboarding.value)),
      /^forbidden: key 'billing-unit' \(role billing\) may not publish to contract\.onboarding-requests\.v1/,
    ],
  ])('%s is dead-lettered and reaches no contract', async (_what, msg, reason) => {
    const { ports, calls } = fakePorts();
    expect(await processIntakeMessage(msg, ports, accept, log)).toBe('dead-lettered');
    expect(calls.deadLettered).toEqual([expect.stringMatching(reason)]);
    expect(calls.signalled).toEqual([]);
    expect(calls.started).toEqual([]);
  });

  test('an onboarding request naming another sales system as requestedBy is refused, not re-attributed', async () => {
    const { ports, calls } = fakePorts();
    const claimed = message('onboardingRequests', 'telecom.sales.onboarding-requested.v1', {
      requestId: 'R-2',
      requestedBy: keys.otherSales.record.id,
      contract: { contractNo, title: '96110' },
    });
    expect(await processIntakeMessage(claimed, ports, accept, log)).toBe('dead-lettered');
    expect(calls.deadLettered).toEqual(["forbidden: data.requestedBy must be the signing key id 'crm-unit'"]);
    expect(calls.started).toEqual([]);
  });

  test('the contract is recorded as requested by the signing key', async () => {
    const { ports, calls } = fakePorts();
    const byOther = message(
      'onboardingRequests',
      'telecom.sales.onboarding-requested.v1',
      { requestId: 'R-3', requestedBy: keys.otherSales.record.id, contract: { contractNo } },
      keys.otherSales.signer,
    );
    expect(await processIntakeMessage(byOther, ports, accept, log)).toBe('started');
    expect(calls.started[0]![2]).toEqual({ requestId: 'R-3', requestedBy: keys.otherSales.record.id });
  });
});
