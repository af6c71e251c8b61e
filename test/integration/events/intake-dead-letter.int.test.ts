/**
 * Real broker + dev server: the intake consumer dead-letters a malformed message with its reason and
 * goes on with the next; onboarding starts one workflow per contract (a stand-in registered as
 * `contractLifecycle` on this test's own task queue); facts are signalled to it; offsets are committed.
 * Messages are signed by this file's own keys, on its own topics (private-topics.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, type NativeConnection, Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { createEventProducer } from '../../../activities/kafka/producer';
import { signedIntakeMessage } from '../../../clients/sdk/intake';
import { connectClient, connectWorker } from '../../../platform/temporal';
import { createKafka } from '../../../platform/kafka';
import { createKafkaOps } from '../../../platform/observability/kafka-ops';
import { createMetrics } from '../../../platform/observability/metrics';
import { createIntakeConsumer, type IntakeConsumer } from '../../../workers/intake-consumer';
import { validateContractSpec } from '../../../workers/intake';
import { contractWorkflowId } from '../../../workflows/messages';
import { waitFor } from '../../support/wait';
import { intakeKeys, producerFor } from '../../support/intake-keys';
import { receivedQuery } from './fixtures/workflows';
import { collectAll, createPrivateTopics } from './private-topics';
import { config, kafka, logger, uniqueContractNo, uniqueGroup } from './support';

jest.setTimeout(120_000);

const contractNo = uniqueContractNo('INTAKE');
const unknownContractNo = uniqueContractNo('NOWF');
const taskQueue = `intake-test-${randomUUID()}`;
const intakeGroupId = uniqueGroup('intake');
const keys = intakeKeys();
let topics: Awaited<ReturnType<typeof createPrivateTopics>>;
const seed = JSON.parse(
  readFileSync(join(__dirname, '../../../contracts/XJJCF2400252EGN00.json'), 'utf8'),
) as Record<string, unknown>;

let client: Client;
let connection: NativeConnection;
let producer: Producer;
let worker: Worker;
let running: Promise<void>;
let intake: IntakeConsumer;
let deadLetters: Awaited<ReturnType<typeof collectAll>>;
const metrics = createMetrics({ enabled: true, process: 'intake' });
const kafkaOps = createKafkaOps(createKafka(config.kafka, logger, { retries: 0 }));

function fact(type: string, subject: string, data: unknown): string {
  const time = '2025-08-01T02:00:00Z';
  return JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    source: 'urn:test',
    type,
    subject,
    time,
    datacontenttype: 'application/json',
    data,
  });
}

async function produce(
  topic: 'onboardingRequests' | 'billingFacts' | 'complianceFacts',
  key: string,
  value: string,
) {
  const [meta] = await producer.send({
    topic: topics.name(topic),
    messages: [signedIntakeMessage(producerFor(keys, topic), topic, value, { key })],
  });
  return { partition: meta!.partition, offset: meta!.baseOffset! };
}

beforeAll(async () => {
  topics = await createPrivateTopics('intake');
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
    groupId: intakeGroupId,
    topicPrefix: topics.prefix,
    retry: { initialMs: 100, maxMs: 1_000 },
    metrics,
  });
  await intake.start();
  await intake.ready();
});

afterAll(async () => {
  await kafkaOps.close();
  await client?.workflow
    .getHandle(contractWorkflowId(contractNo))
    .terminate('test over')
    .catch(() => undefined);
  await Promise.allSettled([intake?.stop(), deadLetters?.stop()]);
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await connection?.close();
  await client?.connection.close();
  await topics?.remove();
});

test('a malformed message is dead-lettered with its reason and the valid ones after it are processed', async () => {
  const malformed = await produce('onboardingRequests', contractNo, '{"specversion":"1.0",');
  const onboarding = fact('telecom.sales.onboarding-requested.v1', contractNo, {
    requestId: 'R-1',
    requestedBy: keys.sales.record.id,
    contract: { ...seed, contractNo },
  });
  await produce('onboardingRequests', contractNo, onboarding);
  const duplicate = await produce('onboardingRequests', contractNo, onboarding);

  const dead = await waitFor('the malformed message on the dead-letter topic', () => deadLetters.messages[0]);
  expect(dead.value).toBe('{"specversion":"1.0",');
  expect(dead.headers).toMatchObject({
    dlq_reason: expect.stringMatching(/^invalid-json: /),
    dlq_source_topic: topics.name('onboardingRequests'),
    dlq_partition: String(malformed.partition),
    dlq_offset: malformed.offset,
  });

  const handle = client.workflow.getHandle(contractWorkflowId(contractNo));
  const first = await waitFor('the contract workflow to start', () =>
    handle.describe().catch(() => undefined),
  );
  expect(first.type).toBe('contractLifecycle');
  expect(first.taskQueue).toBe(taskQueue);
  const spec = (await handle.query(receivedQuery)).spec as { contractNo: string; clauses: object };
  expect(spec).toMatchObject({ contractNo, clauses: expect.any(Object) });

  // The duplicate carries the same request id, so it is the same request: answered like the first
  // (update-with-start is idempotent), never a second workflow.
  await waitFor('the duplicate request to be processed', () =>
    intake.stats.started + intake.stats['already-started'] >= 2 ? true : undefined,
  );
  expect((await handle.describe()).runId).toBe(first.runId);
  await waitFor('the offset after the duplicate to be committed', async () => {
    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({
      groupId: intakeGroupId,
      topics: [topics.name('onboardingRequests')],
    });
    await admin.disconnect();
    const partition = committed?.partitions.find((p) => p.partition === duplicate.partition);
    return partition?.offset === String(Number(duplicate.offset) + 1) ? true : undefined;
  });
});

test('facts are signalled to the contract; facts for unknown contracts or failing their schema are dead-lettered', async () => {
  const handle = client.workflow.getHandle(contractWorkflowId(contractNo));
  await waitFor('the contract workflow', () => handle.describe().catch(() => undefined));
  const payment = { contractNo, paymentId: 'P-1', amountFen: 2_754_000, paidDate: '2025-08-01' };
  await produce(
    'billingFacts',
    unknownContractNo,
    fact('telecom.billing.payment-received.v1', unknownContractNo, {
      ...payment,
      contractNo: unknownContractNo,
    }),
  );
  await produce(
    'complianceFacts',
    contractNo,
    fact('telecom.compliance.complaint-recorded.v1', contractNo, { contractNo, complaintId: 'C-1' }),
  );
  await produce('billingFacts', contractNo, fact('telecom.billing.payment-received.v1', contractNo, payment));

  const signals = await waitFor('the payment signal in the workflow', async () => {
    const received = await handle.query(receivedQuery);
    return received.signals.length > 0 ? received.signals : undefined;
  });
  expect(signals).toEqual([{ name: 'paymentReceived', data: payment }]);

  const reasons = await waitFor('both facts on the dead-letter topic', () => {
    const later = deadLetters.messages.slice(1).map((m) => m.headers.dlq_reason);
    return later.length >= 2 ? later : undefined;
  });
  expect(reasons).toEqual(
    expect.arrayContaining([
      `workflow-not-found: no running workflow for contract ${unknownContractNo}`,
      expect.stringMatching(/^invalid-data: data\.receivedDate: /),
    ]),
  );

  // The same dead letters in the metrics, by reason code only; and once every message is committed
  // the group is behind by nothing on any partition of its topics.
  kafkaOps.watchLag(metrics, intakeGroupId, intake.topics);
  const dead = (reason: string) => `tco_dead_letters_total{consumer="intake",reason="${reason}"} 1`;
  const text = await waitFor('no lag left', async () => {
    const t = await metrics.render();
    const lags = t.split('\n').filter((l) => l.startsWith(`tco_consumer_lag{group="${intakeGroupId}"`));
    return lags.length > 0 && lags.every((l) => l.endsWith(' 0')) ? t : undefined;
  });
  expect(text).toContain(dead('invalid-json'));
  expect(text).toContain(dead('workflow-not-found'));
  expect(text).toContain(dead('invalid-data'));
  expect(text).not.toContain(unknownContractNo);
  expect(text).not.toContain(contractNo);
});
