/**
 * On the real dev server: with PAYLOAD_ENCRYPTION_KEYS set, a contract onboarded through the project's
 * own client (update-with-start) and run by the project's contract worker leaves only ciphertext in
 * Temporal history. Read raw, without the codec, every payload is `binary/encrypted` and neither the
 * contract's number, its customer nor its contacts' personal data is in the input bytes; a client with
 * the codec reads the contract as usual.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { createEventProducer } from '../../activities/kafka/producer';
import { NetworkSimulator } from '../../activities/network/simulator';
import { TemporalContractsClient } from '../../clients/sdk/temporal';
import { localDateOf } from '../../domain/calendar';
import { assertContractSpec, type ContractSpec } from '../../domain/contract-spec';
import { signedOn } from '../../domain/lifecycle/rebase';
import { seedPoolsFromFiles } from '../../inventory/pools';
import { createInventoryStore, type InventoryStore } from '../../inventory/store';
import { loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { createLogger } from '../../platform/logger';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../platform/payload-codec';
import { connectClient, connectWorker } from '../../platform/temporal';
import { createContractWorker } from '../../workers/contract-worker';
import { bundleContractWorkflows } from '../../workers/workflow-bundle';
import { contractWorkflowId, statusQuery } from '../../workflows/messages';
import { waitFor } from '../support/wait';
import { seedPersonalData } from './support/hostile';

const config = loadConfig({
  ...process.env,
  PAYLOAD_ENCRYPTION_KEYS: `it-${randomUUID().slice(0, 8)}:${randomBytes(32).toString('base64')}`,
  LOG_LEVEL: 'warn',
  LOG_PRETTY: 'false',
});
const keyring = config.temporal.payloadEncryption!;
const taskQueue = `encryption-${randomUUID()}`;
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

const raw = JSON.parse(readFileSync(join(__dirname, '../../contracts/XJJCF2400252EGN00.json'), 'utf8')) as {
  contractNo: string;
};
const signed = assertContractSpec({ ...raw, contractNo: `ENC-${randomUUID().slice(0, 8).toUpperCase()}` });
const spec: ContractSpec = signedOn(signed, localDateOf(Date.now()));

let client: Client;
let connection: NativeConnection;
let producer: Producer;
let store: InventoryStore;
let worker: Worker;
let running: Promise<void>;

beforeAll(async () => {
  client = await connectClient(config.temporal);
  connection = await connectWorker(config.temporal);
  producer = createEventProducer(createKafka(config.kafka, createLogger(config.log)));
  await producer.connect();
  store = await createInventoryStore();
  await seedPoolsFromFiles(store.db, new Date());
  const workflowBundle = await bundleContractWorkflows({ logger: quiet });
  worker = await createContractWorker({
    connection,
    producer,
    store,
    network: new NetworkSimulator().adapters(),
    config,
    taskQueue,
    workflowBundle,
  });
  running = worker.run();
});

afterAll(async () => {
  await client?.workflow
    .getHandle(contractWorkflowId(spec.contractNo))
    .terminate('test over')
    .catch(() => undefined);
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await store?.close();
  await connection?.close();
  await client?.connection.close();
});

/**
 * Every Payload-shaped object in a history (inputs, results, update args, memo, markers, failures…)
 * with its path; search attributes are left out: the server must index them, so no codec applies.
 */
function payloadsIn(
  value: unknown,
  path = '',
  found: Array<[string, Payload]> = [],
): Array<[string, Payload]> {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return found;
  const v = value as Record<string, unknown>;
  if (v.metadata && typeof v.metadata === 'object' && v.data instanceof Uint8Array) found.push([path, v]);
  else
    for (const [key, child] of Object.entries(v)) {
      if (key !== 'searchAttributes') payloadsIn(child, `${path}.${key}`, found);
    }
  return found;
}

const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

test('contract payloads are ciphertext in history; a client with the codec reads them', async () => {
  const contracts = new TemporalContractsClient(client, { taskQueue });
  const onboarded = await contracts.onboard(spec);
  expect(onboarded.created).toBe(true);
  const handle = client.workflow.getHandle(contractWorkflowId(spec.contractNo));
  // The worker decrypted the input and the codec client decrypts the answer.
  const status = await waitFor('the contract to answer its status query', () =>
    handle.query(statusQuery).catch(() => undefined),
  );
  expect(status).toMatchObject({ contractNo: spec.contractNo });
  await waitFor('an activity to have run', async () => {
    const { events } = await handle.fetchHistory();
    return events?.some((e) => e.activityTaskCompletedEventAttributes) ? true : undefined;
  });

  // Raw, as the server stores it and as the UI shows it without the codec server.
  const plain = new Client({ connection: client.connection, namespace: config.temporal.namespace });
  const { history } = await plain.workflowService.getWorkflowExecutionHistory({
    namespace: config.temporal.namespace,
    execution: { workflowId: contractWorkflowId(spec.contractNo) },
  });
  // Patch markers hold the SDK's own patch id (code metadata, never contract data), written by
  // Temporal's core without the data converter.
  const payloads = payloadsIn(history).filter(([where]) => !where.includes('.patch-data.'));
  expect(payloads.length).toBeGreaterThan(3);
  const notEncrypted = payloads
    .filter(([, p]) => text(p.metadata!.encoding) !== ENCRYPTED_ENCODING)
    .map(([where, p]) => `${where}: ${text(p.metadata!.encoding)}`);
  expect(notEncrypted).toEqual([]);
  expect(new Set(payloads.map(([, p]) => text(p.metadata![KEY_ID_METADATA])))).toEqual(
    new Set([keyring.currentKeyId]),
  );

  const input = history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  const inputText = input.map((p) => text(p.data)).join();
  const secrets = [spec.contractNo, spec.parties.customer.name, ...seedPersonalData()];
  expect(secrets.filter((s) => inputText.includes(s))).toEqual([]);
  // No contact's personal data anywhere in the stored history (search attributes are not encrypted,
  // which is why they carry none: contract number, organisation, product, stage, region, deadline).
  const historyText = Buffer.from(temporal.api.history.v1.History.encode(history!).finish()).toString('utf8');
  expect(seedPersonalData().filter((s) => historyText.includes(s))).toEqual([]);

  const [decoded] = await new AesGcmPayloadCodec(keyring).decode(input);
  expect(JSON.parse(text(decoded!.data))).toMatchObject({ spec: { contractNo: spec.contractNo } });
});
