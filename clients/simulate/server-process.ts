/**
 * The time-skipping test server's process, started from a light module (Node built-ins only) so the CLI
 * can launch the JVM first and load the Temporal SDK and the engine while it boots: the JVM's start and
 * the module loading then overlap instead of following each other. test-server.ts connects to it.
 *
 * It is the server infra/ installed (.infra/temporal-test-server), started through a small launcher
 * (server/SimulationTestServer.java) compiled once into the temp directory, because the stock launcher
 * always starts at the wall clock and a clock cannot be moved backwards.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const LAUNCHER = 'SimulationTestServer';
const LAUNCHER_SOURCE = join(__dirname, 'server', `${LAUNCHER}.java`);

export interface SimulationServerOptions {
  /** Where infra/ installed the servers (default: INFRA_DIR or <repo>/.infra). */
  infraDir?: string;
  /** How long the JVM may take to open its port. */
  startupTimeoutMs?: number;
}

export class SimulationServerError extends Error {
  override name = 'SimulationServerError';
}

/** A launched server: its port once it listens, and a way to stop it (also before it listens). */
export interface ServerProcess {
  /** The clock's starting instant the server was launched with. */
  readonly startEpochMs: number;
  readonly port: Promise<number>;
  stop(): Promise<void>;
}

export function launchSimulationServer(
  startEpochMs: number,
  options: SimulationServerOptions = {},
): ServerProcess {
  const child = launched(startEpochMs, options);
  const port = child.then((c) => listeningPort(c, options.startupTimeoutMs ?? 60_000));
  // Whoever connects sees a failure; until then it must not count as unhandled.
  port.catch(() => undefined);
  return {
    startEpochMs,
    port,
    stop: () => child.then(stop, () => undefined),
  };
}

async function launched(startEpochMs: number, options: SimulationServerOptions): Promise<ChildProcess> {
  const home = join(
    options.infraDir ?? process.env.INFRA_DIR ?? join(__dirname, '..', '..', '.infra'),
    'temporal-test-server',
  );
  const libs = join(home, 'libs');
  if (!existsSync(libs)) {
    throw new SimulationServerError(
      `time-skipping test server not installed at ${libs}: run 'npm run infra:install'`,
    );
  }
  const launcherDir = await compiledLauncher(libs);
  const archive = join(home, 'app.jsa');
  const jvm = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xshare:auto'];
  if (existsSync(archive)) jvm.push(`-XX:SharedArchiveFile=${archive}`);
  return spawn(
    'java',
    [
      ...jvm,
      '-cp',
      `${join(libs, '*')}${delimiter}${launcherDir}`,
      LAUNCHER,
      String(Math.trunc(startEpochMs)),
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
}

/** Wait for the launcher's "listening <port>" line; fail with its stderr if it exits or stalls. */
function listeningPort(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new SimulationServerError(`${why}${err.trim() ? `: ${err.trim().slice(-2000)}` : ''}`));
    };
    const timer = setTimeout(
      () => fail(`test server did not open its port within ${timeoutMs} ms`),
      timeoutMs,
    );
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening (\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('error', (e) => fail(`cannot start java (${e.message}); the test server needs Java 17`));
    child.once('exit', (code) => fail(`test server exited with code ${code}`));
  });
}

/** Closing stdin tells the launcher to exit; a server that does not is killed. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

const run = promisify(execFile);

/**
 * Compile the launcher once per source and server version into the temp directory (atomically, so
 * parallel runs may race), and return the directory holding the class.
 */
async function compiledLauncher(libs: string): Promise<string> {
  const source = readFileSync(LAUNCHER_SOURCE);
  // The jar names carry the server version: a new version gets a fresh launcher build.
  const version = readdirSync(libs).sort().join(',');
  const key = createHash('sha256').update(source).update(version).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `contract-simulation-server-${key}`);
  if (existsSync(join(dir, `${LAUNCHER}.class`))) return dir;
  const work = mkdtempSync(join(tmpdir(), 'contract-simulation-build-'));
  try {
    await run('javac', ['-nowarn', '-d', work, '-cp', join(libs, '*'), LAUNCHER_SOURCE], {
      timeout: 120_000,
    });
    try {
      renameSync(work, dir);
    } catch {
      // Another run compiled it first: use theirs.
    }
  } catch (err) {
    throw new SimulationServerError(
      `cannot compile the simulation test-server launcher (needs a JDK 17 'javac'): ${(err as Error).message}`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}
