/** Small pools and a fixed calendar for the inventory behaviour suite. */
import type { PoolSpec } from '../../../inventory/pools';
import type { InventoryDb } from '../../../inventory/store';

export interface SuiteContext {
  /** The store under test (embedded or PostgreSQL), emptied and re-seeded before each test. */
  db(): InventoryDb;
  /** Empty every table (for tests that seed pools of their own). */
  empty(): Promise<void>;
}

/** 2025-03-11 04:00 in Shanghai, still the 10th in UTC: quarantine must count Shanghai days. */
export const T0 = new Date('2025-03-10T20:00:00.000Z');
export const later = (minutes: number, from = T0) => new Date(from.getTime() + minutes * 60_000);
export const daysLater = (days: number, from = T0) => later(days * 24 * 60, from);

export const CONTRACT_000 = 'XJJCF2400252EGN00';
export const CONTRACT_001 = 'JSCZE2208138CGN00';
export const CONTRACT_002 = 'SNSGS2500554EGN00';
export const CONTRACT_003 = 'ENT400-0003';
export const CONTRACT_004 = 'HASGS2300729CGN00';

export const FIXTURE_POOLS: PoolSpec[] = [
  { id: 'special-test', kind: 'special-number', name: 'test 96 numbers', values: ['96110', '96111'] },
  {
    id: 'n400-test',
    kind: 'number-400',
    name: 'three 400 numbers',
    ranges: [{ from: '4008260000', count: 3 }],
  },
  { id: 'n400-single', kind: 'number-400', name: 'one 400 number', values: ['4006180000'] },
  {
    id: 'display-0516-test',
    kind: 'display-number',
    name: 'Xuzhou display numbers',
    attributes: { areaCode: '0516' },
    ranges: [{ from: '0516-83001000', count: 5 }],
  },
  {
    id: 'display-025-test',
    kind: 'display-number',
    name: 'Nanjing display numbers',
    attributes: { areaCode: '025' },
    ranges: [{ from: '025-84561000', count: 5 }],
  },
  { id: 'seats-test', kind: 'seat', name: 'two seats', ranges: [{ from: 'SEAT-XZ-0001', count: 2 }] },
  {
    id: 'circuits-test',
    kind: 'circuit',
    name: 'four circuits',
    attributes: { areaCode: '0519' },
    ranges: [{ from: 'CZ-MSTP-000001', count: 4 }],
  },
  {
    id: 'sms-test',
    kind: 'sms-access-number',
    name: 'two SMS ports',
    values: ['106590251001', '106590251002'],
  },
  { id: 'codes-test', kind: 'enterprise-code', name: 'two enterprise codes', values: ['251001', '251002'] },
  { id: 'ipv4-test', kind: 'ipv4-block', name: 'one /24', ipv4Blocks: ['198.51.100.0/24'] },
];

/** The refusal an inventory call ended with. */
export async function refusal(
  call: Promise<unknown>,
): Promise<{ type: string; message: string; details: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as { type: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected the inventory to refuse, but it agreed');
}
