import { termScheduledFen } from '../../domain/clauses/charges';
import { instalmentsAwaitingInvoice, postpaidWindow, scheduledPayments } from '../../domain/clauses/payments';
import { firstTerm } from '../../domain/clauses/term';
import { assertContractSpec, type ContractSpec } from '../../domain/contract-spec';
import { isoDate, yearMonth } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import { seedContract } from '../../domain/seed-contracts';
import { rawSeed } from './seed-fixtures';

const d = isoDate;
const view = (payments: { dueDate: string; amountFen: number }[]) =>
  payments.map((p) => [p.dueDate, formatMoney(p.amountFen)]);
const billsOf = (spec: ContractSpec, activationDate = spec.signedDate) => {
  const term = firstTerm(spec, { activationDate });
  return scheduledPayments(spec, term, { activationDate, firstTermStart: term.start });
};

describe('what the payment clauses demand over the first term', () => {
  test('000 annex 2: fees run from activation (3.5), year by year 27,540 / 25,540 / 25,540 = 78,620', () => {
    const spec = seedContract('XJJCF2400252EGN00');
    const upTo = (months: number) => termScheduledFen(spec.lineItems, months);
    expect([upTo(12), upTo(24) - upTo(12), upTo(36) - upTo(24)].map(formatMoney)).toEqual([
      '27,540.00',
      '25,540.00',
      '25,540.00',
    ]);
    expect(formatMoney(termScheduledFen(spec.lineItems, 36))).toBe('78,620.00');
  });

  test('000 4.5.1: 27,540 within 15 days of signing 2024-04-01, then by 2025-04-30 and 2026-03-31', () => {
    const bills = billsOf(seedContract('XJJCF2400252EGN00'), d('2024-05-06'));
    // Day 15 is Tuesday 2024-04-16, a working day: it stays.
    expect(view(bills)).toEqual([
      ['2024-04-16', '27,540.00'],
      ['2025-04-30', '25,540.00'],
      ['2026-03-31', '25,540.00'],
    ]);
    expect(bills.map((b) => b.id)).toEqual(['4.5.1#1', '4.5.1#2', '4.5.1#3']);
    expect(bills.every((b) => b.knownAtSigning && !b.calendarDataMissing)).toBe(true);
  });

  test('001 2.2: 359,600 by 2022-12-31 and 90,400 by 2023-06-01 (fixed dates are kept as written)', () => {
    expect(view(billsOf(seedContract('JSCZE2208138CGN00')))).toEqual([
      ['2022-12-31', '359,600.00'],
      ['2023-06-01', '90,400.00'],
    ]);
  });

  test('002 3.2: 249,000 within 15 working days of signing 2025-09-09 → due 2025-09-29', () => {
    expect(view(billsOf(seedContract('SNSGS2500554EGN00')))).toEqual([['2025-09-29', '249,000.00']]);
  });

  test('004 5.3 and 003 §2: nothing scheduled up front', () => {
    expect(billsOf(seedContract('HASGS2300729CGN00'))).toEqual([]);
    expect(billsOf(seedContract('SEED003-400-UNNUMBERED'))).toEqual([]);
  });

  test('001 2.3.2: month M is paid from the 6th of M+1 to the 5th of M+2; a Sunday 5th moves to Monday (art. 203)', () => {
    const plan = seedContract('JSCZE2208138CGN00').clauses.payment.plans.find(
      (p) => p.kind === 'postpaid-monthly',
    );
    if (plan?.kind !== 'postpaid-monthly') throw new Error('no post-paid plan');
    expect(postpaidWindow(plan, yearMonth('2022-12'))).toMatchObject({
      opens: '2023-01-06',
      due: { date: '2023-02-06' },
    });
    expect(postpaidWindow(plan, yearMonth('2023-03')).due.date).toBe('2023-05-05');
  });

  test('001 2.3.2 without instalments: each month is billed, and the bills add up to 450,000', () => {
    const raw = rawSeed('001');
    raw.clauses.payment.plans = [raw.clauses.payment.plans[1]];
    const bills = billsOf(assertContractSpec(raw));
    expect(bills).toHaveLength(12);
    // January 2022 is due 5 March 2022, a Saturday: Monday 7 March.
    expect(bills[0]).toMatchObject({ id: '2.3.2#2022-01', dueDate: '2022-03-07', amountFen: 3_750_000 });
    expect(bills.reduce((sum, p) => sum + p.amountFen, 0)).toBe(45_000_000);
  });

  test('001 2.2 按年分两次: the annual fee is billed again in the renewed year 2023, in the same instalments a year later', () => {
    const spec = seedContract('JSCZE2208138CGN00');
    const next = { start: d('2023-01-01'), end: d('2023-12-31') };
    const bills = scheduledPayments(spec, next, { firstTermStart: d('2022-01-01') });
    expect(bills.map((b) => [b.id, b.dueDate, b.amountFen])).toEqual([
      ['2.2#1/y2', '2023-12-31', 35_960_000],
      ['2.2#2/y2', '2024-06-01', 9_040_000],
    ]);
  });

  test('000 10 renewed for another 36 months: 25,540 a year again, 36 months later, without the annex 2 #2 opening fee', () => {
    const spec = seedContract('XJJCF2400252EGN00');
    const first = firstTerm(spec, { activationDate: d('2024-04-11') });
    const next = { start: d('2027-04-11'), end: d('2030-04-10') };
    const bills = scheduledPayments(spec, next, { firstTermStart: first.start });
    // 15 days after 2027-04-01 (the signing day 36 months on) is Friday 2027-04-16.
    expect(bills.map((b) => [b.id, b.dueDate, formatMoney(b.amountFen)])).toEqual([
      ['4.5.1#1/t2', '2027-04-16', '25,540.00'],
      ['4.5.1#2/t2', '2028-04-30', '25,540.00'],
      ['4.5.1#3/t2', '2029-03-31', '25,540.00'],
    ]);
    const third = scheduledPayments(
      spec,
      { start: d('2030-04-11'), end: d('2033-04-10') },
      { firstTermStart: first.start },
    );
    expect(third.map((b) => b.id)).toEqual(['4.5.1#1/t3', '4.5.1#2/t3', '4.5.1#3/t3']);
  });

  test('a plan that does not repeat bills only in the first term', () => {
    const raw = rawSeed('001');
    raw.clauses.payment.plans[0].repeat = 'once';
    const next = { start: d('2023-01-01'), end: d('2023-12-31') };
    expect(scheduledPayments(assertContractSpec(raw), next, { firstTermStart: d('2022-01-01') })).toEqual([]);
  });

  test('payment due N days after acceptance, activation or the invoice', () => {
    const raw = rawSeed('000');
    raw.clauses.payment.plans[0].instalments[0].due = {
      kind: 'after-acceptance',
      days: 10,
      dayType: 'working',
    };
    raw.clauses.payment.plans[0].instalments[1].due = {
      kind: 'after-activation',
      days: 30,
      dayType: 'calendar',
    };
    raw.clauses.payment.plans[0].instalments[2].due = {
      kind: 'after-invoice',
      days: 15,
      dayType: 'calendar',
    };
    const spec = assertContractSpec(raw);
    const term = firstTerm(spec, { activationDate: d('2025-09-22') });
    const facts = {
      acceptanceDate: d('2025-09-26'),
      activationDate: d('2025-09-22'),
      firstTermStart: term.start,
    };
    // 10 working days after 26 September 2025: 28 Sep (调休), 29, 30 Sep, 9, 10, 11 (调休), 13–16 October.
    expect(view(scheduledPayments(spec, term, facts))).toEqual([
      ['2025-10-16', '27,540.00'],
      // 30 days after 22 September is 22 October, a Wednesday.
      ['2025-10-22', '25,540.00'],
    ]);
    expect(instalmentsAwaitingInvoice(spec, term, facts)).toEqual([
      { id: '4.5.1#3', amountFen: 2_554_000, days: 15, dayType: 'calendar', ref: '4.5.1' },
    ]);
  });

  test('a due date computed in a year without holiday data is flagged', () => {
    const raw = rawSeed('002');
    raw.signedDate = '2026-12-20';
    expect(billsOf(assertContractSpec(raw))[0]).toMatchObject({
      calendarDataMissing: true,
      missingYears: [2027],
    });
  });
});
