/** The publisher activity in an activity context, with a fake producer in place of the broker. */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Producer, ProducerBatch } from 'kafkajs';
import { createKafkaActivities } from '../../../activities/kafka/publisher';
import { buildEvent, type ContractEvent } from '../../../domain/events/catalogue';
import type { CloudEvent } from '../../../domain/events/envelope';
import { CONTRACT_NO, SAMPLES } from '../../domain/events/samples';

function fakeProducer(fail?: Error) {
  const batches: ProducerBatch[] = [];
  const producer = {
    sendBatch: async (batch: ProducerBatch) => {
      if (fail) throw fail;
      batches.push(batch);
      return [];
    },
  } as unknown as Producer;
  return { producer, batches };
}

const meta = { id: 'evt-42', time: '2024-07-08T02:00:00.000Z', contractNo: CONTRACT_NO };
const billingStarted = buildEvent(
  'telecom.contract.billing-started.v1',
  SAMPLES['telecom.contract.billing-started.v1'],
  meta,
);
const approved = buildEvent(
  'telecom.contract.qualification-approved.v1',
  SAMPLES['telecom.contract.qualification-approved.v1'],
  meta,
);
const wiring: CloudEvent = {
  specversion: '1.0',
  id: 'w-1',
  source: 'urn:telecom-contract-orchestrator',
  type: 'telecom.system.wiring-checked.v1',
  subject: 'check-1',
  time: '2024-07-08T02:00:00Z',
  datacontenttype: 'application/json',
  data: { checkId: 'check-1', workflowId: 'check-1' },
};

async function failureOf(run: Promise<unknown>): Promise<ApplicationFailure> {
  const err: unknown = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ApplicationFailure))
    throw new Error(`expected an ApplicationFailure, got ${String(err)}`);
  return err;
}

let env: MockActivityEnvironment;
beforeEach(() => {
  env = new MockActivityEnvironment();
});

test('a billing-relevant event goes to lifecycle and billing, keyed by contract, acks from all replicas', async () => {
  const { producer, batches } = fakeProducer();
  await env.run(createKafkaActivities({ producer }).publishContractEvent, billingStarted);

  expect(batches).toHaveLength(1);
  expect(batches[0]!.acks).toBe(-1);
  expect(batches[0]!.topicMessages!.map((t) => t.topic)).toEqual([
    'contract.lifecycle.v1',
    'contract.billing.v1',
  ]);
  for (const { messages } of batches[0]!.topicMessages!) {
    expect(messages).toEqual([
      {
        key: CONTRACT_NO,
        value: JSON.stringify(billingStarted),
        headers: {
          ce_id: 'evt-42',
          ce_type: billingStarted.type,
          'content-type': 'application/cloudevents+json',
        },
      },
    ]);
  }
});

test('a lifecycle-only event goes to lifecycle only, with the configured topic prefix', async () => {
  const { producer, batches } = fakeProducer();
  await env.run(createKafkaActivities({ producer, topicPrefix: 'staging.' }).publishContractEvent, approved);
  expect(batches[0]!.topicMessages!.map((t) => t.topic)).toEqual(['staging.contract.lifecycle.v1']);
});

test('a schema failure is a non-retryable InvalidEvent naming the field, and nothing is sent', async () => {
  const { producer, batches } = fakeProducer();
  const [line, ...rest] = billingStarted.data.productOrderItem;
  const bad = {
    ...billingStarted,
    data: { ...billingStarted.data, productOrderItem: [{ ...line!, unitPriceFen: 570.5 }, ...rest] },
  } as ContractEvent; // fractional fen type-checks: only the schema catches it

  const failure = await failureOf(env.run(createKafkaActivities({ producer }).publishContractEvent, bad));

  expect(failure.type).toBe('InvalidEvent');
  expect(failure.nonRetryable).toBe(true);
  expect(failure.message).toContain('data.productOrderItem.0.unitPriceFen: must be whole fen');
  expect(failure.details).toEqual([
    { path: 'data.productOrderItem.0.unitPriceFen', message: 'must be whole fen' },
  ]);
  expect(batches).toEqual([]);
});

test('a broker error is rethrown as a retryable failure, so Temporal retries and the workflow waits', async () => {
  const outage = Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), {
    name: 'KafkaJSConnectionError',
  });
  const { producer } = fakeProducer(outage);

  const failure = await failureOf(
    env.run(createKafkaActivities({ producer }).publishContractEvent, approved),
  );

  expect(failure.nonRetryable).toBe(false);
  expect(failure.type).toBe('KafkaPublishFailed');
  expect(failure.message).toContain('ECONNREFUSED');
  expect(failure.cause).toBe(outage);
});

describe('publishEvent({ topic?, event }) (the wiring check and other non-contract events)', () => {
  test('publishes a wiring-check event to the topic asked for', async () => {
    const { producer, batches } = fakeProducer();
    await env.run(createKafkaActivities({ producer }).publishEvent, {
      topic: 'system' as const,
      event: wiring,
    });
    expect(batches[0]!.topicMessages).toEqual([
      { topic: 'system.wiring-check.v1', messages: [expect.objectContaining({ key: 'check-1' })] },
    ]);
  });

  test('routes a contract event by its type when no topic is given', async () => {
    const { producer, batches } = fakeProducer();
    await env.run(createKafkaActivities({ producer }).publishEvent, { event: billingStarted });
    expect(batches[0]!.topicMessages!.map((t) => t.topic)).toEqual([
      'contract.lifecycle.v1',
      'contract.billing.v1',
    ]);
  });

  test.each([
    ['a broken envelope', { topic: 'system', event: { ...wiring, id: '' } }, 'id'],
    ['a non-contract event without a topic', { event: wiring }, 'topic'],
    [
      'a wiring-check event with bad data',
      { topic: 'system', event: { ...wiring, data: { checkId: 'c' } } },
      'data.workflowId',
    ],
    [
      'a contract event sent to a topic its type does not route to',
      { topic: 'system', event: billingStarted },
      'topic',
    ],
    [
      'a misspelt contract event type',
      { topic: 'lifecycle', event: { ...approved, type: 'telecom.contract.qualification-aproved.v1' } },
      'type',
    ],
    [
      'a subject that is not the data contract',
      { event: { ...approved, subject: 'OTHER-CONTRACT' } },
      'subject',
    ],
  ] as const)('refuses %s as InvalidEvent at %s', async (_what, request, path) => {
    const { producer, batches } = fakeProducer();
    const failure = await failureOf(
      env.run(createKafkaActivities({ producer }).publishEvent, request as never),
    );
    expect(failure).toMatchObject({ type: 'InvalidEvent', nonRetryable: true });
    expect(failure.message).toContain(`invalid at ${path}: `);
    expect(batches).toEqual([]);
  });
});
