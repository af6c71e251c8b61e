/**
 * IPv4 allocations: sub-blocks of a requested prefix length cut from a pool's CIDR blocks. A row
 * exists per sub-block ever handed out; a sub-block is occupied while held, assigned, suspended or
 * still in quarantine. Allocation locks the pool row, so cuts from one pool never race each other.
 */
import {
  blockEnd,
  blocksOverlap,
  blockSize,
  checkPrefixLength,
  formatIpv4Block,
  type Ipv4Block,
  parseIpv4Block,
} from '../domain/resource-formats';
import type { ResourceRow } from './db/schema';
import { audit, type Change } from './changes';
import { InventoryError } from './errors';
import type { PoolRef } from './allocation';

const parse = (cidr: string): Ipv4Block => {
  const block = parseIpv4Block(cidr);
  if (!block) throw new Error(`stored IPv4 block "${cidr}" is malformed`);
  return block;
};

/**
 * The lowest aligned sub-block of `prefixLength` inside `blocks` that overlaps nothing occupied.
 * After a clash the search jumps past the occupied block instead of stepping one candidate at a time.
 */
export function firstFreeSubBlock(
  blocks: Ipv4Block[],
  occupied: Ipv4Block[],
  prefixLength: number,
): Ipv4Block | undefined {
  const size = blockSize(prefixLength);
  for (const block of [...blocks].sort((a, b) => a.start - b.start)) {
    if (prefixLength < block.prefixLength) continue;
    let start = block.start;
    while (start + size - 1 <= blockEnd(block)) {
      const candidate = { start, prefixLength };
      const clash = occupied.find((o) => blocksOverlap(o, candidate));
      if (!clash) return candidate;
      start = Math.ceil((blockEnd(clash) + 1) / size) * size;
    }
  }
  return undefined;
}

const occupiedAt = (row: ResourceRow, now: Date) =>
  row.state !== 'free' &&
  !(row.state === 'quarantined' && new Date(row.quarantine_until!).getTime() <= now.getTime());

/**
 * Cut `quantity` sub-blocks from the pools (first pool first) and return their rows, still free and
 * locked: the caller moves them to held or assigned. Rows of reusable sub-blocks that a new cut
 * overlaps are retired (audited), since the address space is now split differently.
 */
export async function carveIpv4(
  change: Change,
  pools: PoolRef[],
  prefixLength: number,
  quantity: number,
): Promise<ResourceRow[]> {
  const length = checkPrefixLength(prefixLength);
  if (!length.ok) throw new InventoryError('InvalidResourceFormat', length.message, { rule: length.rule });
  const poolIds = pools.map((p) => p.id);
  const poolRows = await change.trx
    .selectFrom('resource_pool')
    .select(['id', 'ipv4_blocks'])
    .where('id', 'in', poolIds)
    .orderBy('id')
    .forUpdate()
    .execute();
  let existing = await change.trx
    .selectFrom('resource')
    .selectAll()
    .where('pool_id', 'in', poolIds)
    .execute();
  const occupied = existing.filter((r) => occupiedAt(r, change.now)).map((r) => parse(r.value));
  const cuts: ResourceRow[] = [];
  for (let i = 0; i < quantity; i++) {
    const cut = cutFromPools(poolRows, occupied, prefixLength);
    if (!cut) {
      throw new InventoryError(
        'PoolExhausted',
        `pool ${poolIds.map((id) => `"${id}"`).join(', ')} (IPv4 addresses) has no free /${prefixLength} left: ${cuts.length} of ${quantity} found`,
        { pools: poolIds, prefixLength, asked: quantity, found: cuts.length },
      );
    }
    occupied.push(cut.block);
    const reusable = existing.filter(
      (r) => !occupiedAt(r, change.now) && blocksOverlap(parse(r.value), cut.block),
    );
    cuts.push(await claimRow(change, cut.poolId, cut.block, reusable));
    existing = existing.filter((r) => !reusable.includes(r));
  }
  return cuts;
}

function cutFromPools(
  pools: { id: string; ipv4_blocks: string[] }[],
  occupied: Ipv4Block[],
  prefixLength: number,
): { poolId: string; block: Ipv4Block } | undefined {
  for (const pool of pools) {
    const block = firstFreeSubBlock(pool.ipv4_blocks.map(parse), occupied, prefixLength);
    if (block) return { poolId: pool.id, block };
  }
  return undefined;
}

/** Reuse the row of exactly this sub-block if there is one; otherwise retire overlapping ones and add it. */
async function claimRow(
  change: Change,
  poolId: string,
  block: Ipv4Block,
  reusable: ResourceRow[],
): Promise<ResourceRow> {
  const value = formatIpv4Block(block);
  const same = reusable.find((r) => r.value === value);
  const retired = reusable.filter((r) => r !== same);
  if (retired.length > 0) {
    await change.trx
      .deleteFrom('resource')
      .where(
        'id',
        'in',
        retired.map((r) => r.id),
      )
      .execute();
    await audit(
      change,
      retired.map((before) => ({ before, to: 'retired' as const })),
      { resplitInto: value },
    );
  }
  if (same) return same;
  const row = await change.trx
    .insertInto('resource')
    .values({
      pool_id: poolId,
      kind: 'ipv4-block',
      value,
      attributes: JSON.stringify({ addresses: blockSize(block.prefixLength) }),
      state: 'free',
      updated_at: change.now.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(change, [{ before: { ...row, state: null }, to: 'free' }], { cutFrom: poolId });
  return row;
}
