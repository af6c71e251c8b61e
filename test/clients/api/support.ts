/**
 * One API test environment per test file, on the real services: a contract worker on a unique task
 * queue of the Temporal dev server (real workflow, inventory activities on an embedded store seeded
 * from data/pools, network simulator, events published to the real Kafka broker), the HTTP API on an
 * ephemeral port over TemporalContractsClient, and one API key per role (plus a second sales key and
 * a revoked one). The server's log lines are kept so tests can check what is logged.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { Producer } from 'kafkajs';
import pino from 'pino';
import { createEventProducer } from '../../../activities/kafka/producer';
import { NetworkSimulator } from '../../../activities/network/simulator';
import { buildApiServer } from '../../../clients/api/server';
import { generateApiKey, type ApiKeyRecord } from '../../../clients/api/keys';
import { HttpContractsClient } from '../../../clients/sdk/http';
import { TemporalContractsClient } from '../../../clients/sdk/temporal';
import type { Role } from '../../../clients/sdk/api-contract';
import { localDateOf } from '../../../domain/calendar';
import { assertContractSpec, type ContractSpec } from '../../../domain/contract-spec';
import { signedOn } from '../../../domain/lifecycle/rebase';
import { seedPoolsFromFiles } from '../../../inventory/pools';
import { createInventoryStore, type InventoryStore } from '../../../inventory/store';
import { loadConfig } from '../../../platform/config';
import { createKafka } from '../../../platform/kafka';
import { createLogger } from '../../../platform/logger';
import { connectClient, connectWorker } from '../../../platform/temporal';
import { createContractWorker } from '../../../workers/contract-worker';
import { bundleContractWorkflows } from '../../../workers/workflow-bundle';

export const config = loadConfig({
  ...process.env,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
  LOG_PRETTY: 'false',
});
const logger = createLogger(config.log);

export type KeyName = Role | 'sales2' | 'revoked';

export interface ApiTestEnv {
  taskQueue: string;
  temporal: Client;
  /** The backend the API runs on (no requester scope). */
  contracts: TemporalContractsClient;
  app: FastifyInstance;
  baseUrl: string;
  keys: Record<KeyName, string>;
  records: ApiKeyRecord[];
  /** Every line the API logged, parsed. */
  logLines: Array<Record<string, unknown>>;
  http(key: KeyName): HttpContractsClient;
  stop(): Promise<void>;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export async function startApiTestEnv(tag: string): Promise<ApiTestEnv> {
  const taskQueue = `api-${tag}-${randomUUID()}`;
  const temporal = await connectClient(config.temporal);
  const connection: NativeConnection = await connectWorker(config.temporal);
  const producer: Producer = createEventProducer(createKafka(config.kafka, logger));
  await producer.connect();
  const store: InventoryStore = await createInventoryStore();
  await seedPoolsFromFiles(store.db, new Date());
  const workflowBundle = await bundleContractWorkflows({ logger: quiet });
  const worker: Worker = await createContractWorker({
    connection,
    producer,
    store,
    network: new NetworkSimulator().adapters(),
    config,
    taskQueue,
    workflowBundle,
  });
  const running = worker.run();

  const minted = (['sales', 'sales2', 'engineer', 'billing', 'compliance', 'admin', 'revoked'] as const).map(
    (name) => {
      const role: Role = name === 'sales2' ? 'sales' : name === 'revoked' ? 'engineer' : name;
      const { key, record } = generateApiKey(`${name}-${tag}`.toLowerCase(), role);
      return { name, key, record: name === 'revoked' ? { ...record, revoked: true } : record };
    },
  );
  const keys = Object.fromEntries(minted.map((m) => [m.name, m.key])) as Record<KeyName, string>;
  const records = minted.map((m) => m.record);

  const logLines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logLines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const contracts = new TemporalContractsClient(temporal, { taskQueue });
  const app = await buildApiServer({
    contracts,
    keys: records,
    logger: pino({ level: 'info' }, sink),
    temporalUi: { url: config.temporal.uiUrl, namespace: config.temporal.namespace },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    taskQueue,
    temporal,
    contracts,
    app,
    baseUrl,
    keys,
    records,
    logLines,
    http: (key) => new HttpContractsClient({ baseUrl, apiKey: keys[key] }),
    stop: async () => {
      await app.close();
      worker.shutdown();
      await running;
      await producer.disconnect();
      await store.close();
      await connection.close();
      await temporal.connection.close();
    },
  };
}

/** A seed contract under a unique number, signed today (so no payment is due before the test ends). */
export function uniqueSpec(seedNo = 'XJJCF2400252EGN00'): ContractSpec {
  const raw = JSON.parse(readFileSync(join(__dirname, '../../../contracts', `${seedNo}.json`), 'utf8')) as {
    contractNo: string;
  };
  const seed = assertContractSpec({
    ...raw,
    contractNo: `${seedNo}-${randomUUID().slice(0, 8).toUpperCase()}`,
  });
  return signedOn(seed, localDateOf(Date.now()));
}

export interface RawResponse {
  status: number;
  contentType: string;
  body: Record<string, unknown> & { errors?: Array<{ path: string; message: string }> };
}

/** A raw HTTP call, for what the typed client never sends (bad bodies, wrong headers, no key). */
export async function call(
  env: ApiTestEnv,
  method: string,
  path: string,
  options: {
    key?: KeyName | null;
    rawKey?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.rawKey ?? (options.key === null ? undefined : env.keys[options.key ?? 'admin']);
  if (key !== undefined && !headers['x-api-key']) headers.authorization = `Bearer ${key}`;
  let body = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${env.baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: text ? (JSON.parse(text) as RawResponse['body']) : {},
  };
}

/** Whether Temporal has any execution of the contract's workflow (nothing must start on a refusal). */
export async function workflowExists(env: ApiTestEnv, contractNo: string): Promise<boolean> {
  try {
    await env.temporal.workflow.getHandle(`contract-${contractNo}`).describe();
    return true;
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return false;
    throw err;
  }
}
