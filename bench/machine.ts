/** What the figures were measured on: they mean little without it. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  loadAverage: number[];
  os: string;
  node: string;
  temporalServer: string;
  temporalSdk: string;
  kafka: string;
  gitCommit: string;
}

const INFRA_DIR = process.env.INFRA_DIR ?? join(__dirname, '..', '.infra');

/** The pinned versions infra/lib.sh installs (the running services were started from them). */
function pinnedVersion(name: string): string {
  try {
    const lib = execFileSync('grep', [`^${name}=`, join(__dirname, '..', 'infra', 'lib.sh')], {
      encoding: 'utf8',
    });
    return /"([^"]+)"/.exec(lib)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function temporalCliVersion(): string {
  const bin = join(INFRA_DIR, 'bin', 'temporal');
  if (!existsSync(bin)) return `temporal CLI ${pinnedVersion('TEMPORAL_CLI_VERSION')} (pinned)`;
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().split('\n')[0]!;
  } catch {
    return 'unknown';
  }
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', cwd: __dirname }).trim();
  } catch {
    return 'unknown';
  }
}

export function describeMachine(): MachineDescription {
  const sdk = (
    JSON.parse(readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    temporalServer: temporalCliVersion(),
    temporalSdk: `@temporalio/* ${sdk}`,
    kafka: `Apache Kafka ${pinnedVersion('KAFKA_VERSION')} (KRaft, single broker), kafkajs 2.2.4`,
    gitCommit: gitCommit(),
  };
}

/**
 * The server as it describes itself (version, persistence and visibility stores, history shards), so a
 * figure says whether it came from the SQLite dev server or the PostgreSQL cluster.
 */
export async function describeServer(client: Client, profile: string): Promise<string> {
  try {
    const info = await client.workflowService.getClusterInfo({});
    const shards = info.historyShardCount ?? 0;
    return `Temporal server ${info.serverVersion ?? '?'} (${profile === 'cluster' ? 'cluster profile' : 'dev server'}: persistence ${info.persistenceStore ?? '?'}, visibility ${info.visibilityStore ?? '?'}, ${shards} history shard${shards === 1 ? '' : 's'})`;
  } catch (err) {
    return `${profile} profile (server did not describe itself: ${err instanceof Error ? err.message : String(err)})`;
  }
}
