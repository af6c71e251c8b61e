/**
 * The independent fuzzer (issue #15): Schemathesis, pinned (infra/services/schemathesis.sh), against
 * the real API, a real contract worker and the Temporal dev server — stateful, all checks, a bounded
 * example count. Everything it touches is its own: a fresh task queue, a fresh key that every route
 * scopes to the contracts that key onboarded (so no generated contract number can reach anyone
 * else's contract: theirs answer 404/409), and its contracts are terminated at the end.
 * Figures (cases, checks, failures, statuses seen by the server) go to
 * $CHAOS_REPORT_DIR/fuzz-schemathesis.json (the chaos report quotes it). Exit code: Schemathesis's.
 * Usage: tsx scripts/fuzz-api.ts [--max-examples N] [--seed N]   (scripts/fuzz-api.sh installs it)
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createEventProducer } from '../activities/kafka/producer';
import { NetworkSimulator } from '../activities/network/simulator';
import { generateApiKey } from '../clients/api/keys';
import { buildApiServer } from '../clients/api/server';
import { TemporalContractsClient } from '../clients/sdk/temporal';
import { localDateOf } from '../domain/calendar';
import { assertContractSpec } from '../domain/contract-spec';
import { signedOn } from '../domain/lifecycle/rebase';
import { seedPoolsFromFiles } from '../inventory/pools';
import { createInventoryStore } from '../inventory/store';
import { loadConfig } from '../platform/config';
import { createKafka } from '../platform/kafka';
import { createLogger } from '../platform/logger';
import { connectClient, connectWorker } from '../platform/temporal';
import { createContractWorker } from '../workers/contract-worker';
import { bundleContractWorkflows } from '../workers/workflow-bundle';

const ROOT = join(__dirname, '..');
const SCHEMATHESIS = process.env.SCHEMATHESIS_BIN ?? join(ROOT, '.infra/schemathesis/bin/schemathesis');
const REPORT_DIR = process.env.CHAOS_REPORT_DIR ?? join(ROOT, 'test/reports');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

async function main(): Promise<number> {
  const maxExamples = option('max-examples', 10);
  const seed = option('seed', Number.parseInt(randomBytes(4).toString('hex'), 16));
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn', LOG_PRETTY: 'false' });
  const logger = createLogger(config.log);
  const taskQueue = `fuzz-api-${randomUUID()}`;
  const work = mkdtempSync(join(tmpdir(), 'fuzz-api-'));

  const temporal = await connectClient(config.temporal);
  const connection = await connectWorker(config.temporal);
  const producer = createEventProducer(createKafka(config.kafka, logger));
  await producer.connect();
  const store = await createInventoryStore();
  await seedPoolsFromFiles(store.db, new Date());
  const worker = await createContractWorker({
    connection,
    producer,
    store,
    network: new NetworkSimulator().adapters(),
    config,
    taskQueue,
    workflowBundle: await bundleContractWorkflows({ logger: quiet }),
  });
  const running = worker.run();

  // Admin, so every operation is reachable; scoped below to its own contracts like a sales key.
  const { key, record } = generateApiKey(`fuzz-${randomBytes(4).toString('hex')}`, 'admin');
  const statuses: Record<string, number> = {};
  const serverErrors: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const text of chunk.toString().split('\n').filter(Boolean)) {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (line.msg !== 'request') continue;
        const status = String(line.status);
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (Number(line.status) >= 500) serverErrors.push(line);
      }
      done();
    },
  });
  const backend = new TemporalContractsClient(temporal, { taskQueue });
  const app = await buildApiServer({
    contracts: (r) => backend.forRequester(r.keyId, { ownContractsOnly: true }),
    keys: [record],
    logger: pino({ level: 'info' }, sink),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  // One valid contract of the fuzz key, as every path's contractNo: the actions then reach a real
  // workflow (its validator, its rules) instead of stopping at 404 on random numbers.
  const seed0 = JSON.parse(readFileSync(join(ROOT, 'contracts/XJJCF2400252EGN00.json'), 'utf8')) as object;
  const seeded = signedOn(
    assertContractSpec({ ...seed0, contractNo: `FUZZ-${randomBytes(6).toString('hex').toUpperCase()}` }),
    localDateOf(Date.now()),
  );
  await backend.forRequester(record.id, { ownContractsOnly: true }).onboard(seeded);
  const configFile = join(work, 'schemathesis.toml');
  writeFileSync(
    configFile,
    `${readFileSync(join(ROOT, 'scripts/schemathesis.toml'), 'utf8')}\n[parameters]\n"path.contractNo" = "${seeded.contractNo}"\n`,
  );

  const started = Date.now();
  const reportJson = join(work, 'schemathesis.json');
  const reportNdjson = join(work, 'schemathesis.ndjson');
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      SCHEMATHESIS,
      [
        '--config-file',
        configFile,
        'run',
        `${baseUrl}/openapi.json`,
        '--phases',
        'examples,coverage,fuzzing,stateful',
        '--checks',
        'all',
        '--max-examples',
        String(maxExamples),
        '--seed',
        String(seed),
        // One worker: with two threads, Hypothesis's lambda descriptions call ast.parse concurrently
        // and CPython 3.11's parser is not thread-safe ("AST constructor recursion depth mismatch"),
        // a tool crash that fails the run without any finding.
        '--workers',
        '1',
        '--request-timeout',
        '40',
        '--generation-database',
        'none',
        '--header',
        `Authorization: Bearer ${key}`,
        '--report',
        'json,ndjson',
        '--report-json-path',
        reportJson,
        '--report-ndjson-path',
        reportNdjson,
        '--no-color',
      ],
      { stdio: 'inherit', cwd: work },
    );
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
  const durationMs = Date.now() - started;

  await app.close();
  if (process.env.FUZZ_KEEP) console.log(`kept ${work}`);
  // The fuzzed contracts must not outlive the run (their worker is about to stop).
  for await (const info of temporal.workflow.list({
    query: `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`,
  })) {
    await temporal.workflow
      .getHandle(info.workflowId)
      .terminate('schemathesis run finished')
      .catch(() => undefined);
  }
  worker.shutdown();
  await running;
  await producer.disconnect();
  await store.close();
  await connection.close();
  await temporal.connection.close();

  const summary = schemathesisSummary(reportJson) as {
    test_cases?: { generated?: number; with_failures?: number };
    failures?: unknown[];
  };
  const checks = await checkCounts(reportNdjson);
  const total = (status: string) =>
    Object.values(checks).reduce((n, byStatus) => n + (byStatus[status] ?? 0), 0);
  const figures = {
    cases: summary.test_cases?.generated ?? 0,
    casesWithFailures: summary.test_cases?.with_failures ?? 0,
    checks: total('success') + total('failure'),
    checksFailed: total('failure'),
    failures: summary.failures?.length ?? 0,
  };
  const requests = Object.values(statuses).reduce((a, b) => a + b, 0);
  const byClass = (c: string) =>
    Object.entries(statuses)
      .filter(([s]) => s.startsWith(c))
      .reduce((n, [, k]) => n + k, 0);
  mkdirSync(REPORT_DIR, { recursive: true });
  const file = join(REPORT_DIR, 'fuzz-schemathesis.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        suite: 'schemathesis',
        startedAt: new Date(started).toISOString(),
        runsPerFamily: maxExamples,
        seed,
        totalInputs: requests,
        durationMs,
        families: {
          'schemathesis-checks': {
            inputs: figures.checks,
            outcomes: { passed: total('success'), failed: total('failure') },
          },
          'http-requests': {
            inputs: requests,
            outcomes: { '2xx': byClass('2'), '4xx': byClass('4'), '5xx': byClass('5') },
          },
        },
        seededContract: seeded.contractNo,
        schemathesis: { exitCode, ...figures, checksByName: checks, run: summary },
        statuses,
        serverErrors: serverErrors.slice(0, 20),
      },
      null,
      2,
    )}\n`,
  );
  if (!process.env.FUZZ_KEEP) rmSync(work, { recursive: true, force: true });
  console.log(
    `schemathesis: exit ${exitCode}; ${JSON.stringify(figures)}; server saw ${requests} requests, ` +
      `${byClass('5')} 5xx; figures in ${file}`,
  );
  return exitCode === 0 && byClass('5') === 0 && figures.checksFailed === 0 ? 0 : 1;
}

/** The run's summary from Schemathesis's JSON report (format of 4.x), tolerant of fields it lacks. */
function schemathesisSummary(path: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    return { reportError: (err as Error).message };
  }
}

/** Every check result, from the NDJSON events (ScenarioFinished.recorder.checks: case → results). */
async function checkCounts(path: string): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = {};
  if (!existsSync(path)) return counts;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const event = JSON.parse(line) as {
      ScenarioFinished: { recorder?: { checks?: Record<string, Array<{ name: string; status: string }>> } };
    };
    for (const results of Object.values(event.ScenarioFinished.recorder?.checks ?? {})) {
      for (const { name, status } of results) {
        const byStatus = (counts[name] ??= {});
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      }
    }
  }
  return counts;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
