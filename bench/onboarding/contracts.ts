/**
 * The campaign: N contracts cycling through the five seed shapes, each with a unique contract number
 * and signed today (every date shifted by the same number of days, so terms, windows and instalments
 * keep their distances), plus inventory pools sized so no allocation runs dry.
 */
import { localDateOf } from '../../domain/calendar';
import { assertContractSpec, type ContractSpec } from '../../domain/contract-spec';
import { signedOn } from '../../domain/lifecycle/rebase';
import { SEED_CONTRACT_NUMBERS, seedContract, type SeedContractNo } from '../../domain/seed-contracts';
import type { PoolSpec } from '../../inventory/pools';

export interface CampaignContract {
  shape: SeedContractNo;
  spec: ContractSpec;
}

/** A seed as a campaign contract: unique number, signed today, no pre-chosen number (unique values). */
export function campaignContract(
  shape: SeedContractNo,
  contractNo: string,
  today = localDateOf(Date.now()),
): ContractSpec {
  const seed = seedContract(shape);
  const shifted = signedOn(seed, today);
  // A customer-owned number named in the contract (000's 96110) exists once; the campaign's copies are
  // assigned the next free special number of the pool instead.
  const numbers = shifted.resources.numbers.map(({ preferred, ...n }) =>
    preferred ? { ...n, ownership: 'provider-assigned' as const } : n,
  );
  return assertContractSpec({ ...shifted, contractNo, resources: { ...shifted.resources, numbers } });
}

export function campaign(count: number, tag: string): CampaignContract[] {
  // Parse each shape once; the copies differ only in their number.
  const bases = new Map(SEED_CONTRACT_NUMBERS.map((shape) => [shape, campaignContract(shape, 'BENCH-BASE')]));
  return Array.from({ length: count }, (_, i) => {
    const shape = SEED_CONTRACT_NUMBERS[i % SEED_CONTRACT_NUMBERS.length]!;
    const prefix = shape.replace(/-.*$/, '').slice(0, 17);
    return { shape, spec: { ...bases.get(shape)!, contractNo: `${prefix}-${tag.toUpperCase()}-${i}` } };
  });
}

type Need = Partial<Record<PoolSpec['kind'], number>>;

/** What one contract takes from inventory (mirrors workflows/lifecycle/provisioning reservationItems). */
export function resourceNeeds(spec: ContractSpec): Need {
  const r = spec.resources;
  const need: Need = {};
  const add = (kind: PoolSpec['kind'], n: number) => (need[kind] = (need[kind] ?? 0) + n);
  for (const n of r.numbers) add(n.kind, n.count);
  for (const line of r.dedicatedLines) if (line.bandwidth) add('circuit', line.count);
  for (const port of r.smsPorts) {
    add('sms-access-number', port.count);
    add('enterprise-code', 1);
  }
  if (r.seats) add('seat', r.seats.count);
  if (r.robots) add('robot', r.robots.count);
  if (r.cloudHosts) add('cloud-host', r.cloudHosts.count);
  return need;
}

const FIRST_VALUE: Partial<Record<PoolSpec['kind'], string>> = {
  'special-number': '951000',
  'number-400': '4000000000',
  'display-number': '0516-80000000',
  'sms-access-number': '106590200000',
  'enterprise-code': '300000',
  circuit: 'BN-MSTP-000001',
  seat: 'SEAT-BN-0001',
  robot: 'ROBOT-BN-0001',
  'cloud-host': 'HOST-BN-0001',
};

/** One pool per kind, big enough for every contract of the benchmark (with a 10% margin). */
export function benchPools(specs: ContractSpec[]): PoolSpec[] {
  const total: Need = {};
  for (const spec of specs) {
    for (const [kind, n] of Object.entries(resourceNeeds(spec)) as Array<[PoolSpec['kind'], number]>) {
      total[kind] = (total[kind] ?? 0) + n;
    }
  }
  const pools: PoolSpec[] = (Object.entries(total) as Array<[PoolSpec['kind'], number]>).map(([kind, n]) => {
    const from = FIRST_VALUE[kind];
    if (!from) throw new Error(`bench pools: no value range for resource kind ${kind}`);
    return {
      id: `bench-${kind}`,
      kind,
      name: `benchmark ${kind}`,
      ranges: [{ from, count: Math.ceil(n * 1.1) + 5 }],
    };
  });
  pools.push({ id: 'bench-ipv4', kind: 'ipv4-block', name: 'benchmark IPv4', ipv4Blocks: ['10.0.0.0/12'] });
  return pools;
}
