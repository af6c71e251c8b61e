/** Scenario validation (every bad field named with its rule), scenario files, and the timeline table. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimelineEntry } from '../../../clients/simulate/engine';
import { formatTimeline } from '../../../clients/simulate/format';
import { loadScenarioFile, parseScenario, ScenarioError } from '../../../clients/simulate/scenario';
import { checkScenarioFits } from '../../../clients/simulate/scenario-fit';
import { isoDate } from '../../../domain/calendar';
import { seedContract } from '../../../domain/seed-contracts';

test('an empty scenario is the happy path: documents day 1, silent customer, every bill on time', () => {
  expect(parseScenario({})).toMatchObject({
    reviewer: { documentsOnDay: 1 },
    fieldWork: { installDays: 7, completionNoticeDays: 1 },
    acceptance: { silent: true },
    payments: { allBills: 'on-time', bills: [] },
    complaints: [],
  });
});

test('a bad scenario is refused with every offending field and its rule', () => {
  const bad = {
    acceptance: { signOnDay: -1 },
    payments: { bills: ['on-time', { lateDays: 0 }, 'sometimes'] },
    reviewer: { documentsOnDay: 3, approveOnDay: 2 },
    complaints: [{ on: '2024-02-30' }],
    colour: 'red',
  };
  let error: unknown;
  try {
    parseScenario(bad, 'scenario.json');
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ScenarioError);
  const message = (error as Error).message;
  expect(message).toMatch(/^scenario\.json is invalid: /);
  expect(message).toContain('acceptance.signOnDay: must not be negative');
  expect(message).toContain('payments.bills.1.lateDays: must be at least 1');
  expect(message).toContain('payments.bills.2: must be "on-time", "never" or { "lateDays": N }');
  expect(message).toContain('reviewer.approveOnDay: must not be before documentsOnDay (3)');
  expect(message).toContain('complaints.0.on: must be a date YYYY-MM-DD');
  expect(message).toContain('colour: is not a known field');
});

test('a choice takes exactly one variant, and an objection needs its reason', () => {
  expect(() => parseScenario({ acceptance: { signOnDay: 2, silent: true } })).toThrow(
    'acceptance.silent: give exactly one of signOnDay, silent, objectOnDay (found signOnDay and silent)',
  );
  expect(() => parseScenario({ acceptance: { objectOnDay: 2 } })).toThrow(
    'acceptance.reason: is required with objectOnDay',
  );
  expect(() => parseScenario({ nonRenewalNotice: { party: 'customer' } })).toThrow(
    'nonRenewalNotice: give exactly one of on, daysBeforeDeadline',
  );
  expect(parseScenario({ payments: 'never' }).payments).toEqual({ allBills: 'never', bills: [] });
});

test('a scenario that does not fit the contract is refused before anything runs, every problem named', () => {
  const lines = seedContract('JSCZE2208138CGN00');
  expect(() =>
    checkScenarioFits(
      lines,
      parseScenario({
        fieldWork: { installDays: [3, 4] },
        payments: { bills: ['on-time', 'on-time', 'never'] },
        complaints: [{ on: '2022-01-05' }],
      }),
    ),
  ).toThrow(
    'the scenario does not fit contract JSCZE2208138CGN00: complaints.0.on: 2022-01-05 is before the signing day 2022-11-25; ' +
      'fieldWork.installDays: lists 2 line(s), contract JSCZE2208138CGN00 has 30 dedicated line(s); ' +
      'payments.bills: lists 3 bill(s), contract JSCZE2208138CGN00 schedules 2',
  );
  expect(() =>
    checkScenarioFits(
      seedContract('SNSGS2500554EGN00'),
      parseScenario({ nonRenewalNotice: { daysBeforeDeadline: 0 } }),
    ),
  ).toThrow(
    'nonRenewalNotice.daysBeforeDeadline: contract SNSGS2500554EGN00 does not renew automatically (renewal none',
  );
  expect(() => checkScenarioFits(lines, parseScenario({ complaints: [{ on: 30 }] }))).not.toThrow();
});

test('scenario fields a contract has no clause for are refused with the clause missing, never ignored', () => {
  const ccc = seedContract('XJJCF2400252EGN00');
  expect(() =>
    checkScenarioFits(
      ccc,
      parseScenario({
        usage: { items: { 'S-ordinary': { attempted: 10, delivered: 10 } } },
        freeMonth: { month: '2024-06', noticeOn: 30 },
        invoices: {},
      }),
    ),
  ).toThrow(
    'usage: contract XJJCF2400252EGN00 has no usage settlement (no usage-settlement payment plan); ' +
      'freeMonth: contract XJJCF2400252EGN00 grants no free month; ' +
      'invoices: contract XJJCF2400252EGN00 has no bill dated by an invoice (no after-invoice instalment, no post-paid month)',
  );
  // 001 has no acceptance clause (the completion notice is the activation) and no unsubscribe clause.
  expect(() =>
    checkScenarioFits(
      seedContract('JSCZE2208138CGN00'),
      parseScenario({ acceptance: { signOnDay: 2 }, unsubscribe: { on: 60 } }),
    ),
  ).toThrow(/acceptance\.signOnDay: contract JSCZE2208138CGN00 has no acceptance window/);
  // 004 5.3 settles per-usage line items only.
  expect(() =>
    checkScenarioFits(
      seedContract('HASGS2300729CGN00'),
      parseScenario({ usage: { items: { 'S-voice': { attempted: 1, delivered: 1 } } } }),
    ),
  ).toThrow(
    'usage.items.S-voice: not a per-usage line item of contract HASGS2300729CGN00 (S-ordinary, S-fast-lane)',
  );
  expect(() =>
    checkScenarioFits(
      seedContract('HASGS2300729CGN00'),
      parseScenario({
        usage: { items: { 'S-ordinary': { attempted: 1, delivered: 1 } } },
        freeMonth: { month: '2024-03', noticeOn: '2024-01-15' },
      }),
    ),
  ).not.toThrow();
});

test('a usage report delivering more than it attempted is refused', () => {
  expect(() => parseScenario({ usage: { items: { 'S-ordinary': { attempted: 1, delivered: 2 } } } })).toThrow(
    /delivered must not exceed attempted/,
  );
});

describe('scenario files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'scenario-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('YAML and JSON files read the same', () => {
    writeFileSync(join(dir, 'late.yaml'), 'acceptance:\n  signOnDay: 3\npayments:\n  lateDays: 40\n');
    writeFileSync(join(dir, 'late.json'), '{"acceptance":{"signOnDay":3},"payments":{"lateDays":40}}');
    const yaml = loadScenarioFile(join(dir, 'late.yaml'));
    expect(yaml).toEqual(loadScenarioFile(join(dir, 'late.json')));
    expect(yaml.payments.allBills).toEqual({ lateDays: 40 });
  });

  test('a broken or invalid file is named in the error', () => {
    writeFileSync(join(dir, 'broken.json'), '{"acceptance":');
    expect(() => loadScenarioFile(join(dir, 'broken.json'))).toThrow(/broken\.json is not valid JSON/);
    writeFileSync(join(dir, 'bad.yml'), 'years: 0\n');
    expect(() => loadScenarioFile(join(dir, 'bad.yml'))).toThrow(
      /bad\.yml is invalid: years: must be at least 1/,
    );
  });
});

test('the timeline table shows short event names, key fields and money in yuan from fen', () => {
  const entries: TimelineEntry[] = [
    {
      date: isoDate('2024-04-17'),
      type: 'telecom.contract.billing-started.v1',
      data: {
        contractNo: 'XJJCF2400252EGN00',
        activationDate: '2024-04-11',
        agreementPeriod: { startDate: '2024-04-11', endDate: '2027-04-10' },
        productOrderItem: [{ itemId: 'A2-1' }, { itemId: 'A2-2' }, { itemId: 'A2-3' }, { itemId: 'A2-4' }],
        firstMonthCreditFen: 0,
      },
    },
    {
      date: isoDate('2025-05-20'),
      type: 'telecom.contract.charge-applied.v1',
      data: { chargeType: 'late-fee', amountFen: 153_240, reason: '20 days late', clauseRef: '7.3' },
    },
    {
      date: isoDate('2025-05-20'),
      type: 'telecom.contract.payment-received.v1',
      data: { paymentId: 'P-2', amountFen: 2_554_000, paidDate: '2025-05-20' },
    },
  ];
  const lines = formatTimeline(entries).split('\n');
  expect(lines[0]).toMatch(/^DATE\s+EVENT\s+MONEY \(CNY\)\s+KEY DATA$/);
  expect(lines[1]).toMatch(
    /^2024-04-17 {2}billing-started\s+activationDate=2024-04-11, agreementPeriod=2024-04-11\.\.2027-04-10, productOrderItem=4: A2-1 A2-2 A2-3 \+1 more$/,
  );
  expect(lines[2]).toMatch(
    /charge-applied\s+1,532\.40 {2}chargeType=late-fee, reason=20 days late, clauseRef=7\.3$/,
  );
  // The entry's own date is not repeated in its key data.
  expect(lines[3]).toMatch(/payment-received\s+25,540\.00 {2}paymentId=P-2$/);
  expect(lines[5]).toBe(
    '3 events, 2024-04-17 to 2025-05-20; bills issued 0.00 CNY, payments received 25,540.00 CNY, charges applied 1,532.40 CNY, credits 0.00 CNY',
  );
});

test('the money column shows what a term bills (000 4.5.1; renewed under 10) and what the final settlement comes to', () => {
  const entries: TimelineEntry[] = [
    {
      date: isoDate('2024-04-17'),
      type: 'telecom.contract.billing-started.v1',
      data: {
        activationDate: '2024-04-11',
        instalments: [
          { invoiceId: '4.5.1#1', dueDate: '2024-04-16', amountFen: 2_754_000 },
          { invoiceId: '4.5.1#2', dueDate: '2025-04-30', amountFen: 2_554_000 },
          { invoiceId: '4.5.1#3', dueDate: '2026-03-31', amountFen: 2_554_000 },
        ],
        firstMonthCreditFen: 0,
      },
    },
    {
      date: isoDate('2027-04-11'),
      type: 'telecom.contract.renewed.v1',
      data: {
        renewalCount: 1,
        instalments: [{ invoiceId: '4.5.1#1/t2', dueDate: '2027-04-16', amountFen: 2_554_000 }],
      },
    },
    {
      date: isoDate('2028-01-01'),
      type: 'telecom.contract.closed.v1',
      data: {
        outcome: 'arrears',
        settlement: {
          principalFen: 2_554_000,
          lateFeesFen: 100,
          terminationChargesFen: 0,
          creditsFen: 0,
          totalFen: 2_554_100,
        },
      },
    },
  ];
  const lines = formatTimeline(entries).split('\n');
  expect(lines[1]).toMatch(/billing-started\s+billed 78,620\.00 /);
  expect(lines[2]).toMatch(/renewed\s+billed 25,540\.00 /);
  expect(lines[3]).toMatch(/closed\s+settles 25,541\.00/);
  expect(lines[lines.length - 1]).toContain('bills issued 104,160.00 CNY');
});
