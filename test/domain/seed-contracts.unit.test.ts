import { lineTotalFen, recurringChargeFen, termScheduledFen } from '../../domain/clauses/charges';
import { parseContractSpec } from '../../domain/contract-spec';
import { formatMoney, parseMoney, splitInclusiveTax, sumFen } from '../../domain/money';
import {
  isSeedContractNo,
  SEED_CONTRACT_NUMBERS,
  seedContract,
  seedContracts,
} from '../../domain/seed-contracts';
import { rawSeed } from './seed-fixtures';

const yuan = (text: string) => parseMoney(text);

describe('seed contracts as data', () => {
  test.each(['000', '001', '002', '003', '004'] as const)(
    'contracts/ file of seed %s is a valid ContractSpec',
    (n) => {
      const result = parseContractSpec(rawSeed(n));
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );

  test('the loader knows the five contract numbers, including the invented one for 003', () => {
    expect(SEED_CONTRACT_NUMBERS).toEqual([
      'XJJCF2400252EGN00',
      'JSCZE2208138CGN00',
      'SNSGS2500554EGN00',
      'SEED003-400-UNNUMBERED',
      'HASGS2300729CGN00',
    ]);
    expect(seedContracts().map((s) => s.contractNo)).toEqual(SEED_CONTRACT_NUMBERS);
    expect(isSeedContractNo('SEED003-400-UNNUMBERED')).toBe(true);
    expect(isSeedContractNo('toString')).toBe(false);
    const invented = seedContract('SEED003-400-UNNUMBERED').assumptions.map((a) => a.path);
    expect(invented).toEqual(expect.arrayContaining(['contractNo', 'signedDate', 'clauses.term.end.months']));
  });

  describe('000 96110 cloud call centre (annex 2, clause 4.5.1)', () => {
    const spec = seedContract('XJJCF2400252EGN00');

    test('given the annex 2 price table, the years cost 27,540 / 25,540 / 25,540 and 78,620 in total', () => {
      const upTo = (months: number) => termScheduledFen(spec.lineItems, months);
      const years = [upTo(12), upTo(24) - upTo(12), upTo(36) - upTo(24)].map(formatMoney);
      expect(years).toEqual(['27,540.00', '25,540.00', '25,540.00']);
      expect(termScheduledFen(spec.lineItems, 36)).toBe(yuan('78,620.00'));
    });

    test('the seat is 570 a month, 6,840 a year', () => {
      const seat = spec.lineItems.find((i) => i.id === 'A2-1')!;
      expect(recurringChargeFen(seat, 0, 12)).toBe(yuan('6,840.00'));
    });

    test('given VAT at 6%, the invoice is 74,169.81 + 4,450.19', () => {
      const rate = spec.clauses.vat?.rateBp ?? 0;
      expect(splitInclusiveTax(yuan('78,620.00'), rate)).toEqual({
        netFen: yuan('74,169.81'),
        taxFen: yuan('4,450.19'),
      });
    });

    test('the three instalments are 27,540, 25,540 and 25,540', () => {
      const plan = spec.clauses.payment.plans[0];
      const amounts =
        plan?.kind === 'instalments' ? plan.instalments.map((i) => formatMoney(i.amountFen)) : [];
      expect(amounts).toEqual(['27,540.00', '25,540.00', '25,540.00']);
    });
  });

  describe('001 dedicated lines (clauses 1.3, 2.2)', () => {
    const spec = seedContract('JSCZE2208138CGN00');

    test('the lines cost 450,000 a year, paid as 359,600 + 90,400', () => {
      expect(termScheduledFen(spec.lineItems, 12)).toBe(yuan('450,000.00'));
      const plan = spec.clauses.payment.plans.find((p) => p.kind === 'instalments');
      const amounts = plan?.kind === 'instalments' ? plan.instalments.map((i) => i.amountFen) : [];
      expect(amounts).toEqual([yuan('359,600.00'), yuan('90,400.00')]);
      expect(sumFen(amounts)).toBe(yuan('450,000.00'));
    });

    test('there are 30 symmetric lines: 2 × 1000M, 17 × 100M, 1 × 200M, 10 × 10M', () => {
      const byBandwidth = new Map<number, number>();
      for (const line of spec.resources.dedicatedLines) {
        expect(line.bandwidth?.upMbps).toBe(line.bandwidth?.downMbps);
        const mbps = line.bandwidth?.upMbps ?? 0;
        byBandwidth.set(mbps, (byBandwidth.get(mbps) ?? 0) + line.count);
      }
      expect(Object.fromEntries(byBandwidth)).toEqual({ 1000: 2, 100: 17, 10: 10, 200: 1 });
      expect([...byBandwidth.values()].reduce((a, b) => a + b, 0)).toBe(30);
    });

    test('access is discounted from 2,000 to 0 per line with an 8 handling fee', () => {
      const access = spec.lineItems.find((i) => i.id === 'L-access');
      const handling = spec.lineItems.find((i) => i.id === 'L-access-handling');
      expect([access?.standardUnitPriceFen, access?.unitPriceFen, handling?.unitPriceFen]).toEqual([
        200_000, 0, 800,
      ]);
    });
  });

  describe('002 Cloud Call+ (clause 3.1(2))', () => {
    const spec = seedContract('SNSGS2500554EGN00');

    test('44,000 robots + 138,000 notifications + 67,000 caller-ID cards = 249,000', () => {
      const totals = Object.fromEntries(spec.lineItems.map((i) => [i.id, formatMoney(lineTotalFen(i))]));
      expect(totals).toMatchObject({
        'C-robot': '44,000.00',
        'C-voice': '138,000.00',
        'C-card': '67,000.00',
      });
      expect(termScheduledFen(spec.lineItems, 12)).toBe(yuan('249,000.00'));
    });

    test('249,000 tax-inclusive is 234,905.66 + 14,094.34 VAT', () => {
      expect(splitInclusiveTax(yuan('249,000.00'), spec.clauses.vat?.rateBp ?? 0)).toEqual({
        netFen: yuan('234,905.66'),
        taxFen: yuan('14,094.34'),
      });
    });
  });

  describe('004 industry SMS (clause 5.2)', () => {
    const spec = seedContract('HASGS2300729CGN00');

    test('ordinary and fast-lane messages cost 0.03 each, billed on usage', () => {
      expect(
        spec.lineItems.map((i) => [i.catalogueCode, formatMoney(i.unitPriceFen), i.charge.basis]),
      ).toEqual([
        ['sms.ordinary', '0.03', 'per-usage'],
        ['sms.fast-lane', '0.03', 'per-usage'],
      ]);
    });
  });
});
