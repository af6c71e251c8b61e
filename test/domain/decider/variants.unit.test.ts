/**
 * Contract variants an operator signs: the seeds with other windows, terms, prices and dates, and the
 * clause shapes real contracts use. Every figure is computed from the clause in the comment beside it.
 */
import { assertContractSpec, type ContractSpec } from '../../../domain/contract-spec';
import { isoDate } from '../../../domain/dates';
import { signedOn } from '../../../domain/lifecycle/rebase';
import { rawSeed } from '../seed-fixtures';
import { Contract, types } from './support';

const d = isoDate;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variants edit arbitrary paths of raw JSON
const variant = (seed: '000' | '001' | '002' | '003' | '004', edit: (raw: any) => void = () => {}) => {
  const raw = rawSeed(seed);
  edit(raw);
  return assertContractSpec(raw);
};
const signed = (spec: ContractSpec, date: string) => signedOn(spec, d(date));

describe('holidays: a period whose last day is a rest day runs to the next working day (民法典 art. 203)', () => {
  test('000 3.4 window of 5 days from a notice on 2025-09-27 would end on 2 October: it runs to 9 October, deemed on the 10th', () => {
    const c = Contract.signed(signed(variant('000'), '2025-09-15'));
    c.approve();
    c.on('2025-09-27');
    const notice = c.complete();
    expect(notice[0]!.data).toEqual({ noticeDate: '2025-09-27', acceptanceDueDate: '2025-10-09' });
    expect(c.on('2025-10-09').map((e) => e.type)).not.toContain('acceptance-deemed');
    expect(c.on('2025-10-10')[0]).toMatchObject({
      type: 'acceptance-deemed',
      data: { deemedDate: '2025-10-10', activationDate: '2025-09-27' },
    });
  });

  test('002 3.2 as 15 calendar days from signing 2026-02-03 would end on 18 February (Spring Festival): due 24 February', () => {
    const spec = signed(
      variant('002', (raw) => {
        raw.clauses.payment.plans[0].instalments[0].due = {
          kind: 'after-signature',
          days: 15,
          dayType: 'calendar',
        };
      }),
      '2026-02-03',
    );
    const c = Contract.signed(spec).activate(1);
    expect(c.last('billing-started').data.instalments).toEqual([
      { invoiceId: '3.2#1', dueDate: '2026-02-24', amountFen: 24_900_000 },
    ]);
  });

  test('the same term, strictly in calendar days (art. 204), is due on the holiday itself', () => {
    const spec = signed(
      variant('002', (raw) => {
        raw.clauses.payment.plans[0].instalments[0].due = {
          kind: 'after-signature',
          days: 15,
          dayType: 'strict-calendar',
        };
      }),
      '2026-02-03',
    );
    const c = Contract.signed(spec).activate(1);
    expect(c.last('billing-started').data.instalments).toEqual([
      { invoiceId: '3.2#1', dueDate: '2026-02-18', amountFen: 24_900_000 },
    ]);
  });

  test('a window reaching into 2027, whose holidays are not published, is flagged on the event and the obligation', () => {
    const c = Contract.signed(signed(variant('000'), '2026-12-14'));
    c.approve();
    c.on('2026-12-28');
    const notice = c.complete();
    expect(notice[0]!.data).toEqual({
      noticeDate: '2026-12-28',
      acceptanceDueDate: '2027-01-04', // day 5 is Saturday 2 January on weekdays alone
      calendarDataMissing: true,
    });
    expect(c.obligations()[0]).toMatchObject({ kind: 'acceptance', calendarDataMissing: true });
  });
});

describe('month-ends: a term of months from a day the end month lacks ends on that month’s last day (art. 202)', () => {
  test('000 as 12 months from activation on 2028-02-29: 2028-02-29 … 2029-02-28, renewed from 2029-03-01', () => {
    const spec = signed(
      variant('000', (raw) => {
        raw.clauses.term.end.months = 12;
        raw.clauses.renewal.renewalMonths = 12;
        raw.clauses.payment.plans[0].instalments = [raw.clauses.payment.plans[0].instalments[0]]; // 27,540 for the year
      }),
      '2028-02-20',
    );
    const c = Contract.signed(spec);
    c.approve();
    c.on('2028-02-29');
    c.complete();
    c.signOff();
    expect(c.state.term).toMatchObject({ start: '2028-02-29', end: '2029-02-28' });
    c.on('2029-03-01');
    expect(c.last('renewed').data.agreementPeriod).toEqual({
      startDate: '2029-03-01',
      endDate: '2030-02-28',
    });
  });

  test('003 as 18 months from activation on 2026-08-31 ends 2028-02-29', () => {
    const spec = signed(
      variant('003', (raw) => {
        raw.clauses.term.end.months = 18;
      }),
      '2026-08-28',
    );
    const c = Contract.signed(spec);
    c.approve();
    c.on('2026-08-31');
    c.complete();
    expect(c.state.term).toMatchObject({ start: '2026-08-31', end: '2028-02-29' });
  });
});

describe('the renewal reminder comes before the non-renewal deadline; notices in months or working days', () => {
  test('003 §20 with "one month before expiry": term 2025-01-04 … 2026-01-03, notice by 2025-12-03, reminder on 2025-11-03', () => {
    const spec = variant('003', (raw) => {
      delete raw.clauses.renewal.nonRenewalNoticeDays;
      raw.clauses.renewal.nonRenewalNoticeMonths = 1;
    });
    const c = Contract.signed(spec).activate(2);
    expect(c.obligations().find((o) => o.kind === 'non-renewal-notice')?.dueDate).toBe('2025-12-03');
    expect(c.on('2025-11-02')).toEqual([]);
    expect(c.on('2025-11-03')[0]).toMatchObject({
      type: 'renewal-due',
      data: { noticeDeadline: '2025-12-03' },
    });
  });

  test('003 §20 with 15 working days: 15 working days before 2026-01-03 leave the notice due by 2025-12-10', () => {
    const spec = variant('003', (raw) => {
      raw.clauses.renewal.noticeDayType = 'working';
    });
    const c = Contract.signed(spec).activate(2);
    // 1–3 January 2026 are New Year holidays. Counting back: 31, 30, 29, 26, 25, 24, 23, 22, 19, 18, 17,
    // 16, 15, 12, 11 December are the 15 working days, so the notice is due the day before, 10 December.
    expect(c.obligations().find((o) => o.kind === 'non-renewal-notice')?.dueDate).toBe('2025-12-10');
  });

  test('a reminder lead of 10 days sends renewal-due 10 days before the deadline', () => {
    const spec = variant('003', (raw) => {
      raw.clauses.renewal.reminderLeadDays = 10;
    });
    const c = Contract.signed(spec).activate(2);
    // Deadline 2025-12-19 (15 days before 2026-01-03): reminder on 2025-12-09.
    expect(c.on('2025-12-08')).toEqual([]);
    expect(c.on('2025-12-09')[0]).toMatchObject({
      type: 'renewal-due',
      data: { noticeDeadline: '2025-12-19' },
    });
  });
});

describe('payment due relative to acceptance, activation or the invoice; instalments every term year; post-paid months', () => {
  test('000 4.5.1 as "within 10 working days of acceptance": accepted 2024-04-11, due 2024-04-25', () => {
    const spec = variant('000', (raw) => {
      raw.clauses.payment.plans[0].instalments[0].due = {
        kind: 'after-acceptance',
        days: 10,
        dayType: 'working',
      };
    });
    const c = Contract.signed(spec);
    c.approve();
    c.on('2024-04-11');
    c.complete();
    c.signOff();
    expect(c.state.receivables[0]).toMatchObject({ id: '4.5.1#1', dueDate: '2024-04-25' });
  });

  test('an instalment due 15 days after its invoice waits for billing, which owes the invoice', () => {
    const spec = variant('000', (raw) => {
      raw.clauses.payment.plans[0].instalments[0].due = {
        kind: 'after-invoice',
        days: 15,
        dayType: 'calendar',
      };
    });
    const c = Contract.signed(spec).activate(1);
    expect(c.obligations().find((o) => o.kind === 'invoice')).toMatchObject({
      party: 'billing',
      fact: 'invoice-issued',
      subject: { invoiceId: '4.5.1#1', amountFen: 2_754_000 },
    });
    c.on('2024-05-08');
    c.fact({
      fact: 'invoice-issued',
      data: {
        contractNo: spec.contractNo,
        invoiceId: '4.5.1#1',
        amountFen: 2_754_000,
        invoiceDate: d('2024-05-08'),
      },
    });
    // 15 days after 8 May is 23 May, a Thursday.
    expect(c.state.receivables.find((r) => r.id === '4.5.1#1')?.dueDate).toBe('2024-05-23');
    expect(c.obligations().some((o) => o.kind === 'invoice')).toBe(false);
  });

  test('001 2.2 按年分两次 every term year: the renewed term 2023 bills 359,600 by 2023-12-31 and 90,400 by 2024-06-01', () => {
    const spec = variant('001', (raw) => {
      raw.clauses.payment.plans[0].repeat = 'every-term-year';
    });
    const c = Contract.signed(spec);
    c.approve();
    c.on('2022-12-05');
    c.complete();
    c.pay('2.2#1', 35_960_000, '2022-12-31');
    c.on('2023-01-01');
    expect(c.state.receivables.map((r) => [r.id, r.dueDate, r.amountFen])).toEqual([
      ['2.2#1', '2022-12-31', 35_960_000],
      ['2.2#2', '2023-06-01', 9_040_000],
      ['2.2#1/y2', '2023-12-31', 35_960_000],
      ['2.2#2/y2', '2024-06-01', 9_040_000],
    ]);
  });

  test('001 2.3.2: a measured extra invoiced for January 2023 is due in its window, by 6 March (5 March is a Sunday)', () => {
    const c = Contract.signed(variant('001'));
    c.approve();
    c.on('2022-12-05');
    c.complete();
    c.on('2023-02-01');
    c.fact({
      fact: 'invoice-issued',
      data: {
        contractNo: c.spec.contractNo,
        invoiceId: 'INV-2023-01',
        amountFen: 16_000, // two line relocations at 8 handling each (1.2)
        invoiceDate: d('2023-02-01'),
        billingMonth: '2023-01' as never,
      },
    });
    expect(c.state.receivables.find((r) => r.id === 'INV-2023-01')).toMatchObject({
      dueDate: '2023-03-06',
      ref: '2.3.2',
    });
  });
});

describe('004 5.2–5.3 / 3.2.4: half-yearly settlement on delivered messages, the free month, the SLA credit', () => {
  const setup = () => {
    const c = Contract.signed(variant('004')).activate(1);
    c.on('2024-01-02');
    return c;
  };
  const report = (c: Contract, month: string, itemId: string, attempted: number, delivered: number) =>
    c.fact({
      fact: 'usage-reported',
      data: { contractNo: c.spec.contractNo, month: month as never, itemId, attempted, delivered },
    });
  const months = ['2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];

  test('given six months reported at 98% success and 11 complaints, the period bills 0.03 per message less the failure rate; March is free', () => {
    const c = setup();
    c.act('choose-free-month', { month: '2024-03' as never, noticeDate: d('2024-01-02'), chosenBy: 'zhang' });
    for (const month of months) {
      report(c, month, 'S-ordinary', 102_041, 100_000);
      report(c, month, 'S-fast-lane', 10_205, 10_000);
    }
    for (let i = 1; i <= 11; i++) {
      c.fact({
        fact: 'complaint-recorded',
        data: {
          contractNo: c.spec.contractNo,
          complaintId: `K-${i}`,
          receivedDate: d('2024-02-10'),
          category: 'spam',
        },
      });
    }
    expect(c.on('2024-05-31')).toEqual([]);
    const settled = c.on('2024-06-01');
    expect(types(settled)).toEqual(['usage-settled']);
    // Billable: 5 months × 110,000 = 550,000 messages × 0.03 = 16,500.00; March (110,000) waived: 3,300.00.
    // 3.2.4: success 660,000 / 673,476 < 99% and 11 complaints > 10 → credit = 16,500 × 13,476 / 673,476.
    expect(settled[0]!.data).toMatchObject({
      periodStartDate: '2023-12-01',
      periodEndDate: '2024-05-31',
      billableMessages: 550_000,
      freeMessages: 110_000,
      feeFen: 1_650_000,
      waivedFen: 330_000,
      slaCreditFen: 33_016,
      amountDueFen: 1_616_984,
      dueDate: '2024-07-01', // 30 days after 31 May is Sunday 30 June: Monday 1 July
    });
    expect(c.state.receivables.at(-1)).toMatchObject({
      id: '5.3#2023-12-01',
      amountFen: 1_616_984,
      dueDate: '2024-07-01',
    });
  });

  test('until every month is reported the period waits, and billing owes the missing usage', () => {
    const c = setup();
    for (const month of months.slice(0, 5)) {
      report(c, month, 'S-ordinary', 100, 100);
      report(c, month, 'S-fast-lane', 10, 10);
    }
    expect(c.on('2024-06-01')).toEqual([]);
    expect(
      c
        .obligations()
        .filter((o) => o.kind === 'usage-report')
        .map((o) => o.id),
    ).toEqual(['usage:2024-05:S-ordinary', 'usage:2024-05:S-fast-lane']);
    report(c, '2024-05', 'S-ordinary', 100, 100);
    expect(types(report(c, '2024-05', 'S-fast-lane', 10, 10))).toEqual(['usage-settled']);
  });

  test('a free month asked with less than 30 days notice is refused (5.2)', () => {
    const c = setup();
    c.on('2024-01-10');
    expect(
      c.refused('choose-free-month', { month: '2024-02', noticeDate: '2024-01-10', chosenBy: 'zhang' })
        .message,
    ).toBe('choose-free-month is refused: notice for 2024-02 was due by 2024-01-02');
  });
});

describe('complaint thresholds stop or end the service', () => {
  const complaint = (c: Contract, id: string, date: string) =>
    c.fact({
      fact: 'complaint-recorded',
      data: { contractNo: c.spec.contractNo, complaintId: id, receivedDate: d(date), category: 'harassment' },
    });

  test('002 annex 1 §20: one complaint in a month lets the provider terminate: the contract ends for complaints', () => {
    const c = Contract.signed(variant('002')).activate(3);
    c.pay('3.2#1', 24_900_000);
    c.on('2025-11-03');
    const events = complaint(c, 'K-1', '2025-11-03');
    expect(types(events)).toEqual(['complaint-recorded', 'terminated', 'resource-quarantined', 'closed']);
    expect(events[1]!.data).toMatchObject({ reason: 'complaints', clauseRef: 'annex 1 §20' });
  });

  test('004 annex 1 §14: the 100th complaint of March stops the service until 1 April', () => {
    const c = Contract.signed(variant('004')).activate(1);
    c.on('2024-03-05');
    for (let i = 1; i < 100; i++) complaint(c, `K-${i}`, '2024-03-05');
    const hundredth = complaint(c, 'K-100', '2024-03-05');
    expect(types(hundredth)).toEqual(['complaint-recorded', 'service-suspended']);
    expect(hundredth[1]!.data).toMatchObject({ reason: 'complaints', clauseRef: 'annex 1 §14' });
    expect(c.on('2024-03-31')).toEqual([]);
    expect(types(c.on('2024-04-01'))).toEqual(['service-resumed']);
  });
});
