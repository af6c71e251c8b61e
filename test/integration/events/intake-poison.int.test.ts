/**
 * Issue #15 items 5 and 6 on the real broker and dev server: a poison message (an onboarding request
 * whose sums overflow) ahead of valid ones on the same partition no longer stalls the intake — it is
 * dead-lettered within the retry budget and the valid onboarding and payment behind it go through; the
 * timing is printed for the closing note. Forged `requestedBy` and payments from anyone but a billing
 * key are dead-lettered and change no contract. The test runs on its own topics (private-topics.ts),
 * task queue and keys, with the stand-in `contractLifecycle` of fixtures/workflows.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, type NativeConnection, Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { createEventProducer } from '../../../activities/kafka/producer';
import { signedIntakeMessage, type IntakeSigner } from '../../../clients/sdk/intake';
import type { IntakeTopic } from '../../../domain/events/intake-facts';
import { connectClient, connectWorker } from '../../../platform/temporal';
import { createIntakeConsumer, type IntakeConsumer } from '../../../workers/intake-consumer';
import { validateContractSpec } from '../../../workers/intake';
import { contractWorkflowId } from '../../../workflows/messages';
import { intakeKeys } from '../../support/intake-keys';
import { waitFor } from '../../support/wait';
import { receivedQuery } from './fixtures/workflows';
import { collectAll, createPrivateTopics } from './private-topics';
import { config, kafka, logger, uniqueContractNo } from './support';

jest.setTimeout(120_000);

const keys = intakeKeys();
const taskQueue = `intake-poison-${randomUUID()}`;
const seed = JSON.parse(
  readFileSync(join(__dirname, '../../../contracts/XJJCF2400252EGN00.json'), 'utf8'),
) as Record<string, unknown> & { lineItems: Array<Record<string, unknown>> };
const [existing, poisoned, behind, forged, byOther] = ['EXIST', 'POISON', 'BEHIND', 'FORGED', 'OTHER'].map(
  uniqueContractNo,
) as [string, string, string, string, string];

let topics: Awaited<ReturnType<typeof createPrivateTopics>>;
let client: Client;
let connection: NativeConnection;
let producer: Producer;
let worker: Worker;
let running: Promise<void>;
let intake: IntakeConsumer;
let deadLetters: Awaited<ReturnType<typeof collectAll>>;

function cloudEvent(type: string, subject: string, data: unknown, source = 'urn:test') {
  const time = new Date().toISOString();
  return {
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject,
    time,
    datacontenttype: 'application/json',
    data,
  };
}

const onboarding = (contractNo: string, requestedBy: string, contract: Record<string, unknown> = seed) =>
  cloudEvent('telecom.sales.onboarding-requested.v1', contractNo, {
    requestId: `R-${contractNo}`,
    requestedBy,
    contract: { ...contract, contractNo },
  });

const payment = (contractNo: string, paymentId: string, source = 'urn:billing') =>
  cloudEvent(
    'telecom.billing.payment-received.v1',
    contractNo,
    { contractNo, paymentId, amountFen: 2_754_000, paidDate: '2025-08-01' },
    source,
  );

/** Produce to partition 0 of the topic, so the messages queue behind each other. */
async function send(topic: IntakeTopic, event: { subject: string }, signer?: IntakeSigner) {
  const message = signer
    ? signedIntakeMessage(signer, topic, event)
    : { key: event.subject, value: JSON.stringify(event) };
  await producer.send({ topic: topics.name(topic), messages: [{ ...message, partition: 0 }] });
}

const handleOf = (contractNo: string) => client.workflow.getHandle(contractWorkflowId(contractNo));
const signalsOf = async (contractNo: string) => (await handleOf(contractNo).query(receivedQuery)).signals;
const reasonsFor = (contractNo: string) =>
  deadLetters.messages.filter((m) => m.key === contractNo).map((m) => m.headers.dlq_reason);

beforeAll(async () => {
  topics = await createPrivateTopics('poison');
  client = await connectClient(config.temporal);
  connection = await connectWorker(config.temporal);
  producer = createEventProducer(kafka);
  await producer.connect();
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./fixtures/workflows'),
    logger: undefined,
  });
  worker = await Worker.create({ connection, taskQueue, workflowBundle });
  running = worker.run();
  deadLetters = await collectAll(topics.name('deadLetter'));
  intake = createIntakeConsumer({
    kafka,
    producer,
    client,
    taskQueue,
    validateContract: validateContractSpec,
    authenticate: keys.authenticate,
    logger,
    groupId: `intake-poison-${randomUUID()}`,
    topicPrefix: topics.prefix,
    retry: { initialMs: 100, maxMs: 1_000 },
  });
  await intake.start();
  await intake.ready();
  // A contract already running, for the payments below.
  await send('onboardingRequests', onboarding(existing, keys.sales.record.id), keys.sales.signer);
  await waitFor('the existing contract to start', () =>
    handleOf(existing)
      .describe()
      .catch(() => undefined),
  );
});

afterAll(async () => {
  await Promise.allSettled(
    [existing, behind, byOther, poisoned, forged].map((no) => handleOf(no).terminate('test over')),
  );
  await Promise.allSettled([intake?.stop(), deadLetters?.stop()]);
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await connection?.close();
  await client?.connection.close();
  await topics?.remove();
});

test('a poison message is dead-lettered within the budget; the valid onboarding and payment behind it go through', async () => {
  // Each price is a safe integer; price × quantity over the term is not (a RangeError on main).
  const overflowing = {
    ...seed,
    lineItems: seed.lineItems.map((i) => ({ ...i, unitPriceFen: 9e15, quantity: 1_000 })),
  };
  const started = performance.now();
  await send(
    'onboardingRequests',
    onboarding(poisoned, keys.sales.record.id, overflowing),
    keys.sales.signer,
  );
  await send('onboardingRequests', onboarding(behind, keys.sales.record.id), keys.sales.signer);
  await send('billingFacts', payment(existing, 'P-UNSIGNED'));
  await send('billingFacts', payment(existing, 'P-VALID'), keys.billing.signer);

  const [poisonReason] = await waitFor('the poison on the dead-letter topic', () => {
    const found = reasonsFor(poisoned);
    return found.length ? found : undefined;
  });
  const poisonMs = Math.round(performance.now() - started);
  await waitFor('the onboarding behind the poison', () =>
    handleOf(behind)
      .describe()
      .catch(() => undefined),
  );
  const onboardedMs = Math.round(performance.now() - started);
  const signals = await waitFor('the valid payment', async () => {
    const all = await signalsOf(existing);
    return all.length ? all : undefined;
  });
  const paidMs = Math.round(performance.now() - started);
  console.info(
    `intake poison test: poison dead-lettered after ${poisonMs} ms; the onboarding behind it started ` +
      `after ${onboardedMs} ms; the payment signalled after ${paidMs} ms (budget: 3 attempts, 250 ms doubling)`,
  );

  // Once amounts are bounded by the schema the poison is refused at once instead of throwing.
  expect(poisonReason).toMatch(/^(unprocessable: RangeError|invalid-contract): /);
  expect(
    await handleOf(poisoned)
      .describe()
      .catch(() => 'no workflow'),
  ).toBe('no workflow');
  expect(signals).toEqual([
    { name: 'paymentReceived', data: expect.objectContaining({ paymentId: 'P-VALID' }) },
  ]);
  expect(paidMs).toBeLessThan(15_000);
  await waitFor(
    'the unsigned payment on the dead-letter topic',
    () =>
      reasonsFor(existing).some((r) => r?.startsWith('unauthenticated: the message is not signed')) ||
      undefined,
  );
});

test('a forged requestedBy and payments not signed by a billing key are dead-lettered and change no contract', async () => {
  await send('onboardingRequests', onboarding(forged, keys.otherSales.record.id), keys.sales.signer);
  await send('onboardingRequests', onboarding(byOther, keys.otherSales.record.id), keys.otherSales.signer);
  // Another sales system onboarding an existing contract's number (its own request id) under its name.
  const replay = onboarding(existing, keys.otherSales.record.id);
  replay.data = { ...(replay.data as object), requestId: 'R-OTHER-SYSTEM' };
  await send('onboardingRequests', replay, keys.otherSales.signer);
  await send('billingFacts', payment(existing, 'P-FROM-SALES', 'urn:billing'), keys.sales.signer);
  await send('billingFacts', payment(existing, 'P-REVOKED'), keys.revoked.signer);
  await send('billingFacts', payment(existing, 'P-STRANGER'), keys.stranger.signer);
  await send('billingFacts', payment(existing, 'P-LAST'), keys.billing.signer);

  await waitFor(
    'the last, valid payment',
    async () =>
      (await signalsOf(existing)).some((s) => (s.data as { paymentId: string }).paymentId === 'P-LAST') ||
      undefined,
  );
  const paid = (await signalsOf(existing)).map((s) => (s.data as { paymentId: string }).paymentId);
  expect(paid).toEqual(['P-VALID', 'P-LAST']);

  const reasons = await waitFor('the refused payments and onboarding on the dead-letter topic', () => {
    const all = [...reasonsFor(existing), ...reasonsFor(forged)];
    return all.length >= 6 ? all : undefined;
  });
  expect(reasons).toEqual(
    expect.arrayContaining([
      `forbidden: data.requestedBy must be the signing key id '${keys.sales.record.id}'`,
      expect.stringMatching(
        /^forbidden: key 'crm-.*' \(role sales\) may not publish to contract\.billing-facts\.v1/,
      ),
      `unauthenticated: key '${keys.revoked.record.id}' is revoked`,
      `unauthenticated: key '${keys.stranger.record.id}' is not in the key registry`,
      expect.stringMatching(/^refused: /),
    ]),
  );
  expect((await handleOf(existing).describe()).memo).toMatchObject({ requestedBy: keys.sales.record.id });
  expect(
    await handleOf(forged)
      .describe()
      .catch(() => 'no workflow'),
  ).toBe('no workflow');
  // The contract belongs to the key that signed its onboarding.
  const other = await waitFor('the contract onboarded by the other sales key', () =>
    handleOf(byOther)
      .describe()
      .catch(() => undefined),
  );
  expect(other.memo).toMatchObject({ requestedBy: keys.otherSales.record.id });
});
