/**
 * The `cluster` profile (infra/services/cluster.sh) on PRIVATE ports: its own PostgreSQL (a state
 * directory of its own, started by start_cluster because none answers there) and its own four Temporal
 * processes. A cold start sets up the schema; frontend, history, matching and worker are separate
 * processes; the server has more than one history shard and the dev server's search attributes; a real
 * contract worker onboards a contract to qualification, lists it by its search attributes, and the
 * contract is still there after the cluster is stopped and started again. Never touches the shared
 * services (dev server 7233, PostgreSQL 55432); Kafka 9092 is only written to, as other tests do.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Producer } from 'kafkajs';
import { createEventProducer } from '../../activities/kafka/producer';
import { NetworkSimulator } from '../../activities/network/simulator';
import { TemporalContractsClient } from '../../clients/sdk/temporal';
import { seedPoolsFromFiles } from '../../inventory/pools';
import { createInventoryStore, type InventoryStore } from '../../inventory/store';
import { loadConfig } from '../../platform/config';
import { createKafka } from '../../platform/kafka';
import { createLogger } from '../../platform/logger';
import { connectClient, connectWorker } from '../../platform/temporal';
import { createContractWorker } from '../../workers/contract-worker';
import { uniqueSpec } from '../clients/api/support';
import { waitFor } from '../support/wait';

const ROOT = join(__dirname, '..', '..');
const SERVICES = ['history', 'matching', 'frontend', 'worker'] as const;
// A first build of the server from its Go module takes minutes (scripts/test.sh installs it first).
jest.setTimeout(15 * 60_000);

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** A base port whose cluster ports (base..base+3, membership base+10..base+13) are all free. */
async function freeClusterBase(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const ports = [0, 1, 2, 3, 10, 11, 12, 13].map((d) => base + d);
    if ((await Promise.all(ports.map(isFree))).every(Boolean)) return base;
  }
  throw new Error('no free block of cluster ports');
}

const dir = mkdtempSync(join(tmpdir(), 'cluster-'));
chmodSync(dir, 0o755); // PostgreSQL runs as its own system user and must reach its data directory
let env: NodeJS.ProcessEnv;

interface Run {
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run infra functions on the private stack, e.g. `infra('start_cluster')`. */
function infra(commands: string, timeoutMs = 600_000): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-c', `. infra/lib.sh && ${commands}`],
      { cwd: ROOT, env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${commands} failed: ${error.message}\n${stderr}`))
          : resolve({ stdout, stderr, ms: Date.now() - started }),
    );
  });
}

const pidOf = (name: string): number | undefined => {
  const file = join(dir, 'run', `${name}.pid`);
  return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
};
const alive = (pid: number | undefined): boolean => {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** SIGKILL the process groups of whatever private process is still recorded as running. */
function killLeftovers(): void {
  for (const name of [...SERVICES.map((s) => `cluster-${s}`), 'postgres']) {
    const pid = pidOf(name);
    if (alive(pid)) process.kill(-pid!, 'SIGKILL');
  }
}
// If the test process dies before afterAll, the private processes go with it.
process.once('exit', killLeftovers);
const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');

let base: number;
let pgPort: number;
let cold: Run;
beforeAll(async () => {
  base = await freeClusterBase();
  do pgPort = 30_000 + Math.floor(Math.random() * 10_000);
  while (!(await isFree(pgPort)));
  env = {
    ...process.env,
    INFRA_STATE_DIR: dir,
    POSTGRES_PORT: String(pgPort),
    TEMPORAL_CLUSTER_PORT: String(base),
  };
  delete env.TEMPORAL_ADDRESS;
  await infra('install_cluster');
  cold = await infra('start_cluster');
});

afterAll(async () => {
  // Whatever happened above: the private processes go, and their directory with them.
  await infra('stop_cluster; stop_postgres').catch(() => undefined);
  killLeftovers();
  rmSync(dir, { recursive: true, force: true });
});

test('a cold start sets up both databases and runs four separate server processes', async () => {
  expect(cold.stderr).toContain(`PostgreSQL on :${pgPort} is not running; starting it`);
  expect(cold.stderr).toMatch(/schema of temporal and temporal_visibility ready/);
  const pids = SERVICES.map((s) => pidOf(`cluster-${s}`));
  expect(pids.every(alive)).toBe(true);
  expect(new Set(pids).size).toBe(4);
  SERVICES.forEach((service, i) => {
    expect(cmdline(pids[i]!)).toEqual(expect.arrayContaining(['start', '--service', service]));
  });
  const { stdout } = await infra('status_cluster');
  expect(stdout.trim().split('\n')).toEqual(
    SERVICES.map((s): unknown =>
      expect.stringMatching(new RegExp(`^cluster-${s} +up +grpc 127\\.0\\.0\\.1:\\d+ `)),
    ),
  );
});

test('more than one history shard, and the dev server search attributes in namespace default', async () => {
  const cli = `"$TEMPORAL_BIN" --address 127.0.0.1:${base} -o json`;
  const cluster = JSON.parse((await infra(`${cli} operator cluster describe`)).stdout) as {
    historyShardCount: number;
    persistenceStore: string;
    visibilityStore: string;
  };
  expect(cluster).toMatchObject({ historyShardCount: 4, persistenceStore: 'postgres12' });
  expect(cluster.visibilityStore).toContain('postgres12');

  const listed = (await infra(`${cli} operator search-attribute list --namespace default`)).stdout;
  const { customAttributes } = JSON.parse(listed) as { customAttributes: Record<string, string> };
  // The dev server's list (infra/services/temporal.sh), e.g. NextDeadline=Datetime.
  const devServer = (await infra('printf "%s\\n" "${TEMPORAL_SEARCH_ATTRIBUTES[@]}"')).stdout
    .trim()
    .split('\n');
  expect(devServer).toContain('NextDeadline=Datetime');
  expect(customAttributes).toEqual(
    Object.fromEntries(
      devServer.map((sa) => [sa.split('=')[0], `INDEXED_VALUE_TYPE_${sa.split('=')[1]!.toUpperCase()}`]),
    ),
  );
});

describe('a contract on the cluster', () => {
  const config = loadConfig({
    ...process.env,
    TEMPORAL_ADDRESS: '127.0.0.1:0', // replaced below, once the port is known
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    LOG_PRETTY: 'false',
  });
  let temporal: Client;
  let connection: NativeConnection;
  let producer: Producer;
  let store: InventoryStore;

  beforeAll(async () => {
    config.temporal.address = `127.0.0.1:${base}`;
    temporal = await connectClient(config.temporal);
    connection = await connectWorker(config.temporal);
    producer = createEventProducer(createKafka(config.kafka, createLogger(config.log)));
    await producer.connect();
    store = await createInventoryStore();
    await seedPoolsFromFiles(store.db, new Date());
  });
  afterAll(async () => {
    await producer?.disconnect();
    await store?.close();
    await connection?.close();
    await temporal?.connection.close();
  });

  async function withWorker<T>(taskQueue: string, body: () => Promise<T>): Promise<T> {
    const worker: Worker = await createContractWorker({
      connection,
      producer,
      store,
      network: new NetworkSimulator().adapters(),
      config,
      taskQueue,
    });
    return worker.runUntil(body());
  }

  test('onboards to qualification with a real worker, is listed by search attribute, survives a restart', async () => {
    const taskQueue = `cluster-test-${process.pid}-${Date.now()}`;
    const contracts = new TemporalContractsClient(temporal, { taskQueue });
    const spec = uniqueSpec();
    const onboarded = await withWorker(taskQueue, async () => {
      const created = await contracts.onboard(spec);
      expect(created).toMatchObject({ created: true, status: { stage: 'qualification' } });
      expect(await contracts.get(spec.contractNo)).toMatchObject({
        contractNo: spec.contractNo,
        stage: 'qualification',
      });
      // SQL visibility: the search attributes the workflow upserts are queryable in this namespace.
      await waitFor('the contract listed by its Stage', async () => {
        const listed = await contracts.list({ stage: 'qualification' });
        return listed.contracts.some((c) => c.contractNo === spec.contractNo) ? true : undefined;
      });
      return created;
    });

    const stopped = await infra('stop_cluster');
    expect(SERVICES.map((s) => alive(pidOf(`cluster-${s}`)))).toEqual([false, false, false, false]);
    expect(alive(pidOf('postgres'))).toBe(true); // stopped only through its own service
    const warm = await infra('start_cluster');
    expect(warm.stderr).not.toContain('starting it');
    const again = await infra('start_cluster');
    expect(again.stderr).toContain('cluster: already running (ours)');

    await withWorker(taskQueue, async () => {
      expect(await contracts.get(spec.contractNo)).toMatchObject({ stage: 'qualification' });
    });
    await temporal.workflow.getHandle(onboarded.workflowId).terminate('test finished');
    // Measured on this run (the report quotes them): cold start with schema set-up, stop, warm start.
    process.stderr.write(
      `[cluster test] cold start ${cold.ms} ms, stop ${stopped.ms} ms, warm start ${warm.ms} ms, ` +
        `start when running ${again.ms} ms\n`,
    );
  });
});
