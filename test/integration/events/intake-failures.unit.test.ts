/**
 * Issue #15 item 5, unit layer: how the intake treats a failing message. An outage is retried in place
 * for as long as it lasts; any other failure (the RangeError a money sum throws, an unexpected
 * exception) is dead-lettered after a short budget, so it cannot stall its partition.
 */
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { ContractsApiError } from '../../../clients/sdk/api-contract';
import {
  classifyFailure,
  runWithinBudget,
  unprocessableReason,
  type BudgetedRun,
} from '../../../workers/intake-failures';
import { temporalAndDeadLetterPorts, type IntakeConsumerDeps } from '../../../workers/intake-consumer';
import type { InboundMessage, IntakeOutcome } from '../../../workers/intake-handler';

const grpc = (code: number, details: string) =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
/** kafkajs builds protocol errors from the broker's error record; its typings omit that shape. */
const protocolError = (type: string, code: number, retriable: boolean) =>
  new KafkaJSProtocolError(Object.assign(new Error(type), { type, code, retriable }));
const overflow = new RangeError('amount must be a safe integer of fen: 324259173170675650');

/** A run whose attempts throw the given errors in turn, then succeed; pauses are recorded, not waited. */
function scripted(failures: unknown[], overrides: Partial<BudgetedRun> = {}) {
  const seen = { attempts: 0, pauses: [] as number[], deadLettered: [] as string[], kinds: [] as string[] };
  const run: BudgetedRun = {
    attempt: async (): Promise<IntakeOutcome> => {
      const failure = failures[seen.attempts++];
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a library may throw a non-Error
      if (failure !== undefined) throw failure;
      return 'signalled';
    },
    deadLetter: async (reason) => void seen.deadLettered.push(reason),
    probe: async () => true,
    pause: async (ms) => void seen.pauses.push(ms),
    beforeRetry: async (_err, kind) => void seen.kinds.push(kind),
    ...overrides,
  };
  return { run, seen };
}

test.each<[string, unknown, string]>([
  ['a RangeError from a money sum', overflow, 'message'],
  ['a TypeError', new TypeError("Cannot read properties of undefined (reading 'x')"), 'message'],
  [
    'a 500 from the SDK',
    new ContractsApiError({ type: 'about:blank', title: 'Internal error', status: 500 }),
    'message',
  ],
  ['a string thrown', 'boom', 'message'],
  ['Temporal UNAVAILABLE', grpc(14, 'connection refused'), 'outage'],
  ['Temporal shedding load', grpc(8, 'namespace rate limit exceeded'), 'outage'],
  [
    'UNAVAILABLE as the cause of an SDK error',
    Object.assign(new Error('start failed'), { cause: grpc(14, 'x') }),
    'outage',
  ],
  [
    'a refused TCP connection',
    Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    'outage',
  ],
  ['the broker unreachable', new KafkaJSConnectionError('Connection error: ECONNREFUSED'), 'outage'],
  ['a retriable broker error', protocolError('NOT_LEADER_FOR_PARTITION', 6, true), 'outage'],
  ['the broker refusing this record', protocolError('MESSAGE_TOO_LARGE', 10, false), 'message'],
  ['a deadline exceeded', grpc(4, 'deadline exceeded'), 'unanswered'],
  [
    'an update that timed out',
    new WorkflowUpdateRPCTimeoutOrCancelledError('timed out', { cause: new Error('x') }),
    'unanswered',
  ],
  [
    'the SDK 503',
    new ContractsApiError({ type: 'x', title: 'Service unavailable', status: 503 }),
    'unanswered',
  ],
])('%s: classified by its cause chain', (what, err, kind) => {
  expect({ what, kind: classifyFailure(err) }).toEqual({ what, kind });
});

test('a message that throws every time is dead-lettered after 3 attempts, within a second of pauses', async () => {
  const { run, seen } = scripted([overflow, overflow, overflow, overflow]);
  expect(await runWithinBudget(run)).toBe('dead-lettered');
  expect(seen.attempts).toBe(3);
  expect(seen.pauses).toEqual([250, 500]);
  expect(seen.deadLettered).toEqual([
    // Long digit runs are masked like ID numbers: the reason may be read by anyone with the topic.
    'unprocessable: RangeError: amount must be a safe integer of fen: [personal data] (failed 3 attempts)',
  ]);
});

test('a failure that goes away within the budget is not dead-lettered', async () => {
  const { run, seen } = scripted([overflow]);
  expect(await runWithinBudget(run)).toBe('signalled');
  expect(seen.deadLettered).toEqual([]);
});

test('an outage is retried in place with backoff for as long as it lasts, without using the budget', async () => {
  const down = grpc(14, 'connection refused');
  const { run, seen } = scripted([...Array.from({ length: 8 }, () => down), overflow, overflow]);
  expect(await runWithinBudget({ ...run, outage: { initialMs: 100, maxMs: 1_000 } })).toBe('signalled');
  expect(seen.pauses).toEqual([100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000, 250, 500]);
  expect(seen.deadLettered).toEqual([]);
  expect(seen.kinds.filter((k) => k === 'outage')).toHaveLength(8);
});

test('a timeout while Temporal answers counts against the budget; while it does not, it is an outage', async () => {
  const timeout = grpc(4, 'deadline exceeded');
  const healthy = scripted([timeout, timeout, timeout]);
  expect(await runWithinBudget(healthy.run)).toBe('dead-lettered');
  expect(healthy.seen.deadLettered[0]).toMatch(/^unprocessable: Error: 4 deadline exceeded/);

  const down = scripted([timeout, timeout, timeout, timeout], { probe: async () => false });
  expect(await runWithinBudget(down.run)).toBe('signalled');
  expect(down.seen.deadLettered).toEqual([]);
});

test('the dead-letter topic being down delays the dead letter, never drops or skips it', async () => {
  let refusals = 2;
  const { run, seen } = scripted([overflow, overflow, overflow], {
    deadLetter: async (reason) => {
      if (refusals-- > 0) throw new KafkaJSConnectionError('Connection error');
      seen.deadLettered.push(reason);
    },
  });
  expect(await runWithinBudget(run)).toBe('dead-lettered');
  expect(seen.deadLettered).toHaveLength(1);
  expect(seen.pauses).toEqual([250, 500, 500, 1_000]);
});

test('stopping during a retry abandons the message without dead-lettering it', async () => {
  const { run, seen } = scripted([overflow, overflow, overflow], {
    beforeRetry: async () => {
      throw new Error('intake stopping');
    },
  });
  await expect(runWithinBudget(run)).rejects.toThrow('intake stopping');
  expect(seen.deadLettered).toEqual([]);
});

test('the reason is clipped, single-line and masks personal data an exception may quote', () => {
  const err = new RangeError(`not an amount of money: "刘强 13912345678\n${'x'.repeat(1_000)}"`);
  const reason = unprocessableReason(err, 3);
  expect(reason).toMatch(/^unprocessable: RangeError: not an amount of money: "刘强 \[personal data\] x+…/);
  expect(reason).not.toContain('13912345678');
  expect(reason).not.toContain('\n');
  expect(reason.length).toBeLessThan(400);
});

describe('the dead letter itself', () => {
  const message: InboundMessage = {
    topicKey: 'billingFacts',
    topic: 'contract.billing-facts.v1',
    partition: 1,
    offset: '9',
    key: Buffer.from('XJJCF2400252EGN00'),
    value: Buffer.from('x'.repeat(1_000)),
    headers: { tco_key_id: Buffer.from('billing-main') },
  };
  function portsSending(failures: unknown[]) {
    const sent: Array<{ value: unknown; headers: Record<string, unknown> }> = [];
    const producer = {
      send: async (record: { messages: Array<{ value: unknown; headers: Record<string, unknown> }> }) => {
        const failure = failures.shift();
        if (failure) throw failure as Error;
        sent.push(record.messages[0]!);
        return [];
      },
    };
    const ports = temporalAndDeadLetterPorts({ producer, topicPrefix: '' } as unknown as IntakeConsumerDeps);
    return { ports, sent };
  }

  test('a dead letter the broker refuses as too large is sent without the value, never stalling', async () => {
    const { ports, sent } = portsSending([protocolError('MESSAGE_TOO_LARGE', 10, false)]);
    await ports.deadLetter(message, 'invalid-data: data.amountFen: too big');
    expect(sent).toEqual([
      {
        key: message.key,
        value: null,
        headers: {
          dlq_reason: 'invalid-data: data.amountFen: too big',
          dlq_source_topic: 'contract.billing-facts.v1',
          dlq_partition: '1',
          dlq_offset: '9',
          dlq_value_dropped: 'KafkaJSProtocolError',
        },
      },
    ]);
  });

  test('the broker being down is thrown, to be retried in place', async () => {
    const down = new KafkaJSConnectionError('Connection error');
    const { ports, sent } = portsSending([down]);
    await expect(ports.deadLetter(message, 'x: y')).rejects.toBe(down);
    expect(sent).toEqual([]);
  });
});
