import { dunningLadder, lateFee } from '../../domain/clauses/dunning';
import { earlyTerminationCharge } from '../../domain/clauses/early-termination';
import { unsubscribeStopDate } from '../../domain/clauses/unsubscribe';
import { isoDate } from '../../domain/dates';
import { formatMoney, parseMoney } from '../../domain/money';
import { seedContract } from '../../domain/seed-contracts';

const d = isoDate;
const ccc = seedContract('XJJCF2400252EGN00');
const lines = seedContract('JSCZE2208138CGN00');
const ccp = seedContract('SNSGS2500554EGN00');
const sms = seedContract('HASGS2300729CGN00');

describe('late fees', () => {
  test.each([
    ['000 7.3, 0.3%/day', ccc, '25,540.00', '2025-04-30', '2025-05-10', '766.20'],
    ['001 2.3.3, 3%/day as written', lines, '90,400.00', '2023-06-01', '2023-06-11', '27,120.00'],
    ['002 7.2, 0.1%/day', ccp, '249,000.00', '2025-09-29', '2025-10-04', '1,245.00'],
    ['004 7.2, 3‰/day', sms, '100,000.00', '2024-06-30', '2024-07-10', '3,000.00'],
  ])('%s: %s due %s paid %s costs %s', (_, spec, amount, due, paid, fee) => {
    expect(formatMoney(lateFee(spec, parseMoney(amount), d(due), d(paid)).feeFen)).toBe(fee);
  });

  test('paying on or before the due date costs nothing; a contract without the clause charges nothing', () => {
    expect(lateFee(ccc, 2_554_000, d('2025-04-30'), d('2025-04-30'))).toEqual({
      ref: '7.3',
      overdueDays: 0,
      rateBpPerDay: 30,
      feeFen: 0,
    });
    expect(
      lateFee(seedContract('SEED003-400-UNNUMBERED'), 100, d('2025-01-01'), d('2025-02-01')).feeFen,
    ).toBe(0);
  });
});

describe('dunning ladder', () => {
  test('001 2.3.4: more than 30 days overdue → suspension; 60 days later still unpaid → termination', () => {
    // Due 2023-03-01: the 30 days end on 31 March (a Friday), suspension from 1 April; 60 days from then
    // end on 31 May (a Wednesday), termination from 1 June.
    expect(dunningLadder(lines, d('2023-03-01'))).toEqual({
      suspension: { kind: 'from-date', date: '2023-04-01', ref: '2.3.4' },
      termination: { kind: 'from-date', date: '2023-06-01', ref: '2.3.4' },
    });
    // Due 2023-06-01: day 30 is Saturday 1 July, so the grace runs to Monday 3 July and suspension comes
    // on the 4th; 60 days from then end on Saturday 2 September, so the 4th, and termination on the 5th.
    expect(dunningLadder(lines, d('2023-06-01'))).toEqual({
      suspension: { kind: 'from-date', date: '2023-07-04', ref: '2.3.4' },
      termination: { kind: 'from-date', date: '2023-09-05', ref: '2.3.4' },
    });
  });

  test('001: the termination count runs from the actual suspension day', () => {
    expect(dunningLadder(lines, d('2023-06-01'), d('2023-07-10')).termination).toEqual({
      kind: 'from-date',
      date: '2023-09-09',
      ref: '2.3.4',
    });
  });

  test('002 3.3: unpaid in the month → suspended from the 1st of next month; more than 30 days → termination', () => {
    expect(dunningLadder(ccp, d('2025-09-29'))).toEqual({
      suspension: { kind: 'from-date', date: '2025-10-01', ref: '3.3' },
      termination: { kind: 'from-date', date: '2025-10-30', ref: '3.3; 7.2' },
    });
  });

  test('000 and 004 leave suspension and termination to the provider; 003 has no dunning clause', () => {
    expect(dunningLadder(ccc, d('2025-04-30'))).toEqual({
      suspension: { kind: 'discretionary', ref: '7.3' },
      termination: { kind: 'discretionary', ref: '7.3' },
    });
    expect(dunningLadder(seedContract('SEED003-400-UNNUMBERED'), d('2025-04-30')).suspension).toEqual({
      kind: 'not-in-contract',
    });
  });
});

describe('unsubscribe stop date', () => {
  test('000 3.6: a date less than 30 days after the notice becomes the 31st day after it', () => {
    expect(unsubscribeStopDate(ccc, d('2025-03-01'), d('2025-03-15'))).toEqual({
      kind: 'stop',
      ref: '3.6',
      stopDate: '2025-04-01',
      earliestAllowed: '2025-03-31',
      adjusted: true,
    });
    expect(unsubscribeStopDate(ccc, d('2025-03-01'))).toMatchObject({
      stopDate: '2025-04-01',
      adjusted: true,
    });
  });

  test('000 3.6: a date 30 or more days out is kept as written', () => {
    expect(unsubscribeStopDate(ccc, d('2025-03-01'), d('2025-03-31'))).toMatchObject({
      stopDate: '2025-03-31',
      adjusted: false,
    });
    expect(unsubscribeStopDate(ccc, d('2025-03-01'), d('2025-06-30'))).toMatchObject({
      stopDate: '2025-06-30',
    });
  });

  test('004 4.4: 90 days notice, an earlier date moves to the earliest allowed; 001 has no unsubscribe clause', () => {
    expect(unsubscribeStopDate(sms, d('2025-01-10'), d('2025-02-01'))).toMatchObject({
      stopDate: '2025-04-10',
      adjusted: true,
    });
    expect(unsubscribeStopDate(lines, d('2022-06-01'))).toEqual({ kind: 'no-unsubscribe-clause' });
  });
});

describe('early termination', () => {
  test('000 7.3 (2nd): one year into the term, 5% of the remaining 51,080 fees = 2,554.00 (no discounts to claw back)', () => {
    const charge = earlyTerminationCharge(ccc, {
      term: { start: d('2024-05-06'), end: d('2027-05-05') },
      stopDate: d('2025-05-06'),
    });
    expect(charge).toEqual({
      ref: '7.3 (2nd)',
      clawbackFen: 0,
      clawbackLines: [],
      remainingFeesFen: parseMoney('51,080.00'),
      remainingFeesChargeFen: parseMoney('2,554.00'),
      fixedFen: 0,
      totalFen: parseMoney('2,554.00'),
    });
  });

  test('000: a discounted seat is clawed back for the time used, against the catalogue list price', () => {
    const discounted = {
      ...ccc,
      lineItems: ccc.lineItems.map((i) => (i.id === 'A2-1' ? { ...i, unitPriceFen: 47_000 } : i)),
    };
    const charge = earlyTerminationCharge(discounted, {
      term: { start: d('2024-05-06'), end: d('2027-05-05') },
      stopDate: d('2025-05-06'),
    });
    // 100/month standard − agreed, 36 months = 3,600 over the term; a third (365 of 1095 days) was used
    expect(charge?.clawbackLines).toEqual([{ itemId: 'A2-1', amountFen: 120_000 }]);
  });

  test('001 6.2: with 30 lines connected at the discounted 0 access fee, 60,000 clawback + 10,000 = 70,000', () => {
    const facts = { term: { start: d('2022-01-01'), end: d('2022-12-31') }, stopDate: d('2022-07-01') };
    expect(earlyTerminationCharge(lines, { ...facts, usage: { 'L-access': 30 } })).toMatchObject({
      clawbackFen: parseMoney('60,000.00'),
      fixedFen: parseMoney('10,000.00'),
      totalFen: parseMoney('70,000.00'),
    });
    expect(earlyTerminationCharge(lines, facts)?.totalFen).toBe(parseMoney('10,000.00'));
  });

  test('a contract without an early-termination clause gives null', () => {
    const facts = { term: { start: d('2025-09-09'), end: d('2026-09-08') }, stopDate: d('2026-01-01') };
    expect(earlyTerminationCharge(ccp, facts)).toBeNull();
  });
});
