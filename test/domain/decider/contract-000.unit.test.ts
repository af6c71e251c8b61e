/**
 * Contract 000 (96110 cloud call centre, signed 2024-04-01) on the decider, clause by clause:
 * activation SLA 3.2 and delay penalty 7.4, acceptance 3.4, billing from activation 3.5, instalments
 * 4.5.1, late fee 7.3, unsubscribe 3.6 with the early-termination charge 7.3 (2nd), term and renewal 10.
 */
import { earlyTerminationCharge } from '../../../domain/clauses/early-termination';
import { seedContract } from '../../../domain/seed-contracts';
import { Contract, types } from './support';

const spec = seedContract('XJJCF2400252EGN00');

describe('000 3.2 / 7.4: activation within 10 working days of the order, 1% of the one-time fees per day late', () => {
  test('given approval on 2024-04-01, when provisioning is done, then activation is due 2024-04-16 (Qingming holidays skipped)', () => {
    const c = Contract.signed(spec);
    c.approve();
    expect(c.state.activation.deadline).toBe('2024-04-16');
    expect(c.obligations().find((o) => o.kind === 'line-installation')).toMatchObject({
      party: 'engineer',
      action: 'confirm-installation',
      dueDate: '2024-04-16',
      clause: '3.2',
    });
  });

  test('given no notice by 2024-04-16, then on 2024-04-17 the penalty is 1% × 2,000 = 20.00, capped at the monthly fee 2,128.33', () => {
    const c = Contract.signed(spec);
    c.approve();
    expect(types(c.on('2024-04-16'))).toEqual([]);
    const late = c.on('2024-04-17');
    expect(late).toEqual([
      {
        type: 'activation-overdue',
        data: {
          activationDueDate: '2024-04-16',
          asOfDate: '2024-04-17',
          overdueDays: 1,
          penaltyAccruedFen: 2_000,
          penaltyCapFen: 212_833,
          customerMayTerminate: false,
          clauseRef: '7.4',
        },
      },
    ]);
  });

  test('given 90 days late (2024-07-15), then on day 91 (2024-07-16) the customer may terminate: 91 × 20.00 = 1,820.00', () => {
    const c = Contract.signed(spec);
    c.approve();
    c.on('2024-07-15');
    expect(c.state.activation.terminationRightRaised).toBe(false);
    expect(c.on('2024-07-16')).toEqual([
      expect.objectContaining({
        type: 'activation-overdue',
        data: expect.objectContaining({
          overdueDays: 91,
          penaltyAccruedFen: 182_000,
          customerMayTerminate: true,
        }),
      }),
    ]);
  });

  test('when the notice comes 107 days late (2024-08-01), then the penalty stops at the cap 2,128.33 and billing credits it in the first month', () => {
    const c = Contract.signed(spec);
    c.approve();
    c.on('2024-08-01');
    c.installLines();
    const notice = c.act('issue-completion-notice', { issuedBy: 'wang' });
    expect(types(notice)).toEqual(['activation-overdue', 'completion-notice-issued']);
    expect(notice[0]!.data).toMatchObject({ overdueDays: 107, penaltyAccruedFen: 212_833 });
    c.signOff();
    expect(c.last('billing-started').data.firstMonthCreditFen).toBe(212_833);
    expect(c.state.balances.creditsFen).toBe(212_833);
  });
});

describe('000 3.4 / 3.5: 5 days to sign after the completion notice; silence is acceptance dated on the notice', () => {
  const noticed = () => {
    const c = Contract.signed(spec);
    c.approve();
    c.on('2024-04-11');
    return { c, notice: c.complete() };
  };

  test('given a notice on 2024-04-11, then the window runs to 2024-04-16 and the customer owes the answer', () => {
    const { c, notice } = noticed();
    expect(notice).toEqual([
      {
        type: 'completion-notice-issued',
        data: { noticeDate: '2024-04-11', acceptanceDueDate: '2024-04-16' },
      },
    ]);
    expect(c.obligations()).toEqual([
      expect.objectContaining({
        kind: 'acceptance',
        party: 'customer',
        action: 'sign-off',
        dueDate: '2024-04-16',
        escalation: { date: '2024-04-17', consequence: 'deemed-acceptance', clause: '3.4' },
      }),
    ]);
  });

  test('when silent through 2024-04-16, then on 2024-04-17 acceptance is deemed, activation 2024-04-11, term 2024-04-11 … 2027-04-10', () => {
    const { c } = noticed();
    expect(c.on('2024-04-16')).toEqual([]);
    const deemed = c.on('2024-04-17');
    // 4.5.1: the first instalment was due 15 days after signing (2024-04-16) and is still unpaid.
    expect(types(deemed)).toEqual(['acceptance-deemed', 'billing-started', 'payment-overdue']);
    expect(deemed[0]!.data).toEqual({
      noticeDate: '2024-04-11',
      deemedDate: '2024-04-17',
      activationDate: '2024-04-11',
      clauseRef: '3.4',
    });
    expect(deemed[1]!.data).toMatchObject({
      activationDate: '2024-04-11',
      agreementPeriod: { startDate: '2024-04-11', endDate: '2027-04-10' },
    });
  });

  test('when signed on day 3 (2024-04-14), then that day is the activation date and fees run from it', () => {
    const { c } = noticed();
    c.on('2024-04-14');
    expect(types(c.signOff())).toEqual(['acceptance-signed', 'billing-started']);
    expect(c.last('billing-started').data.agreementPeriod).toEqual({
      startDate: '2024-04-14',
      endDate: '2027-04-13',
    });
    expect(c.refused('sign-off', { signedBy: 'zhang' }).kind).toBe('wrong-stage');
  });

  test('when the customer objects in writing, then provisioning resumes and a new notice opens a new window', () => {
    const { c } = noticed();
    c.on('2024-04-13');
    expect(types(c.act('object', { reason: 'caller id wrong', raisedBy: 'zhang' }))).toEqual([
      'acceptance-objected',
    ]);
    expect(c.state.stage).toBe('provisioning');
    expect(c.obligations().map((o) => o.kind)).toEqual(['completion-notice']);
    c.on('2024-04-15');
    // Day 5 is Saturday 2024-04-20: the window runs to Monday 22 April (民法典 art. 203).
    expect(c.complete()[0]!.data).toEqual({ noticeDate: '2024-04-15', acceptanceDueDate: '2024-04-22' });
  });
});

describe('000 4.5.1 / 7.3: three instalments, a late one pays 0.3% per day', () => {
  test('given billing started, then the bills are 27,540 by 2024-04-16, 25,540 by 2025-04-30 and 2026-03-31', () => {
    const c = Contract.signed(spec).activate(1);
    expect(c.last('billing-started').data.instalments).toEqual([
      { invoiceId: '4.5.1#1', dueDate: '2024-04-16', amountFen: 2_754_000 },
      { invoiceId: '4.5.1#2', dueDate: '2025-04-30', amountFen: 2_554_000 },
      { invoiceId: '4.5.1#3', dueDate: '2026-03-31', amountFen: 2_554_000 },
    ]);
    expect(
      c
        .obligations()
        .filter((o) => o.kind === 'payment')
        .map((o) => [o.subject.invoiceId, o.dueDate]),
    ).toEqual([
      ['4.5.1#1', '2024-04-16'],
      ['4.5.1#2', '2025-04-30'],
      ['4.5.1#3', '2026-03-31'],
    ]);
  });

  test('when 25,540 due 2025-04-30 is paid 20 days late, then it is overdue from 2025-05-01 and the late fee is 25,540 × 0.3% × 20 = 1,532.40', () => {
    const c = Contract.signed(spec).activate(1);
    c.pay('4.5.1#1', 2_754_000);
    expect(types(c.on('2025-05-01'))).toEqual(['payment-overdue']);
    expect(c.last('payment-overdue').data).toMatchObject({
      dueDate: '2025-04-30',
      overdueDays: 1,
      amountDueFen: 2_554_000,
    });
    c.on('2025-05-20');
    const paid = c.pay('4.5.1#2', 2_554_000);
    expect(types(paid)).toEqual(['payment-received', 'charge-applied']);
    expect(paid[1]!.data).toMatchObject({
      chargeType: 'late-fee',
      amountFen: 153_240,
      clauseRef: '7.3',
      invoiceId: '4.5.1#2',
    });
    expect(c.state.balances).toMatchObject({ lateFeesFen: 153_240, paidFen: 5_308_000 });
  });

  test('when the same payment is reported twice, then it is booked once', () => {
    const c = Contract.signed(spec).activate(1);
    expect(types(c.pay('4.5.1#1', 2_754_000))).toEqual(['payment-received']);
    expect(c.pay('4.5.1#1', 2_754_000)).toEqual([]);
  });
});

describe('000 3.6 / 7.3 (2nd): unsubscribe with 30 days notice; early stop pays the discount back and 5% of the rest', () => {
  test('given notice on 2025-01-10 naming 2025-01-20, then billing stops on the 31st day, 2025-02-10, and the remaining fees are the service periods not begun', () => {
    const c = Contract.signed(spec).activate(1);
    c.pay('4.5.1#1', 2_754_000);
    c.on('2025-01-10');
    const notice = c.act('unsubscribe', {
      noticeDate: c.today,
      requestedStopDate: '2025-01-20' as never,
      givenBy: 'zhang',
    });
    expect(notice[0]!.data).toMatchObject({ stopBillingDate: '2025-02-10', clauseRef: '3.6' });
    const end = c.on('2025-02-10');
    const term = { start: c.state.term.start!, end: c.state.term.end! };
    const fee = earlyTerminationCharge(spec, { term, stopDate: '2025-02-10' as never })!;
    // Not begun by 2025-02-10: 25 of the seat's 36 months (25 × 570 = 14,250) and service years 2 and 3 of
    // the yearly items (2 × 18,700 = 37,400): 51,650, of which 5% is 2,582.50.
    expect(fee).toMatchObject({ remainingFeesFen: 5_165_000, remainingFeesChargeFen: 258_250 });
    expect(types(end)).toEqual(['charge-applied', 'terminated', 'resource-quarantined', 'closed']);
    expect(end[0]!.data).toMatchObject({
      chargeType: 'early-termination',
      amountFen: fee.totalFen,
      clauseRef: '7.3 (2nd)',
    });
    expect(end[1]!.data).toMatchObject({
      reason: 'unsubscribed',
      stopBillingDate: '2025-02-10',
      earlyTermination: true,
    });
    expect(end[3]!.data.settlement).toMatchObject({ terminationChargesFen: fee.totalFen, lateFeesFen: 0 });
  });
});

describe('000 10.1 / 10.2: 36 months from activation, renewed for 36 more unless notice 90 days before expiry', () => {
  test('given activation 2024-04-02, then the non-renewal deadline 2027-01-01 is the customer’s and the term renews on 2027-04-02, billed as the first without the opening fee', () => {
    const c = Contract.signed(spec).activate(1);
    expect(c.state.term).toMatchObject({ start: '2024-04-02', end: '2027-04-01' });
    expect(c.obligations().find((o) => o.kind === 'non-renewal-notice')).toMatchObject({
      party: 'customer',
      dueDate: '2027-01-01',
      escalation: { date: '2027-04-02', consequence: 'auto-renewal' },
    });
    c.on('2027-04-02');
    expect(c.last('renewed').data).toEqual({
      agreementPeriod: { startDate: '2027-04-02', endDate: '2030-04-01' },
      renewalCount: 1,
      clauseRef: '10.2',
      // 4.5.1 again, 36 months on: 15 days after 2027-04-01, then 2028-04-30 and 2029-03-31.
      instalments: [
        { invoiceId: '4.5.1#1/t2', dueDate: '2027-04-16', amountFen: 2_554_000 },
        { invoiceId: '4.5.1#2/t2', dueDate: '2028-04-30', amountFen: 2_554_000 },
        { invoiceId: '4.5.1#3/t2', dueDate: '2029-03-31', amountFen: 2_554_000 },
      ],
    });
    // Nothing was paid in this story: the first term's bills stay owed beside the new ones.
    expect(
      c
        .obligations()
        .filter((o) => o.kind === 'payment')
        .map((o) => o.subject.invoiceId),
    ).toEqual(['4.5.1#1', '4.5.1#2', '4.5.1#3', '4.5.1#1/t2', '4.5.1#2/t2', '4.5.1#3/t2']);
  });

  test('when notice comes one day after the deadline, then it is refused and the contract still renews', () => {
    const c = Contract.signed(spec).activate(1);
    c.on('2027-01-02');
    const refusal = c.refused('non-renewal-notice', {
      party: 'customer',
      noticeDate: '2027-01-02',
      givenBy: 'zhang',
    });
    expect(refusal.message).toMatch(/too late: it had to be given by 2027-01-01 \(clause 10.2\)/);
  });

  test('given the reminder 30 days ahead (2026-12-02), when notice is given in time, then the contract ends at expiry, not renewed', () => {
    const c = Contract.signed(spec).activate(1);
    for (const [id, fen] of [
      ['4.5.1#1', 2_754_000],
      ['4.5.1#2', 2_554_000],
      ['4.5.1#3', 2_554_000],
    ] as const) {
      c.pay(id, fen, c.today, `P-${id}`);
    }
    expect(c.on('2026-12-01')).toEqual([]);
    expect(c.on('2026-12-02')).toEqual([
      {
        type: 'renewal-due',
        data: {
          expiryDate: '2027-04-01',
          noticeDeadline: '2027-01-01',
          autoRenew: true,
          renewalTermMonths: 36,
        },
      },
    ]);
    c.on('2027-01-01');
    c.act('non-renewal-notice', { party: 'customer', noticeDate: c.today, givenBy: 'zhang' });
    const end = c.on('2027-04-02');
    expect(types(end)).toEqual(['terminated', 'resource-quarantined', 'closed']);
    expect(end[0]!.data).toMatchObject({
      reason: 'not-renewed',
      stopBillingDate: '2027-04-02',
      earlyTermination: false,
    });
  });

  test('when the last two instalments were never paid, then the expiry books their 7.3 late fees and the settlement lists them apart', () => {
    const c = Contract.signed(spec).activate(1);
    c.pay('4.5.1#1', 2_754_000);
    c.on('2027-01-01');
    c.act('non-renewal-notice', { party: 'customer', noticeDate: c.today, givenBy: 'zhang' });
    const end = c.on('2027-04-02');
    expect(types(end)).toEqual([
      'charge-applied',
      'charge-applied',
      'terminated',
      'resource-quarantined',
      'closed',
    ]);
    // 25,540 × 0.3% × 702 days (2025-04-30 → 2027-04-02) and × 367 days (2026-03-31 → 2027-04-02).
    expect(end.slice(0, 2).map((e) => e.data.amountFen)).toEqual([5_378_724, 2_811_954]);
    expect(end[4]!.data).toMatchObject({
      reason: 'not-renewed',
      outstandingFen: 5_108_000,
      settlement: {
        principalFen: 5_108_000,
        lateFeesFen: 8_190_678,
        terminationChargesFen: 0,
        creditsFen: 0,
        totalFen: 13_298_678,
      },
    });
  });
});
