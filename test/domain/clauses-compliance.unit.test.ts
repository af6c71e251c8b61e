import {
  complaintThresholdsReached,
  quarantineReleaseDate,
  terminationPenaltyFen,
  violationOutcome,
} from '../../domain/clauses/compliance';
import { isoDate } from '../../domain/dates';
import { parseMoney } from '../../domain/money';
import { seedContract } from '../../domain/seed-contracts';

const d = isoDate;
const sms = seedContract('HASGS2300729CGN00');

describe('compliance clauses', () => {
  test('complaint thresholds are reached at or above the count: 1/month for 001 and 002, 100/month for 004', () => {
    expect(complaintThresholdsReached(seedContract('JSCZE2208138CGN00'), 1)).toEqual([
      { ref: 'annex 2 §17', perMonth: 1, action: 'may-stop-service' },
    ]);
    expect(complaintThresholdsReached(seedContract('SNSGS2500554EGN00'), 1)[0]?.action).toBe('may-terminate');
    expect(complaintThresholdsReached(sms, 99)).toEqual([]);
    expect(complaintThresholdsReached(sms, 100)).toHaveLength(1);
  });

  test('004 7.3.1: a general violation notified 2024-03-01 blocks the port until 2024-03-15; unremedied costs 10,000', () => {
    expect(violationOutcome(sms, 'general', d('2024-03-01'))).toEqual({
      kind: 'remediate',
      ref: '7.3',
      remediationEnds: '2024-03-15',
      portBlocked: true,
      newApplicationsPaused: true,
      penaltyIfUnremediedFen: parseMoney('10,000.00'),
    });
    // 30 days end on Sunday 2024-03-31: the period runs to Monday 1 April (民法典 art. 203).
    expect(violationOutcome(sms, 'serious', d('2024-03-01'))).toMatchObject({
      remediationEnds: '2024-04-01',
      penaltyIfUnremediedFen: parseMoney('50,000.00'),
    });
  });

  test('004 7.3.3: a major violation ends that business, bans new applications 6 months, costs 100,000', () => {
    // The 6 months follow the notice of 2024-03-01 and end on 1 September; applications again from the 2nd.
    expect(violationOutcome(sms, 'major', d('2024-03-01'))).toEqual({
      kind: 'terminate-business',
      ref: '7.3',
      applicationsAcceptedAgainFrom: '2024-09-02',
      penaltyFen: parseMoney('100,000.00'),
      contractTerminable: true,
    });
    expect(violationOutcome(seedContract('JSCZE2208138CGN00'), 'major', d('2024-03-01'))).toEqual({
      kind: 'no-tier-rules',
    });
  });

  test('001 3.1.11: transit traffic costs 20% of the contract value (450,000 → 90,000)', () => {
    const [transit, breach] = seedContract('JSCZE2208138CGN00').clauses.compliance.terminationPenalties;
    if (!transit || !breach) throw new Error('penalties missing');
    const amounts = {
      contractValueFen: parseMoney('450,000.00'),
      remainingFeesFen: parseMoney('225,000.00'),
    };
    expect(terminationPenaltyFen(transit, amounts)).toBe(parseMoney('90,000.00'));
    expect(terminationPenaltyFen(breach, amounts)).toBe(parseMoney('112,500.00')); // 6.3: 50% of the rest
  });

  test('001 3.2.10: released numbers and IPs go to others only after 90 days; silent contracts default to 90', () => {
    // Released 2023-01-03: the 90 days run 4 January – 3 April (a Monday); reuse from 4 April.
    expect(quarantineReleaseDate(seedContract('JSCZE2208138CGN00'), d('2023-01-03'))).toMatchObject({
      date: '2023-04-04',
      ref: '3.2.10',
    });
    // Released 2024-01-01: day 90 is Sunday 31 March, so the period runs to 1 April (art. 203); reuse on 2 April.
    expect(quarantineReleaseDate(seedContract('SEED003-400-UNNUMBERED'), d('2024-01-01'))).toEqual({
      date: '2024-04-02',
      ref: 'default',
      calendarDataMissing: false,
      missingYears: [],
    });
  });
});
