import { acceptanceWindow } from '../../domain/clauses/acceptance';
import { activationDeadline, activationDelayPenalty } from '../../domain/clauses/activation';
import { monthlyFeeFen, oneTimeFeesFen } from '../../domain/clauses/charges';
import { isoDate } from '../../domain/dates';
import { formatMoney } from '../../domain/money';
import { seedContract } from '../../domain/seed-contracts';

const d = isoDate;
const ccc = seedContract('XJJCF2400252EGN00');

describe('activation and acceptance (000 clauses 3.2, 3.4, 7.4)', () => {
  test('given resources ready on 2024-09-27, activation is due within 10 working days: 2024-10-16', () => {
    expect(activationDeadline(ccc, d('2024-09-27'))).toEqual({
      kind: 'deadline',
      ref: '3.2',
      deadline: '2024-10-16',
      calendarDataMissing: false,
      missingYears: [],
    });
  });

  test('a deadline reaching into a year without holiday data is flagged', () => {
    expect(activationDeadline(ccc, d('2026-12-24'))).toMatchObject({
      calendarDataMissing: true,
      missingYears: [2027],
    });
  });

  test('001 and 002 agree activation dates between the parties; 003 has no activation clause', () => {
    expect(activationDeadline(seedContract('JSCZE2208138CGN00'), d('2022-11-25'))).toEqual({
      kind: 'negotiated',
      ref: '3.2.4',
      from: 'one-time-fees-paid',
    });
    expect(activationDeadline(seedContract('SEED003-400-UNNUMBERED'), d('2025-01-02')).kind).toBe(
      'no-activation-clause',
    );
  });

  test('the penalty basis is the 2,000 opening fee; the cap is the monthly fee 25,540 / 12 = 2,128.33', () => {
    expect(formatMoney(oneTimeFeesFen(ccc.lineItems))).toBe('2,000.00');
    expect(formatMoney(monthlyFeeFen(ccc.lineItems))).toBe('2,128.33');
  });

  test('given activation 10 days late, the penalty is 1% × 2,000 × 10 = 200.00, credited to the first month', () => {
    const penalty = activationDelayPenalty(ccc, d('2024-10-16'), d('2024-10-26'));
    expect(penalty).toEqual({
      ref: '7.4',
      lateDays: 10,
      dailyPenaltyFen: 2_000,
      uncappedFen: 20_000,
      capFen: 212_833,
      penaltyFen: 20_000,
      capped: false,
      customerMayTerminateFrom: '2025-01-15',
    });
  });

  test('given activation 120 days late, the penalty stops at the monthly fee', () => {
    const penalty = activationDelayPenalty(ccc, d('2024-10-16'), d('2025-02-13'));
    expect(penalty).toMatchObject({ lateDays: 120, uncappedFen: 240_000, penaltyFen: 212_833, capped: true });
  });

  test('activation on or before the deadline costs nothing; contracts without the clause give null', () => {
    expect(activationDelayPenalty(ccc, d('2024-10-16'), d('2024-10-16'))).toMatchObject({
      lateDays: 0,
      penaltyFen: 0,
    });
    expect(activationDelayPenalty(ccc, d('2024-10-16'), d('2024-10-01'))).toMatchObject({
      lateDays: 0,
      penaltyFen: 0,
    });
    expect(
      activationDelayPenalty(seedContract('SNSGS2500554EGN00'), d('2025-10-01'), d('2025-12-01')),
    ).toBeNull();
  });

  test('given the completion notice received 2024-10-20, silence after 2024-10-25 is acceptance with the notice date as activation date', () => {
    const facts = { noticeReceivedOn: d('2024-10-20'), completionNoticeDate: d('2024-10-16') };
    expect(acceptanceWindow(ccc, facts)).toEqual({
      kind: 'window',
      ref: '3.4',
      lastDayToRespond: '2024-10-25',
      deemedAcceptedOn: '2024-10-26',
      activationDateIfDeemed: '2024-10-16',
      calendarDataMissing: false,
      missingYears: [],
    });
    expect(acceptanceWindow(seedContract('SNSGS2500554EGN00'), facts)).toEqual({
      kind: 'no-acceptance-clause',
    });
  });
});
