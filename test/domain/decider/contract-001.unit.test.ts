/**
 * Contract 001 (30 dedicated lines, signed 2022-11-25, term 2022-01-01 … 2022-12-31) on the decider:
 * ICP gate 1.5, instalments 2.2, late fee 2.3.3, suspension and termination 2.3.4, quarantine 3.2.10,
 * renewal 11.1.
 */
import { seedContract } from '../../../domain/seed-contracts';
import { Contract, types } from './support';

const spec = seedContract('JSCZE2208138CGN00');

/** Approved and provisioned on signing day; 30 lines confirmed and the notice issued on 2022-12-05. */
function active(): Contract {
  const c = Contract.signed(spec);
  c.approve();
  c.on('2022-12-05');
  c.complete();
  return c;
}

describe('001 1.3 / 1.5: thirty lines installed one by one; ports 80/8080/443 closed until the ICP filing', () => {
  test('given provisioning done, then each of the 30 lines is an engineer’s obligation with its bandwidth, and the filing is the customer’s', () => {
    const c = Contract.signed(spec);
    c.approve();
    const activation = c.effects.find((e) => e.kind === 'activate-network');
    expect(activation).toMatchObject({ closedPorts: [80, 8080, 443] });
    const owed = c.obligations();
    expect(owed.filter((o) => o.kind === 'line-installation')).toHaveLength(30);
    expect(owed[0]).toMatchObject({
      party: 'engineer',
      subject: { lineIndex: 0, lineId: 'centre-1000M', bandwidthMbps: 1000 },
    });
    expect(owed.at(-1)).toMatchObject({
      kind: 'icp-filing',
      party: 'customer',
      action: 'record-icp-filing',
      clause: '1.5',
    });
  });

  test('when the completion notice comes before line 29 is confirmed, then it is refused naming the line', () => {
    const c = Contract.signed(spec);
    c.approve();
    for (let lineIndex = 0; lineIndex < 29; lineIndex++) {
      c.act('confirm-installation', { lineIndex, circuitId: `C-${lineIndex}`, testedBy: 'wang' });
    }
    expect(c.refused('issue-completion-notice', { issuedBy: 'wang' }).message).toBe(
      'issue-completion-notice is refused: line(s) 29 not yet confirmed installed and tested',
    );
    expect(
      c.refused('confirm-installation', { lineIndex: 3, circuitId: 'X', testedBy: 'wang' }).message,
    ).toMatch(/line 3 was already confirmed as circuit C-3/);
  });

  test('when the filing is recorded, then the gated ports open on the circuits', () => {
    const c = active();
    c.act('record-icp-filing', { filingNo: '苏ICP备2022000001号', recordedBy: 'wang' });
    expect(c.effects.at(-1)).toMatchObject({ kind: 'open-circuit-ports', ports: [80, 8080, 443] });
    expect(c.obligations().some((o) => o.kind === 'icp-filing')).toBe(false);
  });
});

describe('001 2.2 / 11.1: 359,600 by 2022-12-31 and 90,400 by 2023-06-01; renewed for 12 months from 2023-01-01', () => {
  test('given the notice on 2022-12-05 (no acceptance window), then billing starts that day and the renewal reminder follows at once', () => {
    const c = Contract.signed(spec);
    c.approve();
    c.on('2022-12-05');
    expect(types(c.complete())).toEqual(['completion-notice-issued', 'billing-started', 'renewal-due']);
    expect(c.last('billing-started').data).toMatchObject({
      activationDate: '2022-12-05',
      agreementPeriod: { startDate: '2022-01-01', endDate: '2022-12-31' },
      instalments: [
        { dueDate: '2022-12-31', amountFen: 35_960_000 },
        { dueDate: '2023-06-01', amountFen: 9_040_000 },
      ],
    });
    expect(c.last('renewal-due').data).toMatchObject({
      noticeDeadline: '2022-10-02',
      expiryDate: '2022-12-31',
    });
  });

  test('when both instalments are paid on time, then the contract renews 2023-01-01 … 2023-12-31 and nothing is overdue', () => {
    const c = active();
    c.on('2022-12-31');
    c.pay('2.2#1', 35_960_000);
    expect(c.on('2023-01-01').map((e) => e.type)).toEqual(['renewed']);
    expect(c.last('renewed').data.agreementPeriod).toEqual({
      startDate: '2023-01-01',
      endDate: '2023-12-31',
    });
    c.on('2023-06-01');
    c.pay('2.2#2', 9_040_000);
    // Term 2 ends 2023-12-31: notice by 2023-10-02, so the reminder comes 30 days before, on 2 September.
    expect(c.on('2023-09-30')).toEqual([
      {
        type: 'renewal-due',
        data: {
          expiryDate: '2023-12-31',
          noticeDeadline: '2023-10-02',
          autoRenew: true,
          renewalTermMonths: 12,
        },
      },
    ]);
    expect(c.state.balances.paidFen).toBe(45_000_000);
  });
});

describe('001 2.3.3 / 2.3.4 / 3.2.10: more than 30 days overdue suspends, 60 days after suspension terminates, reuse after 90 days', () => {
  test('given 359,600 unpaid, then overdue on 2023-01-01, suspended on 2023-01-31 (day 31), terminated on 2023-04-04 with arrears, late fees and the 6.2 charge', () => {
    const c = active();
    const overdue = c.on('2023-01-01');
    expect(types(overdue)).toEqual(['payment-overdue', 'renewed']);
    expect(overdue[0]!.data).toMatchObject({
      dueDate: '2022-12-31',
      suspensionFromDate: '2023-01-31',
      lateFeeAccruedFen: 1_078_800, // 2.3.3: 359,600 × 3% × 1 day
    });
    expect(c.obligations().find((o) => o.kind === 'payment')).toMatchObject({
      subject: { invoiceId: '2.2#1', amountFen: 35_960_000 },
      overdue: true,
      escalation: { date: '2023-01-31', consequence: 'suspension', clause: '2.3.4' },
    });
    expect(c.on('2023-01-30')).toEqual([]);
    const suspended = c.on('2023-01-31');
    // 2.3.3: 359,600 × 3% × 31 days = 334,428.00 accrued by the suspension day.
    expect(suspended).toEqual([
      {
        type: 'service-suspended',
        data: {
          suspendedDate: '2023-01-31',
          reason: 'arrears',
          chargesContinue: true,
          clauseRef: '2.3.4',
          arrearsFen: 35_960_000,
          lateFeeAccruedFen: 33_442_800,
        },
      },
    ]);
    // The 60 days after the suspension end on Saturday 1 April, so on Monday 3 April (art. 203).
    expect(c.on('2023-04-03')).toEqual([]);
    const end = c.on('2023-04-04');
    expect(types(end)).toEqual([
      'charge-applied',
      'charge-applied',
      'terminated',
      'resource-quarantined',
      'closed',
    ]);
    // 2.3.4 recovers the arrears and the late fee: 359,600 × 3% × 94 days (2022-12-31 → 2023-04-04).
    expect(end[0]!.data).toMatchObject({
      chargeType: 'late-fee',
      amountFen: 101_407_200,
      clauseRef: '2.3.3',
    });
    // 6.2: terminated under the contract's clauses during the service → 10,000 (no discount used here).
    expect(end[1]!.data).toMatchObject({
      chargeType: 'early-termination',
      amountFen: 1_000_000,
      clauseRef: '6.2',
    });
    expect(end[2]!.data).toMatchObject({
      reason: 'arrears',
      stopBillingDate: '2023-04-04',
      clauseRef: '2.3.4',
    });
    // 3.2.10: "only after 90 days" — 5 April … 3 July, reuse from 4 July.
    expect(end[3]!.data).toMatchObject({
      quarantinedDate: '2023-04-04',
      availableFromDate: '2023-07-04',
      clauseRef: '3.2.10',
    });
    expect(end[4]!.data).toMatchObject({
      reason: 'arrears',
      outstandingFen: 35_960_000,
      settlement: {
        principalFen: 35_960_000,
        lateFeesFen: 101_407_200,
        terminationChargesFen: 1_000_000,
        creditsFen: 0,
        totalFen: 138_367_200,
      },
    });
  });

  test('when the arrears are paid while suspended, then the late fee is 3% per day (2.3.3) and service resumes', () => {
    const c = active();
    c.on('2023-02-10');
    const paid = c.pay('2.2#1', 35_960_000);
    expect(types(paid)).toEqual(['payment-received', 'charge-applied', 'service-resumed']);
    // 41 days late at 300 bp/day: 359,600 × 3% × 41 = 442,308.00
    expect(paid[1]!.data).toMatchObject({
      chargeType: 'late-fee',
      amountFen: 44_230_800,
      clauseRef: '2.3.3',
    });
    expect(c.state.stage).toBe('active');
    expect(types(c.on('2023-04-04'))).toEqual([]);
  });
});
