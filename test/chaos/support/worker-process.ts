/**
 * The real worker process (workers/main.ts under Node with the tsx loader) as a child of the test:
 * started with the private services' environment, killed with SIGKILL at chosen moments, restarted.
 * Its JSON log goes to a file in the stack's directory; "worker started" in it means it is polling.
 * Like a supervisor (systemd, Kubernetes) it starts the worker again when it exits without being
 * asked to, and records that exit: the report shows it rather than hiding it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitFor } from '../../support/wait';
import { ROOT } from './private-services';

export class WorkerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly logFile: string;
  starts = 0;
  kills = 0;
  /** Milliseconds from spawn to "worker started", per start. */
  readonly startMs: number[] = [];
  /** Exits nobody asked for (code or signal), each followed by a restart. */
  readonly unexpectedExits: string[] = [];
  private stopping = false;
  private ready = false;
  private restarting: Promise<void> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    dir: string,
    readonly name = 'worker',
  ) {
    this.logFile = join(dir, 'logs', `${name}.log`);
    liveWorkers.add(this);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
    if (this.child) throw new Error(`${this.name} already running (pid ${this.child.pid})`);
    const fd = openSync(this.logFile, 'a');
    const offset = this.logText().length;
    const began = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
      cwd: ROOT,
      // Several workers share the host: each ops server takes any free port unless told otherwise.
      env: { METRICS_PORT: '0', ...this.env, LOG_LEVEL: 'info', ...extraEnv },
      stdio: ['ignore', fd, fd],
      detached: true, // its own process group, so a kill takes every thread and helper with it
    });
    closeSync(fd);
    this.child = child;
    this.stopping = false;
    this.ready = false;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        resolve();
        // An exit during start-up fails start() itself; after it, the supervisor steps in.
        if (!this.stopping && this.child === child && this.ready) this.superviseExit(code, signal);
      }),
    );
    this.starts += 1;
    await waitFor(
      `${this.name} (pid ${child.pid}) to log "worker started"`,
      () => {
        if (child.exitCode !== null) {
          throw new Error(
            `${this.name} exited with ${child.exitCode}: ${this.logText().slice(offset, offset + 2000)}`,
          );
        }
        return this.logText().slice(offset).includes('"msg":"worker started"') ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 100 },
    );
    this.startMs.push(Date.now() - began);
    this.ready = true;
  }

  private superviseExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.unexpectedExits.push(
      `exited by itself (code ${code}, signal ${signal}) at ${new Date().toISOString()}`,
    );
    this.child = undefined;
    this.restarting = this.start().finally(() => (this.restarting = undefined));
  }

  /** kill -9 of the whole process group: no drain, no producer flush, no goodbye to Temporal. */
  async kill9(): Promise<void> {
    await this.restarting;
    const child = this.child;
    if (!child?.pid) return;
    this.stopping = true;
    // Only while it runs: once reaped, its pid may already belong to someone else's process.
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    await this.exited;
    this.child = undefined;
    this.kills += 1;
  }

  /** Orderly stop (SIGTERM: drain, close producer), SIGKILL after 30 s. */
  async stop(): Promise<void> {
    await this.restarting?.catch(() => undefined);
    const child = this.child;
    if (!child?.pid) return;
    this.stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid!), 30_000);
    await this.exited;
    clearTimeout(timer);
    this.child = undefined;
  }

  alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null;
  }

  logText(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '';
    }
  }

  forget(): void {
    liveWorkers.delete(this);
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

const liveWorkers = new Set<WorkerProcess>();
process.once('exit', () => {
  for (const w of liveWorkers) if (w.alive()) killGroup(w.pid!);
});
