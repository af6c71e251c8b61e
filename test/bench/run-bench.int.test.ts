/**
 * `npm run bench` on a machine without its services. With a service nobody answers for (bench/run.ts run
 * directly, or an address the caller names): one clear line naming the service, its address and how to
 * start it, a non-zero exit within seconds, no stack trace and no results written — not kafkajs's 30 s of
 * retries ending in its stack trace. With a service missing that scripts/bench.sh may start: it starts
 * it, the bench runs on it, and it is stopped afterwards.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answers } from '../../bench/preflight';
import type { BenchResults } from '../../bench/report';

const ROOT = join(__dirname, '..', '..');

/** A loopback port that was free a moment ago (closed again, so nobody answers on it). */
function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const answersOn = (port: number) => answers('127.0.0.1', port, 1_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

const out = mkdtempSync(join(tmpdir(), 'bench-preflight-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function expectOneClearLine(result: Run, service: string, address: string): void {
  const errorLines = result.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('[infra]'));
  const escaped = address.replace(/\./g, '\\.');
  expect({ code: result.code, errorLines }).toEqual({
    code: 1,
    errorLines: [
      expect.stringMatching(
        new RegExp(`^\\[bench\\] error: ${service} is not reachable at ${escaped} .*\`npm run infra:up\``),
      ),
    ],
  });
  expect(result.stderr + result.stdout).not.toMatch(/KafkaJS|\n\s+at /);
  // Seconds, not kafkajs's 30 s of retries.
  expect(result.seconds).toBeLessThan(15);
  expect(existsSync(join(out, 'latest.json'))).toBe(false);
}

test('bench/run.ts with no broker at the Kafka address fails at once with one line naming it', async () => {
  const address = `127.0.0.1:${await unusedPort()}`;
  const result = await run('node_modules/.bin/tsx', ['bench/run.ts', '--quick', '--out', out], {
    ...process.env,
    KAFKA_BROKERS: address,
  });
  expectOneClearLine(result, 'Kafka', address);
}, 60_000);

test('bench/run.ts with no Temporal server at its address fails at once with one line naming it', async () => {
  const address = `127.0.0.1:${await unusedPort()}`;
  const result = await run('node_modules/.bin/tsx', ['bench/run.ts', '--quick', '--out', out], {
    ...process.env,
    TEMPORAL_ADDRESS: address,
  });
  expectOneClearLine(result, 'Temporal', address);
}, 60_000);

test('npm run bench (scripts/bench.sh) uses a broker the caller names as it is, and says when it is missing', async () => {
  // KAFKA_BROKERS and TEMPORAL_ADDRESS given, only the publish section: the script starts nothing.
  const address = `127.0.0.1:${await unusedPort()}`;
  const result = await run('bash', ['scripts/bench.sh', '--quick', '--only', 'publish', '--out', out], {
    ...process.env,
    KAFKA_BROKERS: address,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  expectOneClearLine(result, 'Kafka', address);
  expect(result.stderr).not.toMatch(/\[infra\].*start/);
}, 60_000);

test('npm run bench starts a PostgreSQL that is not there, benches on it and stops it again', async () => {
  // A private instance (own state dir and port) stands in for a fresh machine; Temporal and Kafka are the
  // shared ones, named explicitly so the script leaves them alone.
  const state = mkdtempSync(join(tmpdir(), 'bench-fresh-'));
  chmodSync(state, 0o755); // the server runs as the postgres system user under root
  const port = await unusedPort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INFRA_STATE_DIR: state,
    POSTGRES_PORT: String(port),
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  };
  delete env.DATABASE_URL;
  const freshOut = join(state, 'out');
  try {
    const result = await run(
      'bash',
      ['scripts/bench.sh', '--quick', '--only', 'inventory', '--out', freshOut],
      env,
    );
    expect({ code: result.code, tail: result.stderr.slice(-2000) }).toEqual({
      code: 0,
      tail: expect.stringContaining('[infra] postgres: stopped'),
    });
    expect(result.stderr).toContain(`[infra] postgres (127.0.0.1:${port}): ready`);
    const inventory = (JSON.parse(readFileSync(join(freshOut, 'latest.json'), 'utf8')) as BenchResults)
      .inventory!;
    expect({ url: inventory.parameters.databaseUrl, skipped: inventory.skipped }).toEqual({
      url: `postgres://…@127.0.0.1:${port}/orchestrator`,
      skipped: [],
    });
    expect(await answersOn(port)).toBe(false);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}, 120_000);

test('npm run bench refuses an unknown --profile at once, before starting anything', async () => {
  const result = await run('bash', ['scripts/bench.sh', '--quick', '--profile', 'sqlite', '--out', out], {
    ...process.env,
  });
  expect({ code: result.code, stderr: result.stderr.trim() }).toEqual({
    code: 1,
    stderr: '[infra] error: --profile: must be dev or cluster, got "sqlite"',
  });
  expect(result.seconds).toBeLessThan(10);
}, 30_000);
