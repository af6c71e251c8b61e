/**
 * The Temporal server's database size, read before and after holding contracts: the dev server's
 * SQLite file, or the cluster profile's two PostgreSQL databases (persistence and visibility).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import type { Profile } from './options';

export interface ServerDbSize {
  where: string;
  mib: number;
  note: string;
}

const MiB = 2 ** 20;
const INFRA_DIR = process.env.INFRA_DIR ?? join(__dirname, '..', '.infra');
const SQLITE = join(INFRA_DIR, 'data', 'temporal.sqlite');
/** The cluster profile keeps its databases on the infra PostgreSQL (infra/services/cluster.sh). */
const CLUSTER_DATABASES = [
  process.env.TEMPORAL_CLUSTER_DB ?? 'temporal',
  process.env.TEMPORAL_CLUSTER_VISIBILITY_DB ?? 'temporal_visibility',
];

function clusterUrl(): string {
  return (
    process.env.TEMPORAL_CLUSTER_DB_URL ??
    `postgres://postgres@127.0.0.1:${process.env.POSTGRES_PORT ?? '55432'}/postgres`
  );
}

export async function serverDbSize(profile: Profile): Promise<ServerDbSize> {
  if (profile === 'cluster') {
    const pg = new PgClient({ connectionString: clusterUrl() });
    await pg.connect();
    try {
      const { rows } = await pg.query<{ bytes: string }>(
        'select coalesce(sum(pg_database_size(datname)), 0)::text as bytes from pg_database where datname = any($1)',
        [CLUSTER_DATABASES],
      );
      return {
        where: `PostgreSQL ${CLUSTER_DATABASES.join(' + ')} (${clusterUrl().replace(/\/\/[^@]*@/, '//…@')})`,
        mib: Number(rows[0]!.bytes) / MiB,
        note: 'pg_database_size; autovacuum and WAL-free page reuse make small differences approximate',
      };
    } finally {
      await pg.end();
    }
  }
  const bytes = ['', '-wal', '-shm'].reduce(
    (n, s) => n + (existsSync(SQLITE + s) ? statSync(SQLITE + s).size : 0),
    0,
  );
  return {
    where: SQLITE,
    mib: bytes / MiB,
    note: 'shared dev server (SQLite): other users write meanwhile, and SQLite reuses free pages, so growth is approximate',
  };
}
