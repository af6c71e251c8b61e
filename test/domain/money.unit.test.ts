import fc from 'fast-check';
import {
  applyBasisPoints,
  divideHalfUp,
  formatMoney,
  mulRatio,
  parseMoney,
  splitInclusiveTax,
  sumFen,
  yuan,
} from '../../domain/money';

describe('money: integer fen', () => {
  test('given the amounts as written in the contracts, parsing gives exact fen', () => {
    expect(parseMoney('78,620.00')).toBe(7_862_000);
    expect(parseMoney('74169.81')).toBe(7_416_981);
    expect(parseMoney('4,450.19')).toBe(445_019);
    expect(parseMoney('0.03')).toBe(3);
    expect(parseMoney('0.1')).toBe(10);
    expect(parseMoney('-1.50')).toBe(-150);
  });

  test('an amount that is not exact to the fen, or not money at all, is refused rather than rounded', () => {
    for (const bad of ['1.005', '1,23.00', '12,3456', 'abc', '', '1e3', '¥5']) {
      expect(() => parseMoney(bad)).toThrow(RangeError);
    }
  });

  test('formatting shows thousands separators and two decimals', () => {
    expect(formatMoney(7_862_000)).toBe('78,620.00');
    expect(formatMoney(23_490_566)).toBe('234,905.66');
    expect(formatMoney(3)).toBe('0.03');
    expect(formatMoney(-150)).toBe('-1.50');
    expect(formatMoney(0)).toBe('0.00');
  });

  test('whole yuan convert to fen, fractions and unsafe numbers are refused', () => {
    expect(yuan(27_540)).toBe(2_754_000);
    expect(() => yuan(0.5)).toThrow(RangeError);
    expect(() => formatMoney(0.5)).toThrow(RangeError);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  test('rounding is half-up (away from zero) on the fen, once', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideHalfUp(7n, 3n)).toBe(2n);
    expect(mulRatio(2_554_000, 1, 12)).toBe(212_833); // 25,540 / 12 = 2,128.333…
    expect(mulRatio(1, 1, 2)).toBe(1);
  });

  test('given 25,540 overdue 10 days at 0.3% a day (000 clause 7.3), the late fee is 766.20', () => {
    expect(applyBasisPoints(2_554_000, 30, 10)).toBe(76_620);
  });

  test('given 78,620.00 tax-inclusive at 6% VAT, the invoice is 74,169.81 net + 4,450.19 VAT (000 4.5.1)', () => {
    expect(splitInclusiveTax(parseMoney('78,620.00'), 600)).toEqual({
      netFen: parseMoney('74,169.81'),
      taxFen: parseMoney('4,450.19'),
    });
  });

  test('given 249,000 at 6%, the split is 234,905.66 + 14,094.34 (002 clause 3.1(2))', () => {
    expect(splitInclusiveTax(yuan(249_000), 600)).toEqual({ netFen: 23_490_566, taxFen: 1_409_434 });
  });

  describe('properties', () => {
    const amount = fc.integer({ min: 0, max: 1_000_000_000_000 });
    const rate = fc.integer({ min: 0, max: 3_000 });

    test('a tax split always sums back to the inclusive total, and the net is never above it', () => {
      fc.assert(
        fc.property(amount, rate, (total, bp) => {
          const { netFen, taxFen } = splitInclusiveTax(total, bp);
          return netFen + taxFen === total && netFen <= total && taxFen >= 0;
        }),
      );
    });

    test('the tax is within half a fen of net × rate', () => {
      fc.assert(
        fc.property(amount, rate, (total, bp) => {
          const { netFen, taxFen } = splitInclusiveTax(total, bp);
          // |tax − net·bp/10000| ≤ ½ fen · (1 + bp/10000), in integers
          const error = BigInt(taxFen) * 10_000n - BigInt(netFen) * BigInt(bp);
          const bound = 5_000n + BigInt(bp) / 2n + 1n;
          return error <= bound && error >= -bound;
        }),
      );
    });

    test('formatting then parsing gives the same fen back', () => {
      fc.assert(
        fc.property(fc.integer({ min: -1e15, max: 1e15 }), (fen) => parseMoney(formatMoney(fen)) === fen),
      );
    });
  });
});
