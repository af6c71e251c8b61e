/**
 * The book's gauges on the real dev server, with payload encryption on: two seed contracts on a unique
 * task queue, one driven from qualification to provisioning; the book, counted from visibility by a
 * Client on the worker's own NativeConnection, shows them by stage and product, their open obligations
 * by party as their statuses list them, and overdue ones once `today` is past a due date. The new
 * history (with the memo's patch) replays; a failed count keeps the last values and is counted.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import pino from 'pino';
import { Registry } from 'prom-client';
import { createEventProducer } from '../../activities/kafka/producer';
import { NetworkSimulator } from '../../activities/network/simulator';
import { play } from '../../clients/sdk/player';
import { TemporalContractsClient } from '../../clients/sdk/temporal';
import { addDays, localDateOf, type IsoDate } from '../../domain/calendar';
import type { ContractStatus } from '../../domain/lifecycle/status';
import { seedPoolsFromFiles } from '../../inventory/pools';
import { createInventoryStore, type InventoryStore } from '../../inventory/store';
import { loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { createLogger } from '../../platform/logger';
import { ENCRYPTED_ENCODING } from '../../platform/payload-codec';
import { connectWorker, dataConverter } from '../../platform/temporal';
import { startBookMetrics, type BookMetrics } from '../../workers/book-metrics';
import { createContractWorker } from '../../workers/contract-worker';
import { bundleContractWorkflows } from '../../workers/workflow-bundle';
import { BOOK_MEMO_KEY } from '../../workflows/book-memo';
import { contractWorkflowId } from '../../workflows/messages';
import { uniqueSpec } from '../clients/api/support';
import { waitFor } from '../support/wait';

const config = loadConfig({
  ...process.env,
  PAYLOAD_ENCRYPTION_KEYS: `book-${randomUUID().slice(0, 8)}:${randomBytes(32).toString('base64')}`,
  LOG_LEVEL: 'warn',
  LOG_PRETTY: 'false',
});
const logger = createLogger(config.log);
const taskQueue = `book-${randomUUID()}`;
const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

// 96110 cloud call centre, driven to provisioning; 30 dedicated lines, left in qualification.
const driven = uniqueSpec('XJJCF2400252EGN00');
const waiting = uniqueSpec('JSCZE2208138CGN00');

let connection: NativeConnection;
let client: Client;
let producer: Producer;
let store: InventoryStore;
let worker: Worker;
let running: Promise<void>;
let workflowBundle: Awaited<ReturnType<typeof bundleContractWorkflows>>;
let contracts: TemporalContractsClient;
const registry = new Registry();
let today: IsoDate | undefined;
let book: BookMetrics;

beforeAll(async () => {
  connection = await connectWorker(config.temporal);
  // What workers/main.ts can build: a Client on the worker's NativeConnection, same data converter.
  client = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: dataConverter(config.temporal),
  });
  producer = createEventProducer(createKafka(config.kafka, logger));
  await producer.connect();
  store = await createInventoryStore();
  await seedPoolsFromFiles(store.db, new Date());
  workflowBundle = await bundleContractWorkflows({ logger: quiet });
  const network = new NetworkSimulator().adapters();
  worker = await createContractWorker({
    connection,
    producer,
    store,
    network,
    config,
    taskQueue,
    workflowBundle,
  });
  running = worker.run();
  contracts = new TemporalContractsClient(client, { taskQueue });
  // A long interval: the test counts with refresh() when it wants to.
  book = startBookMetrics({
    client,
    taskQueue,
    registry,
    intervalMs: 3_600_000,
    logger,
    today: () => today ?? localDateOf(Date.now()),
  });
});

afterAll(async () => {
  book?.stop();
  for (const spec of [driven, waiting]) {
    await client?.workflow
      .getHandle(contractWorkflowId(spec.contractNo))
      .terminate('test over')
      .catch(() => undefined);
  }
  worker?.shutdown();
  await running;
  await producer?.disconnect();
  await store?.close();
  await connection?.close();
});

/** The value of one sample in the registry's exposition text (undefined when absent). */
async function sample(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const line = (await registry.metrics())
    .split('\n')
    .find((l) => l.startsWith(wanted ? `${name}{${wanted}} ` : `${name} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** Open (or overdue on `on`) obligations by party over the contracts' own statuses. */
function byParty(statuses: ContractStatus[], on?: IsoDate): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of statuses.flatMap((s) => s.obligations)) {
    if (on !== undefined && !(o.dueDate && o.dueDate < on)) continue;
    counts[o.party] = (counts[o.party] ?? 0) + 1;
  }
  return counts;
}

/** Count until visibility has caught up with `expected` (it is eventually consistent), or fail. */
async function bookShows(what: string, expected: Array<[string, Record<string, string>, number]>) {
  await waitFor(
    what,
    async () => {
      await book.refresh();
      for (const [name, labels, value] of expected)
        if ((await sample(name, labels)) !== value) return undefined;
      return true;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

const partyRows = (name: string, counts: Record<string, number>) =>
  (['reviewer', 'engineer', 'customer', 'billing', 'compliance', 'sales'] as const).map(
    (party): [string, Record<string, string>, number] => [name, { party }, counts[party] ?? 0],
  );

test('the book counts both contracts by stage and product, then follows one to provisioning', async () => {
  await contracts.onboard(driven);
  await contracts.onboard(waiting);
  const inReview = (s: ContractStatus) => s.obligations.some((o) => o.kind === 'qualification-decision');
  const first = await waitFor('both contracts in review', async () => {
    const both = await Promise.all([contracts.get(driven.contractNo), contracts.get(waiting.contractNo)]);
    return both.every(inReview) ? both : undefined;
  });
  await bookShows('both contracts in qualification', [
    ['tco_contracts', { stage: 'qualification', product: 'cloud-call-centre' }, 1],
    ['tco_contracts', { stage: 'qualification', product: 'dedicated-line' }, 1],
    ['tco_contracts_stuck', {}, 0],
    ...partyRows('tco_obligations_open', byParty(first)),
  ]);

  await play(contracts, driven.contractNo, { until: (s) => s.stage === 'provisioning', timeoutMs: 60_000 });
  const now = await Promise.all([contracts.get(driven.contractNo), contracts.get(waiting.contractNo)]);
  expect(byParty(now)).not.toEqual(byParty(first));
  await bookShows('one contract moved to provisioning', [
    // The stage it left reads 0, not its old count.
    ['tco_contracts', { stage: 'qualification', product: 'cloud-call-centre' }, 0],
    ['tco_contracts', { stage: 'provisioning', product: 'cloud-call-centre' }, 1],
    ['tco_contracts', { stage: 'qualification', product: 'dedicated-line' }, 1],
    ...partyRows('tco_obligations_open', byParty(now)),
    ...partyRows('tco_obligations_overdue', {}),
  ]);
  // What one count costs at this size, printed for the record (no assertion on timing).
  const counted = performance.now();
  await book.refresh();
  process.stdout.write(`book refresh of 2 contracts: ${Math.round(performance.now() - counted)} ms\n`);
  expect(await sample('tco_book_refresh_seconds')).toBeGreaterThan(Date.now() / 1000 - 60);
  expect(await sample('tco_book_refresh_failures_total')).toBe(0);
});

test('past a due date, those obligations are overdue by party; the others stay open only', async () => {
  const now = await Promise.all([contracts.get(driven.contractNo), contracts.get(waiting.contractNo)]);
  const dues = now.flatMap((s) => s.obligations.flatMap((o) => (o.dueDate ? [o.dueDate] : []))).sort();
  expect(dues.length).toBeGreaterThan(0);
  today = addDays(dues[0]! as IsoDate, 1);
  const overdue = byParty(now, today);
  expect(Object.values(overdue).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  await bookShows('overdue obligations the day after the earliest due date', [
    ...partyRows('tco_obligations_overdue', overdue),
    ...partyRows('tco_obligations_open', byParty(now)),
  ]);
  today = undefined;
});

test('the memo is ciphertext in visibility, and the history that wrote it replays', async () => {
  const raw = new Client({ connection, namespace: config.temporal.namespace });
  const { executions } = await raw.workflowService.listWorkflowExecutions({
    namespace: config.temporal.namespace,
    query: `WorkflowId = '${contractWorkflowId(driven.contractNo)}'`,
  });
  const memo = executions[0]?.memo?.fields?.[BOOK_MEMO_KEY];
  expect(Buffer.from(memo?.metadata?.encoding ?? []).toString('utf8')).toBe(ENCRYPTED_ENCODING);

  const history = await client.workflow.getHandle(contractWorkflowId(driven.contractNo)).fetchHistory();
  const modified = history.events?.filter((e) => e.workflowPropertiesModifiedEventAttributes) ?? [];
  expect(modified.length).toBeGreaterThan(1); // written at the start and again when its obligations changed
  await Worker.runReplayHistory(
    { workflowBundle, dataConverter: dataConverter(config.temporal), replayName: 'book-memo' },
    temporal.api.history.v1.History.create(history),
  );
});

test('a failed count keeps the last values, counts the failure and logs it once', async () => {
  const lines: string[] = [];
  const sink = { write: (line: string) => void lines.push(line) };
  const own = new Registry();
  const shortLived = await Connection.connect({ address: config.temporal.address });
  const other = startBookMetrics({
    client: new Client({
      connection: shortLived,
      namespace: config.temporal.namespace,
      dataConverter: dataConverter(config.temporal),
    }),
    taskQueue,
    registry: own,
    intervalMs: 3_600_000,
    logger: pino({ level: 'info' }, sink),
  });
  await other.refresh();
  const value = async () => (await own.getSingleMetric('tco_contracts')!.get()).values;
  const before = await value();
  expect(before.reduce((n, v) => n + v.value, 0)).toBe(2);
  await shortLived.close();
  await other.refresh();
  await other.refresh();
  other.stop();
  expect(await value()).toEqual(before);
  expect((await own.getSingleMetric('tco_book_refresh_failures_total')!.get()).values[0]?.value).toBe(2);
  expect(lines.filter((l) => l.includes('book count failed'))).toHaveLength(1);
});
