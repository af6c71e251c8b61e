import { freeMonthChoice, smsSettlement, smsSettlementPeriods, smsSlaCredit } from '../../domain/clauses/sms';
import { firstTerm } from '../../domain/clauses/term';
import { isoDate, yearMonth } from '../../domain/dates';
import { formatMoney, parseMoney } from '../../domain/money';
import { seedContract } from '../../domain/seed-contracts';

const d = isoDate;
const m = yearMonth;
const sms = seedContract('HASGS2300729CGN00');
/** 004 10.1: 2023-12-01 … 2026-11-30. */
const TERM = firstTerm(sms);

describe('industry SMS settlement (004 clauses 5.2, 5.3)', () => {
  test('the term 2023-12 … 2026-11 is settled in six half-year periods', () => {
    expect(smsSettlementPeriods(sms, TERM).map((p) => [p.start, p.end])).toEqual([
      ['2023-12-01', '2024-05-31'],
      ['2024-06-01', '2024-11-30'],
      ['2024-12-01', '2025-05-31'],
      ['2025-06-01', '2025-11-30'],
      ['2025-12-01', '2026-05-31'],
      ['2026-06-01', '2026-11-30'],
    ]);
  });

  test('given 1,000,000 messages delivered in the first period, the bill is 30,000.00 at 0.03 each', () => {
    const [first] = smsSettlementPeriods(sms, TERM);
    if (!first) throw new Error('no period');
    const bill = smsSettlement(sms, first, [
      { month: m('2023-12'), itemId: 'S-ordinary', delivered: 600_000 },
      { month: m('2024-03'), itemId: 'S-fast-lane', delivered: 400_000 },
    ]);
    expect(bill).toMatchObject({
      billableMessages: 1_000_000,
      feeFen: parseMoney('30,000.00'),
      amountDueFen: 3_000_000,
    });
  });

  test('given January 2024 chosen as the free month, its messages are waived', () => {
    const [first] = smsSettlementPeriods(sms, TERM);
    if (!first) throw new Error('no period');
    const bill = smsSettlement(
      sms,
      first,
      [
        { month: m('2023-12'), itemId: 'S-ordinary', delivered: 100_000 },
        { month: m('2024-01'), itemId: 'S-ordinary', delivered: 200_000 },
        { month: m('2024-01'), itemId: 'S-fast-lane', delivered: 50_000 },
      ],
      { freeMonth: m('2024-01') },
    );
    expect(bill).toMatchObject({
      billableMessages: 100_000,
      freeMessages: 250_000,
      feeFen: 300_000,
      waivedFen: 750_000,
    });
  });

  test('usage outside the period or of an unknown item is refused, not silently billed', () => {
    const [first] = smsSettlementPeriods(sms, TERM);
    if (!first) throw new Error('no period');
    expect(() =>
      smsSettlement(sms, first, [{ month: m('2024-06'), itemId: 'S-ordinary', delivered: 1 }]),
    ).toThrow(RangeError);
    expect(() => smsSettlement(sms, first, [{ month: m('2024-01'), itemId: 'S-mms', delivered: 1 }])).toThrow(
      RangeError,
    );
  });

  test('the free month needs 30 days written notice, inside the term, once', () => {
    expect(
      freeMonthChoice(sms, { month: m('2024-02'), noticeDate: d('2024-01-02'), freeMonthsUsed: 0 }, TERM),
    ).toEqual({ ok: true, ref: '5.2' });
    expect(
      freeMonthChoice(sms, { month: m('2024-02'), noticeDate: d('2024-01-03'), freeMonthsUsed: 0 }, TERM),
    ).toEqual({
      ok: false,
      reason: 'notice for 2024-02 was due by 2024-01-02',
    });
    expect(
      freeMonthChoice(sms, { month: m('2026-12'), noticeDate: d('2026-01-01'), freeMonthsUsed: 0 }, TERM).ok,
    ).toBe(false);
    expect(
      freeMonthChoice(sms, { month: m('2025-02'), noticeDate: d('2024-01-01'), freeMonthsUsed: 1 }, TERM),
    ).toEqual({
      ok: false,
      reason: 'the free month is already used',
    });
  });
});

describe('SMS SLA credit (004 clause 3.2.4)', () => {
  const fee = parseMoney('29,550.00'); // 985,000 delivered × 0.03

  test('given 98.5% success and 11 complaints in 12 months, the fee is reduced by 1.5%: 443.25', () => {
    const outcome = smsSlaCredit(sms, fee, {
      attempted: 1_000_000,
      delivered: 985_000,
      complaintsInWindow: 11,
    });
    expect(outcome).toEqual({
      kind: 'credit',
      ref: '3.2.4',
      failed: 15_000,
      attempted: 1_000_000,
      creditFen: 44_325,
    });
    expect(outcome.kind === 'credit' && formatMoney(outcome.creditFen)).toBe('443.25');
  });

  test('either indicator met is enough: 10 complaints, or exactly 99% success, means no credit', () => {
    expect(
      smsSlaCredit(sms, fee, { attempted: 1_000_000, delivered: 985_000, complaintsInWindow: 10 }).kind,
    ).toBe('met');
    expect(
      smsSlaCredit(sms, fee, { attempted: 1_000_000, delivered: 990_000, complaintsInWindow: 50 }).kind,
    ).toBe('met');
    expect(
      smsSlaCredit(sms, fee, { attempted: 1_000_000, delivered: 989_999, complaintsInWindow: 50 }).kind,
    ).toBe('credit');
  });

  test('the credit is taken off the period bill; impossible counts are refused', () => {
    const [first] = smsSettlementPeriods(sms, TERM);
    if (!first) throw new Error('no period');
    const bill = smsSettlement(
      sms,
      first,
      [{ month: m('2024-02'), itemId: 'S-ordinary', delivered: 985_000 }],
      {
        sla: { attempted: 1_000_000, delivered: 985_000, complaintsInWindow: 11 },
      },
    );
    expect(bill).toMatchObject({ feeFen: fee, slaCreditFen: 44_325, amountDueFen: fee - 44_325 });
    expect(() => smsSlaCredit(sms, fee, { attempted: 10, delivered: 11, complaintsInWindow: 0 })).toThrow(
      RangeError,
    );
    expect(
      smsSlaCredit(seedContract('SNSGS2500554EGN00'), fee, {
        attempted: 1,
        delivered: 0,
        complaintsInWindow: 99,
      }),
    ).toEqual({
      kind: 'no-sla-clause',
    });
  });
});
