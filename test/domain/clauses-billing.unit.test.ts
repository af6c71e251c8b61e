import { billingSchedule, postpaidWindow } from '../../domain/clauses/billing-schedule';
import { assertContractSpec } from '../../domain/contract-spec';
import { isoDate, yearMonth } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import { seedContract } from '../../domain/seed-contracts';
import { rawSeed } from './seed-fixtures';

const d = isoDate;
const view = (payments: { dueDate: string; amountFen: number }[]) =>
  payments.map((p) => [p.dueDate, formatMoney(p.amountFen)]);

describe('billing schedule over the first term', () => {
  test('000: fees run from activation (3.5), year by year 27,540 / 25,540 / 25,540, paid per 4.5.1', () => {
    const schedule = billingSchedule(seedContract('XJJCF2400252EGN00'), { activationDate: d('2024-05-06') });
    expect(schedule.term).toEqual({ start: '2024-05-06', end: '2027-05-05' });
    expect(schedule.serviceYears.map((y) => [y.year, y.months, formatMoney(y.amountFen)])).toEqual([
      [1, 12, '27,540.00'],
      [2, 12, '25,540.00'],
      [3, 12, '25,540.00'],
    ]);
    expect(formatMoney(schedule.termTotalFen)).toBe('78,620.00');
    // the first instalment is 15 calendar days after the (assumed) signing date 2024-04-01
    expect(view(schedule.payments)).toEqual([
      ['2024-04-16', '27,540.00'],
      ['2025-04-30', '25,540.00'],
      ['2026-03-31', '25,540.00'],
    ]);
    expect(schedule.calendarDataMissing).toBe(false);
  });

  test('001: one service year of 450,000 paid 359,600 by 2022-12-31 and 90,400 by 2023-06-01', () => {
    const schedule = billingSchedule(seedContract('JSCZE2208138CGN00'));
    expect(schedule.serviceYears.map((y) => formatMoney(y.amountFen))).toEqual(['450,000.00']);
    expect(view(schedule.payments)).toEqual([
      ['2022-12-31', '359,600.00'],
      ['2023-06-01', '90,400.00'],
    ]);
    expect(schedule.measuredItemIds).toEqual([
      'L-access',
      'L-access-handling',
      'L-relocation',
      'L-relocation-handling',
    ]);
  });

  test('002: 249,000 in one payment within 15 working days of signing 2025-09-09 → due 2025-09-29', () => {
    const schedule = billingSchedule(seedContract('SNSGS2500554EGN00'));
    expect(view(schedule.payments)).toEqual([['2025-09-29', '249,000.00']]);
    expect(formatMoney(schedule.termTotalFen)).toBe('249,000.00');
  });

  test('004: nothing scheduled up front; six usage settlements on delivered messages', () => {
    const schedule = billingSchedule(seedContract('HASGS2300729CGN00'));
    expect(schedule.payments).toEqual([]);
    expect(schedule.termTotalFen).toBe(0);
    expect(schedule.usageSettlements).toHaveLength(6);
    expect(schedule.measuredItemIds).toEqual(['S-ordinary', 'S-fast-lane']);
  });

  test('003: a security agreement with no fees has an empty schedule over its term', () => {
    const schedule = billingSchedule(seedContract('SEED003-400-UNNUMBERED'), {
      activationDate: d('2025-02-01'),
    });
    expect(schedule).toMatchObject({
      term: { start: '2025-02-01', end: '2026-01-31' },
      payments: [],
      termTotalFen: 0,
    });
  });

  test('001 2.3.2: the fees of a month are paid from the 6th of the next month to the 5th of the one after', () => {
    const plan = seedContract('JSCZE2208138CGN00').clauses.payment.plans.find(
      (p) => p.kind === 'postpaid-monthly',
    );
    if (plan?.kind !== 'postpaid-monthly') throw new Error('no post-paid plan');
    expect(postpaidWindow(plan, yearMonth('2022-12'))).toEqual({ opens: '2023-01-06', due: '2023-02-05' });
  });

  test('without instalments, a post-paid contract bills each month, and the twelve bills add up to the year', () => {
    const raw = rawSeed('001');
    raw.clauses.payment.plans = [raw.clauses.payment.plans[1]];
    const schedule = billingSchedule(assertContractSpec(raw));
    expect(schedule.payments).toHaveLength(12);
    expect(schedule.payments[0]).toMatchObject({ dueDate: '2022-03-05', amountFen: 3_750_000 });
    expect(schedule.payments.reduce((sum, p) => sum + p.amountFen, 0)).toBe(45_000_000);
  });

  test('a due date computed in a year without holiday data is flagged', () => {
    const raw = rawSeed('002');
    raw.signedDate = '2026-12-20';
    const schedule = billingSchedule(assertContractSpec(raw));
    expect(schedule).toMatchObject({ calendarDataMissing: true, missingYears: [2027] });
  });
});
