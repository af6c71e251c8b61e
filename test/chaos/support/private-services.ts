/**
 * Private instances of Temporal (dev server, SQLite file), Kafka (KRaft) and PostgreSQL for the chaos
 * tests, started from the binaries installed under .infra/ by the same shell functions as `npm run
 * infra:up` (infra/lib.sh with INFRA_STATE_DIR pointing at a temp directory and free ports). Stopping
 * or killing them never touches the shared services other tests use on the default ports.
 */
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { loadConfig, type AppConfig } from '../../../platform/config';

export const ROOT = join(__dirname, '..', '..', '..');
export type ServiceName = 'temporal' | 'kafka' | 'postgres';
const ALL: ServiceName[] = ['postgres', 'temporal', 'kafka'];

/** Ports the OS just handed out (listen on 0), released again for the services to take. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export class PrivateServices {
  /** Environment for every process that talks to the private services (worker, infra scripts). */
  readonly env: NodeJS.ProcessEnv;
  readonly config: AppConfig;
  private readonly running = new Set<ServiceName>();

  private constructor(
    readonly dir: string,
    readonly ports: Record<'temporal' | 'temporalUi' | 'kafka' | 'kafkaController' | 'postgres', number>,
  ) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      INFRA_STATE_DIR: dir,
      TEMPORAL_HOST: '127.0.0.1',
      TEMPORAL_PORT: String(ports.temporal),
      TEMPORAL_UI_PORT: String(ports.temporalUi),
      KAFKA_PORT: String(ports.kafka),
      KAFKA_CONTROLLER_PORT: String(ports.kafkaController),
      KAFKA_BROKERS: `127.0.0.1:${ports.kafka}`,
      KAFKA_TOPIC_PREFIX: '',
      POSTGRES_PORT: String(ports.postgres),
      DATABASE_URL: this.databaseUrl('orchestrator'),
      LOG_PRETTY: 'false',
    };
    // Nothing may leak towards the shared services or change how payloads are written.
    for (const name of ['TEMPORAL_ADDRESS', 'PAYLOAD_ENCRYPTION_KEYS', 'PAYLOAD_ENCRYPTION_KEY_ID'])
      delete env[name];
    this.env = env;
    this.config = loadConfig({ ...env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn' });
  }

  /** A fresh state directory and free ports; `services` started in order (PostgreSQL, Temporal, Kafka). */
  static async start(services: ServiceName[] = ALL): Promise<PrivateServices> {
    const dir = mkdtempSync(join(tmpdir(), 'chaos-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as its own system user and must reach its data directory
    const [temporal, temporalUi, kafka, kafkaController, postgres] = await freePorts(5);
    const s = new PrivateServices(dir, {
      temporal: temporal!,
      temporalUi: temporalUi!,
      kafka: kafka!,
      kafkaController: kafkaController!,
      postgres: postgres!,
    });
    liveStacks.add(s);
    try {
      for (const name of ALL.filter((n) => services.includes(n))) await s.startService(name);
    } catch (error) {
      await s.teardown();
      throw error;
    }
    return s;
  }

  databaseUrl(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.ports.postgres}/${database}`;
  }

  /** Run infra functions against this stack: `infra('start_kafka')`. */
  infra(commands: string, timeoutMs = 120_000): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(
        'bash',
        ['-c', `. infra/lib.sh && ${commands}`],
        { cwd: ROOT, env: this.env, timeout: timeoutMs, killSignal: 'SIGKILL' },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${commands} failed: ${error.message}\n${stderr}`)) : resolve(stdout),
      );
    });
  }

  async startService(name: ServiceName): Promise<void> {
    await this.infra(`start_${name}`);
    this.running.add(name);
  }

  /** Orderly stop (TERM; PostgreSQL's fast shutdown), as an operator would. */
  async stopService(name: ServiceName): Promise<void> {
    await this.infra(`stop_${name}`);
    this.running.delete(name);
  }

  pid(name: ServiceName): number | undefined {
    const file = join(this.dir, 'run', `${name}.pid`);
    return existsSync(file) ? Number(readFileSync(file, 'utf8').trim()) : undefined;
  }

  /** Create a database of its own (one per scenario: fresh resource pools). */
  async createDatabase(name: string): Promise<string> {
    const pg = new PgClient({ connectionString: this.databaseUrl('postgres') });
    await pg.connect();
    try {
      await pg.query(`create database ${name}`);
    } finally {
      await pg.end();
    }
    return this.databaseUrl(name);
  }

  /** Processes still alive whose command line names this stack's directory (should be none). */
  strays(): Array<{ pid: number; cmd: string }> {
    const found: Array<{ pid: number; cmd: string }> = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
        if (cmd.includes(this.dir)) found.push({ pid: Number(entry), cmd: cmd.slice(0, 200) });
      } catch {
        // the process ended while we looked
      }
    }
    return found;
  }

  /** Stop everything, kill what refuses, remove the directory (its logs kept in `keepLogsIn`). */
  async teardown(keepLogsIn?: string): Promise<void> {
    for (const name of ['kafka', 'temporal', 'postgres'] as const) {
      await this.stopService(name).catch(() => this.killGroup(name));
    }
    for (const p of this.strays()) killQuietly(p.pid);
    liveStacks.delete(this);
    if (keepLogsIn) cpSync(join(this.dir, 'logs'), keepLogsIn, { recursive: true });
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** SIGKILL a service's process group (used only when an orderly stop failed, or at exit). */
  killGroup(name: ServiceName): void {
    const pid = this.pid(name);
    if (pid) killQuietly(-pid);
    this.running.delete(name);
  }
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// If the test process dies before its teardown, take the private services with it.
const liveStacks = new Set<PrivateServices>();
process.once('exit', () => {
  for (const s of liveStacks) for (const name of ALL) s.killGroup(name);
});
