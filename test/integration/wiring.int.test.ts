/**
 * Walking skeleton on the real services: a worker on the Temporal dev server runs `wiringCheck`, whose
 * activity publishes to the real Kafka broker, and a consumer here reads the event back.
 */
import { randomUUID } from 'node:crypto';
import { type Worker } from '@temporalio/worker';
import type { Consumer, Producer } from 'kafkajs';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import { NetworkSimulator } from '../../activities/network/simulator';
import { createInventoryStore } from '../../inventory/store';
import { loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { createLogger } from '../../platform/logger';
import { connectClient, connectWorker } from '../../platform/temporal';
import { topicName } from '../../platform/topics';
import { createContractWorker } from '../../workers/contract-worker';
import { wiringCheck } from '../../workflows/wiringCheck';
import { waitFor } from '../support/wait';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', LOG_PRETTY: 'false' });
const logger = createLogger(config.log);
const kafka = createKafka(config.kafka, logger);

let client: Client;
let connection: NativeConnection;
let producer: Producer;
let consumer: Consumer;
const received: Array<{ key: string; value: Record<string, unknown> }> = [];

beforeAll(async () => {
  client = await connectClient(config.temporal);
  connection = await connectWorker(config.temporal);
  producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  consumer = kafka.consumer({ groupId: `wiring-test-${randomUUID()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: topicName('system'), fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      received.push({ key: message.key!.toString(), value: JSON.parse(message.value!.toString()) });
    },
  });
});

afterAll(async () => {
  await consumer?.disconnect();
  await producer?.disconnect();
  await connection?.close();
  await client?.connection.close();
});

test('a workflow on the dev server publishes an event that a Kafka consumer receives', async () => {
  const taskQueue = `wiring-${randomUUID()}`;
  const checkId = `check-${randomUUID()}`;
  const store = await createInventoryStore();
  const network = new NetworkSimulator().adapters();
  const worker: Worker = await createContractWorker({
    connection,
    producer,
    store,
    network,
    config,
    taskQueue,
  });

  const result = await worker.runUntil(
    client.workflow.execute(wiringCheck, { taskQueue, workflowId: checkId, args: [{ checkId }] }),
  );

  await store.close();
  const event = await waitFor('the wiring-check event on Kafka', () =>
    received.find((m) => m.key === checkId),
  );
  expect(event.value).toMatchObject({
    specversion: '1.0',
    id: result.eventId,
    type: 'telecom.system.wiring-checked.v1',
    subject: checkId,
    data: { checkId, workflowId: checkId },
  });
});
