/**
 * Versioned schema, in code so the embedded store and PostgreSQL run exactly the same DDL. Kysely's
 * Migrator records what ran in kysely_migration; names sort in the order they must run. Never edit a
 * migration that has shipped: add the next one.
 */
import type { Kysely } from 'kysely';
import { messageOf } from '../errors';
import { Migrator, sql, type Migration } from './native-modules';

const statements = (...ddl: ReturnType<typeof sql.raw>[]) => ({
  async up(db: Kysely<unknown>) {
    for (const statement of ddl) await statement.execute(db);
  },
});

const resourceInventory: Migration = {
  ...statements(
    sql.raw(`create table resource_pool (
      id text primary key,
      kind text not null,
      name text not null,
      attributes jsonb not null default '{}'::jsonb,
      ipv4_blocks jsonb not null default '[]'::jsonb,
      created_at timestamptz not null
    )`),
    sql.raw(`create table resource (
      id uuid primary key default gen_random_uuid(),
      pool_id text not null references resource_pool (id),
      kind text not null,
      value text not null,
      attributes jsonb not null default '{}'::jsonb,
      state text not null,
      contract_no text,
      request_id text,
      assignment jsonb,
      hold_expires_at timestamptz,
      quarantine_until timestamptz,
      updated_at timestamptz not null,
      constraint resource_value_unique unique (kind, value),
      constraint resource_state_known check (state in ('free', 'held', 'assigned', 'suspended', 'quarantined')),
      constraint resource_holder_iff_taken
        check ((contract_no is not null) = (state in ('held', 'assigned', 'suspended'))),
      constraint resource_hold_expires check ((state = 'held') = (hold_expires_at is not null)),
      constraint resource_quarantine_ends check ((state = 'quarantined') = (quarantine_until is not null))
    )`),
    // Allocation walks this index in number order and skips rows other allocators have locked.
    sql.raw(
      `create index resource_allocatable on resource (pool_id, value) where state in ('free', 'quarantined')`,
    ),
    sql.raw(`create index resource_by_pool_state on resource (pool_id, state)`),
    sql.raw(`create index resource_by_contract on resource (contract_no) where contract_no is not null`),
    sql.raw(`create index resource_held_until on resource (hold_expires_at) where state = 'held'`),
    sql.raw(`create table inventory_request (
      contract_no text not null,
      request_id text not null,
      operation text not null,
      fingerprint text not null,
      result jsonb,
      created_at timestamptz not null,
      primary key (contract_no, request_id)
    )`),
    sql.raw(`create table inventory_audit (
      id bigint generated always as identity primary key,
      at timestamptz not null,
      operation text not null,
      actor text not null,
      reason text not null,
      contract_no text,
      request_id text,
      resource_id uuid,
      pool_id text not null,
      kind text not null,
      value text not null,
      from_state text,
      to_state text not null,
      details jsonb
    )`),
    sql.raw(`create index inventory_audit_by_resource on inventory_audit (kind, value, id)`),
    sql.raw(`create index inventory_audit_by_contract on inventory_audit (contract_no, id)`),
    // The regulator's trail is append-only, whoever connects.
    sql.raw(`create function inventory_audit_append_only() returns trigger language plpgsql as $$
      begin raise exception 'inventory_audit is append-only'; end $$`),
    sql.raw(`create trigger inventory_audit_append_only before update or delete on inventory_audit
      for each row execute function inventory_audit_append_only()`),
  ),
};

export const MIGRATIONS: Record<string, Migration> = {
  '0001_resource_inventory': resourceInventory,
};

/** Bring the schema up to date; fails with the name of the migration that broke. */
export async function migrateToLatest(db: Kysely<unknown>, schema: string): Promise<void> {
  const migrator = new Migrator({
    db,
    migrationTableSchema: schema,
    provider: { getMigrations: () => Promise.resolve(MIGRATIONS) },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const name = failed?.migrationName ?? '(setup)';
    throw new Error(`inventory migration ${name} failed: ${messageOf(error)}`, { cause: error });
  }
}
