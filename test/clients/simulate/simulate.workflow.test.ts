/**
 * `simulate` on every seed contract: the real workflow on a time-skipping server started on the signing
 * day, counterparts from a scenario. Every expected date is computed from the contract (domain clause
 * and calendar helpers) and the scenario's days — never copied from a run.
 */
import { SimulationError, simulateContract, type TimelineEntry } from '../../../clients/simulate/engine';
import { parseScenario, type ScenarioInput } from '../../../clients/simulate/scenario';
import { launchSimulationServer, type ServerProcess } from '../../../clients/simulate/server-process';
import { simulationStart } from '../../../clients/simulate/start';
import { addDays, addMonths, addWorkingDays, isoDate, type IsoDate } from '../../../domain/calendar';
import { acceptanceWindow } from '../../../domain/clauses/acceptance';
import { violationOutcome } from '../../../domain/clauses/compliance';
import { dunningLadder, lateFee } from '../../../domain/clauses/dunning';
import { firstTerm, renewalOutlook, type TermPeriod } from '../../../domain/clauses/term';
import type { ContractSpec } from '../../../domain/contract-spec';
import type { ContractEventType } from '../../../domain/events/catalogue';
import { seedContract, type SeedContractNo } from '../../../domain/seed-contracts';
import { scheduledPayments } from '../../../domain/clauses/payments';
import { endOfPeriod } from '../../../domain/clauses/periods';
import { smsSettlement, smsSettlementPeriods } from '../../../domain/clauses/sms';
import { yearMonth } from '../../../domain/dates';

/** The contract's bills (instalment due dates do not depend on the activation day). */
const scheduledBills = (spec: ContractSpec) =>
  scheduledPayments(spec, firstTerm(spec, { activationDate: spec.signedDate }));

/** The days every scenario below shares, so expected dates follow from them. */
const DAYS = { documentsOnDay: 1, approveOnDay: 2, installDays: 7, completionNoticeDays: 1 };
const scenario = (extra: ScenarioInput = {}) =>
  parseScenario({
    reviewer: { documentsOnDay: DAYS.documentsOnDay, approveOnDay: DAYS.approveOnDay },
    fieldWork: { installDays: DAYS.installDays, completionNoticeDays: DAYS.completionNoticeDays },
    ...extra,
  });
/** Approval, field work on the dedicated lines (if any), then the completion notice. */
const noticeDay = (spec: ContractSpec) =>
  addDays(
    spec.signedDate,
    DAYS.approveOnDay +
      (spec.resources.dedicatedLines.length ? DAYS.installDays : 0) +
      DAYS.completionNoticeDays,
  );

/** 000 over two terms: silent at acceptance, one bill late, one never paid, a complaint, notice for term 2. */
const SCENARIO_000: ScenarioInput = {
  years: 7,
  acceptance: { silent: true },
  payments: { bills: ['on-time', { lateDays: 20 }, 'never'] },
  complaints: [{ on: 100 }],
  nonRenewalNotice: { daysBeforeDeadline: 0, term: 2 },
};
/** `launched`: on a server launched before the engine runs, as `tco simulate` does. */
const RUNS: Record<string, { seed: SeedContractNo; input: ScenarioInput; launched?: true }> = {
  '000': { seed: 'XJJCF2400252EGN00', input: SCENARIO_000 },
  '000-again': { seed: 'XJJCF2400252EGN00', input: SCENARIO_000, launched: true },
  '001': { seed: 'JSCZE2208138CGN00', input: { payments: { bills: [{ lateDays: 10 }] } } },
  '002': { seed: 'SNSGS2500554EGN00', input: {} },
  '003': {
    seed: 'SEED003-400-UNNUMBERED',
    input: {
      serviceRequests: [
        { on: 40, type: 'suspend-keep-number' },
        { on: 50, type: 'resume' },
      ],
    },
  },
  '000-objection': {
    seed: 'XJJCF2400252EGN00',
    input: {
      years: 1,
      acceptance: {
        objectOnDay: 2,
        reason: 'outbound calls fail',
        remediationDays: 5,
        then: { signOnDay: 1 },
      },
      // Refused (nothing is suspended): the run stops there, with the timeline so far.
      serviceRequests: [{ on: 60, type: 'resume' }],
    },
  },
  '004-usage': {
    seed: 'HASGS2300729CGN00',
    input: {
      years: 3,
      usage: { items: { 'S-ordinary': { attempted: 100_000, delivered: 100_000 } } },
      freeMonth: { month: '2024-03', noticeOn: '2024-01-15' },
    },
  },
  '004': {
    seed: 'HASGS2300729CGN00',
    input: { violations: [{ on: 400, tier: 'general', remediation: { afterDays: 10, passed: true } }] },
  },
};

// Simulations run three at a time (each has its own server and worker); the tests read the results.
const timelines = new Map<string, Promise<TimelineEntry[]>>();
beforeAll(async () => {
  const waiting = Object.keys(RUNS);
  const lane = async () => {
    for (let name = waiting.shift(); name; name = waiting.shift()) {
      const { seed, input, launched } = RUNS[name]!;
      const spec = seedContract(seed);
      const server = launched ? launchSimulationServer(simulationStart(spec.signedDate)) : undefined;
      const run = simulateContract(spec, scenario(input), { server });
      timelines.set(name, run);
      await run.catch(() => undefined); // reported by the test that reads it
    }
  };
  await Promise.all([lane(), lane(), lane()]);
}, 300_000);

const timeline = (name: string) => timelines.get(name)!;

function on(entries: TimelineEntry[], type: ContractEventType, nth = 1): TimelineEntry {
  const found = entries.filter((e) => e.type === type)[nth - 1];
  if (!found) {
    throw new Error(`no ${type} #${nth} in:\n${entries.map((e) => `${e.date} ${e.type}`).join('\n')}`);
  }
  return found;
}
/** Short event name → catalogue type (a misspelt name does not compile). */
const T = <N extends string>(name: N) => `telecom.contract.${name}.v1` as const;
const datesInOrder = (entries: TimelineEntry[]) =>
  entries.every((e, i) => i === 0 || entries[i - 1]!.date <= e.date);
const renewal = (seed: SeedContractNo, term: TermPeriod) => {
  const outlook = renewalOutlook(seedContract(seed), term, 0);
  if (outlook.kind !== 'auto') throw new Error(`${seed} does not renew automatically`);
  return outlook;
};

test('000: completion notice, deemed acceptance when the 5-day window closes, billing from the notice date, renewal at 36 months', async () => {
  const spec = seedContract('XJJCF2400252EGN00');
  const t = await timeline('000');
  const signed = spec.signedDate;
  expect(t[0]).toMatchObject({ date: signed, type: T('onboarding-received') });
  expect(on(t, T('qualification-requested')).data.dueDate).toBe(addWorkingDays(signed, 5).date);
  expect(on(t, T('qualification-approved')).date).toBe(addDays(signed, DAYS.approveOnDay));

  const notice = noticeDay(spec);
  const window = acceptanceWindow(spec, { noticeReceivedOn: notice, completionNoticeDate: notice });
  if (window.kind !== 'window') throw new Error('000 has an acceptance clause (3.4)');
  expect(window.lastDayToRespond).toBe(addDays(notice, 5));
  expect(on(t, T('completion-notice-issued'))).toMatchObject({
    date: notice,
    data: { noticeDate: notice, acceptanceDueDate: window.lastDayToRespond },
  });
  expect(on(t, T('acceptance-deemed'))).toMatchObject({
    date: window.deemedAcceptedOn,
    data: { activationDate: notice, clauseRef: '3.4' },
  });
  const term = firstTerm(spec, { activationDate: notice });
  expect(term.end).toBe(addDays(addMonths(notice, 36), -1));
  expect(on(t, T('billing-started'))).toMatchObject({
    date: window.deemedAcceptedOn,
    data: { activationDate: notice, agreementPeriod: { startDate: term.start, endDate: term.end } },
  });
  const next = renewal('XJJCF2400252EGN00', term);
  // 10.2: the reminder goes out ahead of the 90-day notice deadline, while the customer can still act.
  expect(on(t, T('renewal-due'))).toMatchObject({
    date: next.reminderDate,
    data: { expiryDate: term.end, noticeDeadline: next.nonRenewalNoticeDeadline, autoRenew: true },
  });
  // 10: the renewed term is billed again (4.5.1, 36 months on); the customer pays each bill when due.
  const renewedBills = scheduledPayments(spec, next.next, { firstTermStart: term.start });
  expect(on(t, T('renewed'))).toMatchObject({
    date: addMonths(notice, 36),
    data: {
      agreementPeriod: { startDate: next.next.start, endDate: next.next.end },
      renewalCount: 1,
      instalments: renewedBills.map((b) => ({ invoiceId: b.id, dueDate: b.dueDate, amountFen: b.amountFen })),
    },
  });
  const paid = t.filter((e) => e.type === T('payment-received')).map((e) => e.data.invoiceId);
  expect(paid).toEqual(expect.arrayContaining(renewedBills.map((b) => b.id)));
  expect(datesInOrder(t)).toBe(true);
});

test('000 scenario: a bill 20 days late pays the 7.3 late fee, an unpaid one stays owed, notice for term 2 ends it', async () => {
  const spec = seedContract('XJJCF2400252EGN00');
  const t = await timeline('000');
  const [first, second, third] = scheduledBills(spec);
  expect(on(t, T('payment-received')).data).toMatchObject({
    paidDate: first!.dueDate,
    amountFen: first!.amountFen,
  });
  const late = addDays(second!.dueDate, 20);
  expect(on(t, T('payment-overdue'))).toMatchObject({
    date: addDays(second!.dueDate, 1),
    data: { overdueDays: 1 },
  });
  expect(on(t, T('charge-applied'))).toMatchObject({
    date: late,
    data: { amountFen: lateFee(spec, second!.amountFen, second!.dueDate, late).feeFen, clauseRef: '7.3' },
  });
  expect(on(t, T('payment-overdue'), 2)).toMatchObject({
    date: addDays(third!.dueDate, 1),
    data: { amountDueFen: third!.amountFen },
  });
  expect(on(t, T('complaint-recorded')).date).toBe(addDays(spec.signedDate, 100));

  const term1 = firstTerm(spec, { activationDate: noticeDay(spec) });
  const term2 = renewal('XJJCF2400252EGN00', term1).next;
  const deadline2 = renewal('XJJCF2400252EGN00', term2).nonRenewalNoticeDeadline;
  expect(on(t, T('non-renewal-noticed'))).toMatchObject({ date: deadline2, data: { inTime: true } });
  // The reminder for term 2 went out before the notice: renewal was still automatic then.
  expect(on(t, T('renewal-due'), 2)).toMatchObject({
    date: renewal('XJJCF2400252EGN00', term2).reminderDate,
    data: { autoRenew: true, noticeDeadline: deadline2 },
  });
  expect(on(t, T('terminated'))).toMatchObject({
    date: addDays(term2.end, 1),
    data: { reason: 'not-renewed', stopBillingDate: addDays(term2.end, 1) },
  });
  expect(t[t.length - 1]).toMatchObject({ type: T('closed'), data: { outstandingFen: third!.amountFen } });
});

test('001: fixed 2022 term renewed for 12 months on 1 January; a bill paid 10 days late is charged the 2.3.3 late fee', async () => {
  const spec = seedContract('JSCZE2208138CGN00');
  const t = await timeline('001');
  const notice = noticeDay(spec);
  const term = firstTerm(spec);
  // No acceptance clause: the completion notice is the activation.
  expect(on(t, T('completion-notice-issued')).date).toBe(notice);
  expect(on(t, T('billing-started'))).toMatchObject({
    date: notice,
    data: { agreementPeriod: { startDate: term.start, endDate: term.end } },
  });
  // The notice deadline (90 days before 31 December) had passed at signature: renewal is due at once.
  const next = renewal('JSCZE2208138CGN00', term);
  expect(on(t, T('renewal-due'))).toMatchObject({
    date: notice,
    data: { noticeDeadline: next.nonRenewalNoticeDeadline, autoRenew: true, renewalTermMonths: 12 },
  });
  expect(on(t, T('renewed'))).toMatchObject({
    date: addDays(term.end, 1),
    data: { agreementPeriod: { startDate: next.next.start, endDate: next.next.end } },
  });

  const [first, second] = scheduledBills(spec);
  const paid = addDays(first!.dueDate, 10);
  expect(on(t, T('payment-overdue'))).toMatchObject({
    date: addDays(first!.dueDate, 1),
    data: {
      dueDate: first!.dueDate,
      suspensionFromDate: stepDate(dunningLadder(spec, first!.dueDate).suspension),
    },
  });
  expect(on(t, T('payment-received'))).toMatchObject({ date: paid, data: { amountFen: first!.amountFen } });
  expect(on(t, T('charge-applied'))).toMatchObject({
    date: paid,
    data: { chargeType: 'late-fee', amountFen: lateFee(spec, first!.amountFen, first!.dueDate, paid).feeFen },
  });
  expect(on(t, T('payment-received'), 2)).toMatchObject({
    date: second!.dueDate,
    data: { paidDate: second!.dueDate },
  });
  expect(on(t, T('renewal-due'), 2).date).toBe(renewal('JSCZE2208138CGN00', next.next).reminderDate);
  expect(t.map((e) => e.type)).not.toContain(T('service-suspended'));
  expect(datesInOrder(t)).toBe(true);
});

test('002: billed from signature, prepaid within 15 working days, expires 12 months after signing', async () => {
  const spec = seedContract('SNSGS2500554EGN00');
  const t = await timeline('002');
  const signed = spec.signedDate;
  const term = firstTerm(spec);
  expect(term).toEqual({ start: signed, end: addDays(addMonths(signed, 12), -1) });
  const due = addWorkingDays(signed, 15).date;
  expect(on(t, T('billing-started'))).toMatchObject({
    date: noticeDay(spec),
    data: {
      activationDate: signed,
      agreementPeriod: { startDate: signed, endDate: term.end },
      instalments: [{ dueDate: due }],
    },
  });
  expect(on(t, T('payment-received'))).toMatchObject({
    date: due,
    data: { paidDate: due, amountFen: 24_900_000 },
  });
  expect(on(t, T('terminated'))).toMatchObject({
    date: addDays(term.end, 1),
    data: { reason: 'expired', stopBillingDate: addDays(term.end, 1), earlyTermination: false },
  });
  expect(t[t.length - 1]).toMatchObject({ date: addDays(term.end, 1), type: T('closed') });
  expect(t.map((e) => e.type)).not.toContain(T('renewed'));
});

test('003: 400 number active from the completion notice, suspended and resumed on request, renewed after 12 months (15-day notice)', async () => {
  const spec = seedContract('SEED003-400-UNNUMBERED');
  const t = await timeline('003');
  const signed = spec.signedDate;
  const notice = noticeDay(spec);
  const term = firstTerm(spec, { activationDate: notice });
  expect(on(t, T('billing-started'))).toMatchObject({
    date: notice,
    data: { agreementPeriod: { startDate: notice, endDate: addDays(addMonths(notice, 12), -1) } },
  });
  expect(on(t, T('service-suspended'))).toMatchObject({
    date: addDays(signed, 40),
    data: { reason: 'customer-request' },
  });
  expect(on(t, T('service-resumed'))).toMatchObject({
    date: addDays(signed, 50),
    data: { suspendedDate: addDays(signed, 40) },
  });
  const next = renewal('SEED003-400-UNNUMBERED', term);
  expect(next.nonRenewalNoticeDeadline).toBe(addDays(term.end, -15));
  expect(on(t, T('renewal-due')).date).toBe(next.reminderDate);
  expect(on(t, T('renewed'))).toMatchObject({
    date: addDays(term.end, 1),
    data: { agreementPeriod: { startDate: next.next.start, endDate: next.next.end } },
  });
});

test('004: fixed term to 2026-11-30, a general violation remedied within 14 days, then expiry (renewal is negotiated)', async () => {
  const spec = seedContract('HASGS2300729CGN00');
  const t = await timeline('004');
  const term = firstTerm(spec);
  expect(on(t, T('billing-started')).data.agreementPeriod).toEqual({
    startDate: term.start,
    endDate: term.end,
  });
  const detected = addDays(spec.signedDate, 400);
  const outcome = violationOutcome(spec, 'general', detected);
  if (outcome.kind !== 'remediate') throw new Error('004 7.3: a general violation is remedied');
  expect(on(t, T('violation-recorded'))).toMatchObject({
    date: detected,
    data: { tier: 'general', remediationDueDate: outcome.remediationEnds, portBlocked: true },
  });
  expect(on(t, T('violation-remediated')).date).toBe(addDays(detected, 10));
  expect(on(t, T('terminated'))).toMatchObject({ date: addDays(term.end, 1), data: { reason: 'expired' } });
  expect(t[t.length - 1]).toMatchObject({ date: addDays(term.end, 1), type: T('closed') });
});

test('004 5.2–5.3: usage settled every 6 months on delivered messages at 0.03, the chosen free month waived, the bill paid when due', async () => {
  const spec = seedContract('HASGS2300729CGN00');
  const t = await timeline('004-usage');
  const [first] = smsSettlementPeriods(spec, firstTerm(spec));
  const months = ['2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05'].map(yearMonth);
  const deliveries = months.map((month) => ({ month, itemId: 'S-ordinary', delivered: 100_000 }));
  const expected = smsSettlement(spec, first!, deliveries, {
    freeMonth: yearMonth('2024-03'),
    sla: { attempted: 600_000, delivered: 600_000, complaintsInWindow: 0 },
  });
  expect(expected.feeFen).toBe(5 * 100_000 * 3); // five billable months at 0.03 (3 fen) a message
  const settled = on(t, T('usage-settled'));
  const due = endOfPeriod(first!.end, 30, 'calendar').date;
  expect(settled.data).toMatchObject({
    periodStartDate: first!.start,
    periodEndDate: first!.end,
    feeFen: expected.feeFen,
    waivedFen: expected.waivedFen,
    slaCreditFen: 0,
    amountDueFen: expected.amountDueFen,
    dueDate: due,
  });
  expect(on(t, T('payment-received')).data).toMatchObject({
    invoiceId: settled.data.invoiceId,
    amountFen: expected.amountDueFen,
    paidDate: due,
  });
  expect(t.map((e) => e.type)).not.toContain(T('payment-overdue'));
});

test('000: an objection sends it back, the new notice opens a new window; a refused action stops the run with the timeline so far', async () => {
  const error = await timeline('000-objection').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SimulationError);
  expect((error as Error).message).toBe(
    'serviceRequests.0: service-request is refused: service is not suspended',
  );
  const t = (error as SimulationError).timeline;

  const spec = seedContract('XJJCF2400252EGN00');
  const first = noticeDay(spec);
  const second = addDays(first, 2 + 5);
  expect(t.filter((e) => e.type === T('completion-notice-issued')).map((e) => e.date)).toEqual([
    first,
    second,
  ]);
  // Issue #15: the customer's words stay in the workflow history; the event carries a reason code.
  expect(on(t, 'telecom.contract.acceptance-objected.v2')).toMatchObject({
    date: addDays(first, 2),
    data: { reasonCode: 'other' },
  });
  const signed = addDays(second, 1);
  expect(on(t, T('acceptance-signed'))).toMatchObject({ date: signed, data: { activationDate: signed } });
  expect(on(t, T('billing-started')).data.agreementPeriod).toEqual({
    startDate: signed,
    endDate: firstTerm(spec, { activationDate: signed }).end,
  });
  expect(t.map((e) => e.type)).not.toContain(T('acceptance-deemed'));
  expect(t[t.length - 1]!.date < addDays(spec.signedDate, 60)).toBe(true);
});

test('deterministic: the same contract and scenario give the same timeline, also on a server launched first', async () => {
  const [a, b] = await Promise.all([timeline('000'), timeline('000-again')]);
  expect(a.length).toBeGreaterThan(20);
  expect(a).toEqual(b);
});

function stepDate(step: ReturnType<typeof dunningLadder>['suspension']): IsoDate | undefined {
  return step.kind === 'from-date' ? isoDate(step.date) : undefined;
}

test('a server launched for another instant is refused and stopped, before anything runs', async () => {
  const spec = seedContract('XJJCF2400252EGN00');
  const stop = jest.fn(() => Promise.resolve());
  const server: ServerProcess = {
    startEpochMs: simulationStart(addDays(spec.signedDate, 1)),
    port: new Promise(() => undefined),
    stop,
  };
  await expect(simulateContract(spec, scenario(), { server })).rejects.toThrow(/launched at .*, not at /);
  expect(stop).toHaveBeenCalledTimes(1);
});
