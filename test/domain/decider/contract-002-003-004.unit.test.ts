/**
 * 002 (Cloud Call+, signed 2025-09-09): term from signature 3.1(1), one payment within 15 working days
 * 3.2, suspension from the 1st of the next month and termination after 30 days 3.3, late fee 7.2.
 * 003 (400 number, signed 2025-01-02): service requests of annex 2, renewal with 15 days' notice §20.
 * 004 (industry SMS, signed 2021-12-13): violation tiers 7.3, complaint threshold annex §14, 90 days'
 * notice 4.4, term 2023-12-01 … 2026-11-30 with a negotiated renewal 11.11.
 */
import { seedContract } from '../../../domain/seed-contracts';
import { Contract, types } from './support';

const s002 = seedContract('SNSGS2500554EGN00');
const s003 = seedContract('SEED003-400-UNNUMBERED');
const s004 = seedContract('HASGS2300729CGN00');

describe('002 3.1(1) / 3.2 / 3.3 / 7.2', () => {
  test('given activation on 2025-09-12, then fees still run from signing: term 2025-09-09 … 2026-09-08, 249,000 due 2025-09-29', () => {
    const c = Contract.signed(s002).activate(3);
    expect(c.last('billing-started').data).toMatchObject({
      activationDate: '2025-09-09',
      agreementPeriod: { startDate: '2025-09-09', endDate: '2026-09-08' },
      instalments: [{ dueDate: '2025-09-29', amountFen: 24_900_000 }],
    });
  });

  test('when 249,000 is unpaid, then suspended from 2025-10-01 (3.3) and terminated on 2025-10-30, more than 30 days overdue', () => {
    const c = Contract.signed(s002).activate(3);
    expect(c.on('2025-09-30')[0]!.data).toMatchObject({ overdueDays: 1, suspensionFromDate: '2025-10-01' });
    expect(c.on('2025-10-01')[0]).toMatchObject({ type: 'service-suspended', data: { clauseRef: '3.3' } });
    expect(c.on('2025-10-29')).toEqual([]);
    const end = c.on('2025-10-30');
    expect(types(end)).toEqual(['charge-applied', 'terminated', 'resource-quarantined', 'closed']);
    // 7.2: 249,000 × 0.1% × 31 days (2025-09-29 → 2025-10-30) = 7,719.00, recovered with the principal.
    expect(end[0]!.data).toMatchObject({ chargeType: 'late-fee', amountFen: 771_900, clauseRef: '7.2' });
    expect(end[3]!.data.settlement).toEqual({
      principalFen: 24_900_000,
      lateFeesFen: 771_900,
      terminationChargesFen: 0,
      creditsFen: 0,
      totalFen: 25_671_900,
    });
  });

  test('when paid on 2025-10-09, 10 days late, then 0.1% × 10 = 2,490.00 is charged and service resumes', () => {
    const c = Contract.signed(s002).activate(3);
    c.on('2025-10-09');
    const paid = c.pay('3.2#1', 24_900_000);
    expect(types(paid)).toEqual(['payment-received', 'charge-applied', 'service-resumed']);
    expect(paid[1]!.data).toMatchObject({ amountFen: 249_000, clauseRef: '7.2' });
  });
});

describe('003 annex 2 / §20: service requests on the 400 number; renewal unless notice 15 days before expiry', () => {
  const active = () => Contract.signed(s003).activate(2);

  test('when the customer asks to suspend and keep the number, then inventory keeps it and the network stops it', () => {
    const c = active();
    const done = c.act('service-request', { type: 'suspend-keep-number', requestedBy: 'zhang' });
    expect(c.effects.slice(-2).map((e) => e.kind)).toEqual(['suspend-numbers', 'set-service-active']);
    expect(types(done)).toEqual(['service-suspended', 'service-request-completed']);
    expect(done[0]!.data).toMatchObject({ reason: 'customer-request', chargesContinue: false });
    expect(
      c.refused('service-request', { type: 'suspend-keep-number', requestedBy: 'zhang' }).message,
    ).toMatch(/already suspended since/);
    expect(types(c.act('service-request', { type: 'resume', requestedBy: 'zhang' }))).toEqual([
      'service-resumed',
      'service-request-completed',
    ]);
  });

  test('when the number changes, then the old one leaves the network, the new one joins it and the contract holds it', () => {
    const c = active();
    const old = c.state.resources.find((r) => r.kind === 'number-400')!.value;
    const done = c.act('service-request', {
      type: 'number-change',
      requestedBy: 'zhang',
      preferredNumber: '4009990001',
    });
    expect(c.effects.slice(-3).map((e) => e.kind)).toEqual([
      'change-number',
      'deactivate-network',
      'activate-network',
    ]);
    expect(done[0]!.data.resources).toEqual([
      { resourceId: 'number-400:4009990001', resourceType: 'number-400', value: '4009990001' },
    ]);
    expect(c.state.resources.map((r) => r.value)).not.toContain(old);
  });

  test('given activation 2025-01-04, then the notice deadline is 15 days before expiry 2026-01-03: 2025-12-19', () => {
    const c = active();
    expect(c.state.term).toMatchObject({ start: '2025-01-04', end: '2026-01-03' });
    expect(c.obligations().find((o) => o.kind === 'non-renewal-notice')?.dueDate).toBe('2025-12-19');
  });
});

describe('004 7.3 / annex §14 / 4.4 / 11.11', () => {
  const active = () => {
    const c = Contract.signed(s004).activate(1);
    c.on('2024-03-01');
    return c;
  };
  const violation = (c: Contract, violationId: string, tier: 'general' | 'serious' | 'major') =>
    c.fact({
      fact: 'violation-recorded',
      data: { contractNo: s004.contractNo, violationId, tier, detectedDate: c.today, description: 'x' },
    });

  test('given a general violation on 2024-03-01, then the port is blocked and remediation is due in 14 days, 2024-03-15', () => {
    const c = active();
    const recorded = violation(c, 'V-1', 'general');
    expect(recorded[0]!.data).toMatchObject({
      remediationDueDate: '2024-03-15',
      penaltyIfUnremediedFen: 1_000_000,
      portBlocked: true,
    });
    expect(c.effects.at(-1)).toMatchObject({ kind: 'block-sms-ports', blocked: true });
    expect(c.obligations().find((o) => o.kind === 'remediation')).toMatchObject({
      dueDate: '2024-03-15',
      subject: { violationId: 'V-1' },
    });
  });

  test('when remediated in time, then the port is unblocked; when not, on 2024-03-16 the 10,000 penalty and termination follow', () => {
    const ok = active();
    violation(ok, 'V-1', 'general');
    ok.after(10);
    expect(
      types(ok.act('record-remediation', { violationId: 'V-1', passed: true, checkedBy: 'liu' })),
    ).toEqual(['violation-remediated']);
    expect(ok.effects.at(-1)).toMatchObject({ kind: 'block-sms-ports', blocked: false });

    const late = active();
    violation(late, 'V-2', 'general');
    expect(late.on('2024-03-15')).toEqual([]);
    const end = late.on('2024-03-16');
    expect(types(end)).toEqual(['charge-applied', 'terminated', 'resource-quarantined', 'closed']);
    expect(end[0]!.data).toMatchObject({
      chargeType: 'violation-penalty',
      amountFen: 1_000_000,
      clauseRef: '7.3',
    });
  });

  test('given a major violation, then the business ends at once with 100,000 and no new applications for 6 months', () => {
    const c = active();
    expect(types(violation(c, 'V-9', 'major'))).toEqual([
      'violation-recorded',
      'charge-applied',
      'terminated',
      'resource-quarantined',
      'closed',
    ]);
    expect(c.last('charge-applied').data.amountFen).toBe(10_000_000);
    // No new applications for the 6 months after the notice (to 1 September): again from the 2nd.
    expect(c.state.flags).toContain('new-applications-accepted-from:2024-09-02');
  });

  test('when 100 complaints arrive in one month, then the threshold of annex §14 is reached', () => {
    const c = active();
    for (let i = 1; i <= 99; i++) {
      c.fact({
        fact: 'complaint-recorded',
        data: { contractNo: s004.contractNo, complaintId: `K-${i}`, receivedDate: c.today, category: 'spam' },
      });
    }
    expect(c.last('complaint-recorded').data).toMatchObject({
      complaintsThisMonth: 99,
      thresholdReached: false,
    });
    c.fact({
      fact: 'complaint-recorded',
      data: { contractNo: s004.contractNo, complaintId: 'K-100', receivedDate: c.today, category: 'spam' },
    });
    expect(c.last('complaint-recorded').data).toMatchObject({
      complaintsThisMonth: 100,
      monthlyThreshold: 100,
      thresholdReached: true,
    });
  });

  test('when notice to stop is given on 2024-03-01 for 2024-04-01, then the stop moves to 90 days later, 2024-05-30 (4.4)', () => {
    const c = active();
    const notice = c.act('unsubscribe', {
      noticeDate: c.today,
      requestedStopDate: '2024-04-01' as never,
      givenBy: 'zhang',
    });
    expect(notice[0]!.data).toMatchObject({ stopBillingDate: '2024-05-30', clauseRef: '4.4' });
  });

  test('given a renewal agreed at the time (11.11), then the term simply expires after 2026-11-30', () => {
    const c = active();
    expect(c.obligations().find((o) => o.kind === 'term-end')).toMatchObject({
      party: 'sales',
      dueDate: '2026-11-30',
      escalation: { date: '2026-12-01', consequence: 'expiry' },
    });
    expect(c.obligations().some((o) => o.kind === 'non-renewal-notice')).toBe(false);
    const end = c.on('2026-12-01');
    expect(end[0]).toMatchObject({
      type: 'terminated',
      data: { reason: 'expired', stopBillingDate: '2026-12-01' },
    });
  });
});
