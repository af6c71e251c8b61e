import { firstTerm, MissingFactError, renewalOutlook, termMonths } from '../../domain/clauses/term';
import { assertContractSpec } from '../../domain/contract-spec';
import { isoDate } from '../../domain/dates';
import { seedContract } from '../../domain/seed-contracts';
import { rawSeed } from './seed-fixtures';

const d = isoDate;

describe('term and renewal', () => {
  test('000 10.1–10.2: given activation on 2024-05-06, the term ends 2027-05-05 and renews for 36 months unless notice by 2027-02-04', () => {
    const spec = seedContract('XJJCF2400252EGN00');
    const term = firstTerm(spec, { activationDate: d('2024-05-06') });
    expect(term).toEqual({ start: '2024-05-06', end: '2027-05-05' });
    expect(renewalOutlook(spec, term)).toEqual({
      kind: 'auto',
      ref: '10.2',
      nonRenewalNoticeDeadline: '2027-02-04',
      reminderDate: '2027-01-05', // 30 days ahead of the deadline, while the customer can still act
      next: { start: '2027-05-06', end: '2030-05-05' },
      calendarDataMissing: false,
    });
  });

  test('an activation-based term cannot be dated before activation', () => {
    expect(() => firstTerm(seedContract('XJJCF2400252EGN00'))).toThrow(MissingFactError);
    expect(() => firstTerm(seedContract('XJJCF2400252EGN00'))).toThrow(
      'activationDate is needed (clause 10.1)',
    );
  });

  test('001 11.1: 2022-01-01 to 2022-12-31, renewing 12 months at a time, notice 90 days before expiry', () => {
    const spec = seedContract('JSCZE2208138CGN00');
    const term = firstTerm(spec);
    expect(term).toEqual({ start: '2022-01-01', end: '2022-12-31' });
    expect(termMonths(spec.clauses.term)).toBe(12);
    expect(renewalOutlook(spec, term, 5)).toMatchObject({
      nonRenewalNoticeDeadline: '2022-10-02',
      next: { start: '2023-01-01', end: '2023-12-31' },
    });
  });

  test('002 3.1(1): 12 months from signature 2025-09-09, no renewal clause', () => {
    const spec = seedContract('SNSGS2500554EGN00');
    const term = firstTerm(spec);
    expect(term).toEqual({ start: '2025-09-09', end: '2026-09-08' });
    expect(renewalOutlook(spec, term)).toEqual({ kind: 'no-renewal', ref: 'default' });
  });

  test('003 §20: renews for the same term unless notice 15 days before expiry', () => {
    const spec = seedContract('SEED003-400-UNNUMBERED');
    const term = firstTerm(spec, { activationDate: d('2025-02-01') });
    expect(renewalOutlook(spec, term)).toMatchObject({ nonRenewalNoticeDeadline: '2026-01-16' });
  });

  test('004 10.1, 11.11: 2023-12-01 to 2026-11-30 is 36 months, renewal length negotiated', () => {
    const spec = seedContract('HASGS2300729CGN00');
    expect(termMonths(spec.clauses.term)).toBe(36);
    expect(renewalOutlook(spec, firstTerm(spec))).toEqual({ kind: 'negotiated', ref: '11.11' });
  });

  test('a renewal limit, once used up, stops the renewals; odd fixed terms have no whole-month length', () => {
    const raw = rawSeed('001');
    raw.clauses.renewal.maxRenewals = 2;
    raw.clauses.term.end.date = '2022-12-30';
    raw.clauses.payment.plans = [];
    raw.lineItems = [];
    const spec = assertContractSpec(raw);
    expect(termMonths(spec.clauses.term)).toBeNull();
    expect(renewalOutlook(spec, firstTerm(spec), 1).kind).toBe('auto');
    expect(renewalOutlook(spec, firstTerm(spec), 2)).toEqual({ kind: 'renewals-exhausted', ref: '11.1' });
  });
});
