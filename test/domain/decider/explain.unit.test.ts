/**
 * What the Temporal Web UI shows of a contract (issue #16 item 7): the static summary and details of
 * its start, the timer's reason, the Details panel's open obligations, and a NextDeadline while it runs.
 */
import { nextWake } from '../../../domain/decider/decide';
import {
  contractDetails,
  contractHeadline,
  detailsMarkdown,
  fallbackDeadline,
  wakeSummary,
} from '../../../domain/decider/explain';
import { statusOf } from '../../../domain/decider/status';
import { seedContract } from '../../../domain/seed-contracts';
import { Contract } from './support';

const s000 = seedContract('XJJCF2400252EGN00');
const s001 = seedContract('JSCZE2208138CGN00');

const statusNow = (c: Contract) => statusOf(c.spec, c.state, c.today, 'contract-x');
const wakeLine = (c: Contract) => wakeSummary(c.spec, c.state, c.today, nextWake(c.spec, c.state, c.today)!);

describe('the timer says what the wake-up is for', () => {
  test('000 3.4: given the completion notice issued on 2024-04-04, then the timer reads "acceptance window ends 2024-04-09; deemed accepted on 2024-04-10"', () => {
    const c = Contract.signed(s000);
    c.approve();
    c.after(3);
    c.complete();
    expect(c.today).toBe('2024-04-04');
    expect(wakeLine(c)).toBe(
      'next checkpoint 2024-04-10: acceptance window ends 2024-04-09; deemed accepted on 2024-04-10',
    );
  });

  test('000 3.2 / 7.4: given the lines installed and no notice yet, then the timer names the notice and the delay penalty', () => {
    const c = Contract.signed(s000);
    c.approve();
    c.installLines();
    expect(wakeLine(c)).toBe(
      'next checkpoint 2024-04-17: the completion notice due 2024-04-16; delay penalty from 2024-04-17',
    );
  });

  test('given a wake-up no obligation explains, then the timer still names its date', () => {
    const c = Contract.signed(s001);
    expect(wakeSummary(c.spec, c.state, c.today, '2030-01-01' as never)).toBe('next checkpoint 2030-01-01');
  });
});

describe('NextDeadline is always set while the contract runs', () => {
  test('001: given field work with no activation deadline, then NextDeadline falls back to the fixed term end 2022-12-31 (11.1)', () => {
    const c = Contract.signed(s001);
    c.approve();
    const status = statusNow(c);
    expect(status.obligations.some((o) => o.dueDate)).toBe(false);
    expect(status.nextCheckpoint).toBeUndefined();
    expect(fallbackDeadline(c.spec, status)).toBe('2022-12-31');
  });

  test('000: given an obligation without date but a checkpoint, then NextDeadline is the checkpoint; once closed, nothing', () => {
    const c = Contract.signed(s000);
    const status = statusNow(c);
    expect(fallbackDeadline(c.spec, { ...status, obligations: [] })).toBe(status.nextCheckpoint);
    c.act('reject', { rejectedBy: 'li', reason: 'licence expired' });
    expect(fallbackDeadline(c.spec, statusNow(c))).toBeUndefined();
  });
});

describe("the workflow page's Details panel lists the open obligations", () => {
  test('001 1.3: given 30 lines open and line 4 claimed, then 12 are listed with the claim and the rest counted', () => {
    const c = Contract.signed(s001);
    c.approve();
    c.act('claim', { obligationId: 'line:4', claimedBy: 'eng-1' });
    const text = detailsMarkdown(statusNow(c));
    expect(text.split('\n').slice(0, 3)).toEqual([
      '**provisioning** — waiting for installation of 30 line(s), then the ICP filing',
      '',
      'Open obligations (31):',
    ]);
    expect(text).toContain(
      '- `line:4` install and test line 4 (100 Mbit/s) (engineer) — claimed by eng-1 since 2022-11-25T02:00:00.000Z',
    );
    expect(text.split('\n').filter((l) => l.startsWith('- `'))).toHaveLength(12);
    expect(text.endsWith('- … and 19 more')).toBe(true);
  });
});

describe('the static summary and details of the start: terms at a glance, no personal data', () => {
  test('001: the list shows number, customer and product; the details the region, term 11.1 and signing date', () => {
    expect(contractHeadline(s001)).toBe('JSCZE2208138CGN00 · 常州市城市管理局 · dedicated-line');
    expect(contractDetails(s001)).toBe(
      [
        '**Contract** JSCZE2208138CGN00',
        '',
        '- **Customer:** 常州市城市管理局',
        '- **Products:** dedicated-line (30 dedicated line(s))',
        '- **Region:** 江苏省 常州市',
        '- **Term:** from 2022-01-01 until 2022-12-31 (clause 11.1); renews by 12 month(s) (clause 11.1)',
        '- **Signed:** 2022-11-25',
      ].join('\n'),
    );
  });

  test.each([s000, s001])('no contact of $contractNo (name, phone, email) appears', (spec) => {
    const shown = contractHeadline(spec) + contractDetails(spec);
    const personal = spec.contacts.flatMap((contact) =>
      Object.values(contact).filter((v): v is string => typeof v === 'string' && v.length > 3),
    );
    expect(personal.length).toBeGreaterThan(0);
    expect(personal.filter((value) => shown.includes(value))).toEqual([]);
  });
});
