/** The status carries the signed terms at a glance, from the spec; a status without them still parses. */
import { initialState } from '../../domain/decider/state';
import { statusOf } from '../../domain/decider/status';
import { ContractStatusSchema } from '../../domain/lifecycle/status';
import { seedContract, type SeedContractNo } from '../../domain/seed-contracts';

const statusOfSeed = (no: SeedContractNo) => {
  const spec = seedContract(no);
  return statusOf(spec, initialState(), spec.signedDate, `contract-${no}`);
};

test('001: fixed term with its clause, auto-renewal by 12 months, 30 dedicated lines, no acceptance window', () => {
  expect(statusOfSeed('JSCZE2208138CGN00').terms).toEqual({
    products: ['dedicated-line'],
    region: { province: '江苏省', city: '常州市' },
    signedDate: '2022-11-25',
    start: { kind: 'fixed', date: '2022-01-01' },
    end: { kind: 'fixed', date: '2022-12-31' },
    termClause: '11.1',
    renewal: { mode: 'auto', months: 12, clause: '11.1' },
    dedicatedLines: 30,
  });
});

test('000 and 002: a term in months from activation or signature, the acceptance window, the district', () => {
  const s000 = statusOfSeed('XJJCF2400252EGN00').terms!;
  expect(s000).toMatchObject({
    start: { kind: 'activation' },
    end: { kind: 'months', months: 36 },
    renewal: { mode: 'auto', months: 36, clause: '10.2' },
    acceptanceWindow: { days: 5, dayType: 'calendar', clause: '3.4' },
    region: { province: '新疆维吾尔自治区', city: '阿克苏地区', district: '沙雅县' },
  });
  const s002 = statusOfSeed('SNSGS2500554EGN00').terms!;
  expect(s002).toMatchObject({
    products: ['cloud-call-plus'],
    start: { kind: 'signature' },
    end: { kind: 'months', months: 12 },
    renewal: { mode: 'none', clause: 'default' },
    dedicatedLines: 0,
  });
  expect(s002.acceptanceWindow).toBeUndefined();
});

test('the terms are in the status schema; a status from an older worker (no terms) still parses', () => {
  const status = statusOfSeed('HASGS2300729CGN00');
  expect(ContractStatusSchema.parse(status).terms?.renewal).toEqual({ mode: 'negotiated', clause: '11.11' });
  const { terms: _omitted, ...older } = status;
  expect(ContractStatusSchema.safeParse(older).success).toBe(true);
});
