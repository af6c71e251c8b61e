/**
 * Publishes that arrive while a producer request is in flight share the next request; each caller
 * still gets its own outcome. A fake producer stands in for kafkajs and holds each request until told.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Message, Producer, ProducerBatch, TopicMessages } from 'kafkajs';
import { coalescingSender } from '../../../activities/kafka/coalescing-sender';
import { createKafkaActivities } from '../../../activities/kafka/publisher';
import { buildEvent } from '../../../domain/events/catalogue';
import { CONTRACT_NO, SAMPLES } from '../../domain/events/samples';

/** A producer whose requests complete only when `settle` is called (oldest first). */
function heldProducer(failWhen: (batch: ProducerBatch) => Error | undefined = () => undefined) {
  const batches: ProducerBatch[] = [];
  const waiting: Array<() => void> = [];
  const producer: Pick<Producer, 'sendBatch'> = {
    sendBatch: (batch) => {
      batches.push(batch);
      return new Promise((resolve, reject) => {
        waiting.push(() => {
          const err = failWhen(batch);
          if (err) reject(err);
          else resolve([]);
        });
      });
    },
  };
  const settle = async () => {
    // Let queued callers reach the sender first.
    await new Promise((r) => setImmediate(r));
    waiting.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { producer, batches, settle, inFlight: () => waiting.length };
}

const msg = (key: string, value = `v-${key}`): Message => ({ key, value });
const on = (topic: string, ...messages: Message[]): TopicMessages[] => [{ topic, messages }];

function outcome(p: Promise<void>): { state: string; error?: unknown } {
  const o: { state: string; error?: unknown } = { state: 'pending' };
  p.then(
    () => (o.state = 'sent'),
    (error: unknown) => Object.assign(o, { state: 'failed', error }),
  );
  return o;
}

test('a lone publish is sent at once, unchanged', async () => {
  const { producer, batches, settle } = heldProducer();
  const send = coalescingSender(producer);
  const topicMessages = [...on('lifecycle', msg('a')), ...on('billing', msg('a'))];
  const done = outcome(send(topicMessages));
  expect(batches).toEqual([{ topicMessages, acks: -1 }]);
  await settle();
  expect(done.state).toBe('sent');
});

test('publishes arriving during a request travel together in the next one, in arrival order per topic', async () => {
  const { producer, batches, settle } = heldProducer();
  const send = coalescingSender(producer);
  const first = outcome(send(on('lifecycle', msg('a'))));
  const rest = [
    outcome(send([...on('lifecycle', msg('b')), ...on('billing', msg('b'))])),
    outcome(send(on('lifecycle', msg('c')))),
    outcome(send([...on('lifecycle', msg('d')), ...on('billing', msg('d'))])),
  ];
  expect(batches).toHaveLength(1);
  await settle();
  expect(first.state).toBe('sent');
  expect(rest.map((r) => r.state)).toEqual(['pending', 'pending', 'pending']);
  expect(batches).toHaveLength(2);
  expect(batches[1]).toEqual({
    acks: -1,
    topicMessages: [
      { topic: 'lifecycle', messages: [msg('b'), msg('c'), msg('d')] },
      { topic: 'billing', messages: [msg('b'), msg('d')] },
    ],
  });
  await settle();
  expect(rest.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
});

test('a shared request holds at most maxPublishes publishes and maxBytes of values', async () => {
  const { producer, batches, settle } = heldProducer();
  const send = coalescingSender(producer, { maxPublishes: 2, maxBytes: 10 });
  const all = [outcome(send(on('t', msg('0'))))];
  for (const [key, value] of [
    ['1', 'xxxx'],
    ['2', 'xxxx'],
    ['3', 'xxxx'],
    ['4', 'xxxxxxxxxxxxxxxx'],
  ]) {
    all.push(outcome(send(on('t', msg(key!, value)))));
  }
  for (let i = 0; i < 5; i++) await settle();
  expect(batches.map((b) => b.topicMessages!.flatMap((t) => t.messages.map((m) => m.key)))).toEqual([
    ['0'],
    ['1', '2'],
    ['3'], // the next one would pass 10 bytes
    ['4'], // larger than maxBytes alone: still sent
  ]);
  expect(all.every((o) => o.state === 'sent')).toBe(true);
});

test('when the broker refuses a shared request, each publish is sent alone and only the bad one fails', async () => {
  const tooLarge = Object.assign(new Error('The request included a message larger than the max'), {
    name: 'KafkaJSProtocolError',
    type: 'MESSAGE_TOO_LARGE',
  });
  const hasBad = (b: ProducerBatch) => b.topicMessages!.some((t) => t.messages.some((m) => m.key === 'bad'));
  const { producer, batches, settle } = heldProducer((b) => (hasBad(b) ? tooLarge : undefined));
  const send = coalescingSender(producer);
  const first = outcome(send(on('t', msg('first'))));
  const good = outcome(send(on('t', msg('good'))));
  const bad = outcome(send(on('t', msg('bad'))));
  await settle(); // first
  await settle(); // good + bad together: refused
  expect(batches[1]!.topicMessages).toEqual([{ topic: 't', messages: [msg('good'), msg('bad')] }]);
  await settle();
  await settle(); // each alone
  expect(batches.slice(2).map((b) => b.topicMessages)).toEqual([on('t', msg('good')), on('t', msg('bad'))]);
  expect([first.state, good.state, bad.state]).toEqual(['sent', 'sent', 'failed']);
  expect(bad.error).toBe(tooLarge);
});

test('when the broker cannot be reached, every publish of the shared request fails with that error at once', async () => {
  const down = Object.assign(new Error('Connection error: connect ECONNREFUSED'), {
    name: 'KafkaJSConnectionError',
  });
  const { producer, batches, settle } = heldProducer((b) => (b === batches[1] ? down : undefined));
  const send = coalescingSender(producer);
  outcome(send(on('t', msg('first'))));
  const waiting = [outcome(send(on('t', msg('a')))), outcome(send(on('t', msg('b'))))];
  await settle();
  await settle();
  expect(batches).toHaveLength(2); // no resend one by one against a broker that is not there
  expect(waiting.map((o) => [o.state, o.error])).toEqual([
    ['failed', down],
    ['failed', down],
  ]);
  // The sender keeps working afterwards.
  const later = outcome(send(on('t', msg('c'))));
  await settle();
  expect(later.state).toBe('sent');
});

test('the publish activity shares requests between concurrent publishes, with the same bytes per event', async () => {
  const { producer, batches, settle, inFlight } = heldProducer();
  const activities = createKafkaActivities({ producer: producer as Producer });
  const events = ['e-1', 'e-2', 'e-3'].map((id) =>
    buildEvent('telecom.contract.billing-started.v1', SAMPLES['telecom.contract.billing-started.v1'], {
      id,
      time: '2024-07-08T02:00:00.000Z',
      contractNo: CONTRACT_NO,
    }),
  );
  const env = new MockActivityEnvironment();
  const runs = events.map((e) => env.run(activities.publishContractEvent, e));
  await new Promise((r) => setImmediate(r));
  while (inFlight() > 0) await settle();
  await Promise.all(runs);
  expect(batches).toHaveLength(2); // on main: one request per event (3)
  const lifecycle = batches.flatMap((b) =>
    b.topicMessages!.filter((t) => t.topic === 'contract.lifecycle.v1'),
  );
  expect(lifecycle.flatMap((t) => t.messages.map((m) => m.value))).toEqual(
    events.map((e) => JSON.stringify(e)),
  );
});
