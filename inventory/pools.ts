/**
 * Seeding pools from files (data/pools/*.json). Loading the same file again changes nothing, and a
 * file that grows adds only what is new; every resource added is audited ("seed": none → free).
 * Run it against a server with `DATABASE_URL=… npx tsx inventory/pools.ts [dir]`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import {
  blocksOverlap,
  checkResourceValue,
  formatIpv4Block,
  parseIpv4Block,
  RESOURCE_KINDS,
} from '../domain/resource-formats';
import { audit, type Change, type InventoryTrx } from './changes';
import { InventoryError } from './errors';
import { createInventoryStore, type InventoryDb } from './store';

export const DEFAULT_POOLS_DIR = resolve(__dirname, '..', 'data', 'pools');

const attributes = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const PoolSpecSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be lower-case letters, digits and dashes'),
    kind: z.enum(RESOURCE_KINDS),
    name: z.string().min(1),
    attributes: attributes.default({}),
    /** Single values. */
    values: z.array(z.string()).default([]),
    /** Consecutive blocks, e.g. { from: "4008260000", count: 300 }: the trailing digits count up. */
    ranges: z.array(z.object({ from: z.string(), count: z.number().int().min(1).max(100_000) })).default([]),
    /** Values with facts of their own (e.g. an SMS port's carrier). */
    resources: z.array(z.object({ value: z.string(), attributes: attributes.default({}) })).default([]),
    /** IPv4 pools: the CIDR blocks allocations are cut from. */
    ipv4Blocks: z.array(z.string()).default([]),
  })
  .strict();

export const PoolFileSchema = z
  .object({ description: z.string().optional(), pools: z.array(PoolSpecSchema) })
  .strict();

export type PoolSpec = z.input<typeof PoolSpecSchema>;
type CheckedSpec = z.output<typeof PoolSpecSchema>;

export interface SeedReport {
  poolId: string;
  added: number;
  alreadyThere: number;
}

/** "0516-83000000", 3 → 0516-83000000, 0516-83000001, 0516-83000002 (the digits keep their width). */
export function expandRange(from: string, count: number): string[] {
  const match = /^(.*?)(\d+)$/.exec(from);
  if (!match) throw new Error(`range start "${from}" does not end in digits`);
  const [, prefix = '', digits = ''] = match;
  const first = Number(digits);
  if (String(first + count - 1).length > digits.length)
    throw new Error(`range ${from} + ${count} overflows its digits`);
  return Array.from(
    { length: count },
    (_, i) => `${prefix}${String(first + i).padStart(digits.length, '0')}`,
  );
}

/** Every value of a spec, checked and canonical, with its own attributes. */
function entriesOf(spec: CheckedSpec): { value: string; attributes: Record<string, unknown> }[] {
  const raw = [
    ...spec.values.map((value) => ({ value, attributes: {} })),
    ...spec.ranges.flatMap((r) => expandRange(r.from, r.count).map((value) => ({ value, attributes: {} }))),
    ...spec.resources,
  ];
  const seen = new Set<string>();
  return raw.map(({ value, attributes }) => {
    const checked = checkResourceValue(spec.kind, value);
    if (!checked.ok) {
      throw new InventoryError('InvalidResourceFormat', `pool "${spec.id}": ${checked.message}`, {
        rule: checked.rule,
      });
    }
    if (seen.has(checked.value)) throw new Error(`pool "${spec.id}" lists ${checked.value} twice`);
    seen.add(checked.value);
    return { value: checked.value, attributes };
  });
}

export async function seedPools(
  db: InventoryDb,
  specs: PoolSpec[],
  now: Date,
  actor = 'pool-loader',
): Promise<SeedReport[]> {
  const reports: SeedReport[] = [];
  for (const input of specs) {
    const spec = PoolSpecSchema.parse(input);
    const entries = entriesOf(spec);
    reports.push(await db.transaction().execute((trx) => seedPool(trx, spec, entries, now, actor)));
  }
  return reports;
}

export async function seedPoolsFromFiles(
  db: InventoryDb,
  now: Date,
  dir = DEFAULT_POOLS_DIR,
): Promise<SeedReport[]> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const reports: SeedReport[] = [];
  for (const file of files) {
    const parsed = PoolFileSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${file}: ${issue.path.join('.')}: ${issue.message}`);
    }
    reports.push(...(await seedPools(db, parsed.data.pools, now)));
  }
  return reports;
}

async function seedPool(
  trx: InventoryTrx,
  spec: CheckedSpec,
  entries: ReturnType<typeof entriesOf>,
  now: Date,
  actor: string,
): Promise<SeedReport> {
  const change: Change = {
    trx,
    operation: 'seed',
    contractNo: null,
    requestId: null,
    actor,
    reason: `pool ${spec.id} seeded`,
    now,
  };
  await trx
    .insertInto('resource_pool')
    .values({
      id: spec.id,
      kind: spec.kind,
      name: spec.name,
      attributes: JSON.stringify(spec.attributes),
      ipv4_blocks: '[]',
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const pool = await trx
    .selectFrom('resource_pool')
    .selectAll()
    .where('id', '=', spec.id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (pool.kind !== spec.kind)
    throw new Error(`pool "${spec.id}" already exists for ${pool.kind}, not ${spec.kind}`);
  const blocks = await addIpv4Blocks(change, spec, pool.ipv4_blocks);
  let added = blocks.added;
  for (let i = 0; i < entries.length; i += 1000)
    added += await addResources(change, spec, entries.slice(i, i + 1000));
  return { poolId: spec.id, added, alreadyThere: entries.length + blocks.offered - added };
}

async function addResources(
  change: Change,
  spec: CheckedSpec,
  entries: ReturnType<typeof entriesOf>,
): Promise<number> {
  const inserted = await change.trx
    .insertInto('resource')
    .values(
      entries.map((e) => ({
        pool_id: spec.id,
        kind: spec.kind,
        value: e.value,
        attributes: JSON.stringify(e.attributes),
        state: 'free' as const,
        updated_at: change.now.toISOString(),
      })),
    )
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .returningAll()
    .execute();
  await audit(
    change,
    inserted.map((row) => ({ before: { ...row, state: null }, to: 'free' as const })),
  );
  if (inserted.length < entries.length)
    await refuseForeign(
      change.trx,
      spec,
      entries.map((e) => e.value),
    );
  return inserted.length;
}

/** A value already there must be there in this pool: a number belongs to one pool only. */
async function refuseForeign(trx: InventoryTrx, spec: CheckedSpec, values: string[]): Promise<void> {
  const foreign = await trx
    .selectFrom('resource')
    .select(['value', 'pool_id'])
    .where('kind', '=', spec.kind)
    .where('value', 'in', values)
    .where('pool_id', '<>', spec.id)
    .executeTakeFirst();
  if (foreign)
    throw new Error(`pool "${spec.id}": ${foreign.value} already belongs to pool "${foreign.pool_id}"`);
}

/** Add the spec's CIDR blocks the pool lacks; no block may overlap another pool's or its own. */
async function addIpv4Blocks(
  change: Change,
  spec: CheckedSpec,
  current: string[],
): Promise<{ offered: number; added: number }> {
  const wanted = new Set(
    spec.ipv4Blocks.map((cidr) => {
      const checked = checkResourceValue('ipv4-block', cidr);
      if (!checked.ok)
        throw new InventoryError('InvalidResourceFormat', `pool "${spec.id}": ${checked.message}`);
      return checked.value;
    }),
  );
  const fresh = [...wanted].filter((cidr) => !current.includes(cidr));
  if (fresh.length === 0) return { offered: wanted.size, added: 0 };
  const pools = await change.trx
    .selectFrom('resource_pool')
    .select(['id', 'ipv4_blocks'])
    .where('kind', '=', 'ipv4-block')
    .execute();
  const taken = pools.flatMap((p) =>
    p.ipv4_blocks.map((cidr) => ({ pool: p.id, block: parseIpv4Block(cidr)! })),
  );
  for (const cidr of fresh) {
    const block = parseIpv4Block(cidr)!;
    const clash = taken.find((t) => blocksOverlap(t.block, block));
    if (clash)
      throw new Error(
        `pool "${spec.id}": ${cidr} overlaps ${formatIpv4Block(clash.block)} of pool "${clash.pool}"`,
      );
    taken.push({ pool: spec.id, block });
  }
  await change.trx
    .updateTable('resource_pool')
    .set({ ipv4_blocks: JSON.stringify([...current, ...fresh]) })
    .where('id', '=', spec.id)
    .execute();
  const base = {
    id: null,
    pool_id: spec.id,
    kind: spec.kind,
    contract_no: null,
    request_id: null,
    state: null,
  };
  await audit(
    change,
    fresh.map((value) => ({ before: { ...base, value }, to: 'free' as const })),
  );
  return { offered: wanted.size, added: fresh.length };
}

if (require.main === module) {
  void (async () => {
    const store = await createInventoryStore({
      databaseUrl: process.env.DATABASE_URL,
      dataDir: process.env.INVENTORY_DATA_DIR,
    });
    try {
      for (const r of await seedPoolsFromFiles(store.db, new Date(), process.argv[2] ?? DEFAULT_POOLS_DIR)) {
        console.log(`${r.poolId}: ${r.added} added, ${r.alreadyThere} already there`);
      }
    } finally {
      await store.close();
    }
  })();
}
