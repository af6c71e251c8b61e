/**
 * What a process costs, read from /proc (Linux): CPU seconds (user + system, every thread of the
 * process, so the Temporal Core runtime's Rust threads and the workflow worker threads count too) and
 * resident memory, sampled while a workload runs. `process.memoryUsage()` would only see our own process.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcCpu {
  /** utime and stime in clock ticks (fields 14 and 15 of /proc/<pid>/stat). */
  userTicks: number;
  systemTicks: number;
}

/**
 * Fields 14 and 15 of a /proc/<pid>/stat line. The command name (field 2) is in parentheses and may
 * hold spaces or parentheses itself, so the fields are counted from the last ')'.
 */
export function parseProcStat(line: string): ProcCpu {
  const end = line.lastIndexOf(')');
  if (end < 0) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  // After ") " comes field 3 (state): utime (14) is the 12th field from there, stime (15) the 13th.
  const fields = line
    .slice(end + 2)
    .trim()
    .split(/\s+/);
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  if (!Number.isInteger(userTicks) || !Number.isInteger(systemTicks))
    throw new Error(`no utime/stime in /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  return { userTicks, systemTicks };
}

/** VmRSS (now) and VmHWM (the kernel's own peak) of /proc/<pid>/status, in MiB. */
export function parseProcStatus(text: string): { rssMiB: number; peakRssMiB: number } {
  const kib = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    if (!match) throw new Error(`no ${key} in /proc/<pid>/status`);
    return Number(match[1]) / 1024;
  };
  return { rssMiB: kib('VmRSS'), peakRssMiB: kib('VmHWM') };
}

let ticksPerSecond: number | undefined;

/** USER_HZ, 100 on every Linux we know of; asked of getconf once in case it is not. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU seconds the process has used so far (user + system). */
export function cpuSeconds(pid: number): number {
  const cpu = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return (cpu.userTicks + cpu.systemTicks) / clockTicks();
}

export function memory(pid: number): { rssMiB: number; peakRssMiB: number } {
  return parseProcStatus(readFileSync(`/proc/${pid}/status`, 'utf8'));
}

/** RSS read every `everyMs` while a workload runs: the highest reading, and the last. */
export class RssSampler {
  private peak = 0;
  private last = 0;
  private samples = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    private readonly everyMs = 200,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  /** Stops sampling after one last reading. */
  stop(): { peakMiB: number; endMiB: number; samples: number } {
    clearInterval(this.timer);
    this.sample();
    return { peakMiB: this.peak, endMiB: this.last, samples: this.samples };
  }

  private sample(): void {
    try {
      this.last = memory(this.pid).rssMiB;
      this.peak = Math.max(this.peak, this.last);
      this.samples += 1;
    } catch {
      // The process has gone: its exit is reported by whoever started it.
    }
  }
}
