/**
 * `tco simulate` end to end in-process (the real engine on the time-skipping server): the flags reach
 * the scenario, `--json` prints the catalogue's types on the contract's own dates, and a bad flag is
 * refused before anything runs. The engine's date rules per seed are tested in test/clients/simulate.
 */
import { join } from 'node:path';
import { acceptanceWindow } from '../../../domain/clauses/acceptance';
import { addDays, isoDate } from '../../../domain/calendar';
import { seedContract } from '../../../domain/seed-contracts';
import { EXIT, runCli } from '../../../clients/cli/program';
import type { TimelineEntry } from '../../../clients/simulate/engine';

const CONTRACT_000 = join(__dirname, '..', '..', '..', 'contracts', 'XJJCF2400252EGN00.json');

async function tco(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    connect: () => undefined as never,
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('--sign-on-day 2 --json: signed on day 2 of the window, that day is the activation date (000 clause 3.4)', async () => {
  const run = await tco('--json', 'simulate', CONTRACT_000, '--sign-on-day', '2', '--years', '1');
  expect(run).toMatchObject({ code: EXIT.ok, err: '' });
  const timeline = JSON.parse(run.out) as TimelineEntry[];
  const seed = seedContract('XJJCF2400252EGN00');
  expect(timeline[0]).toMatchObject({
    date: seed.signedDate,
    type: 'telecom.contract.onboarding-received.v1',
  });

  const notice = timeline.find((e) => e.type === 'telecom.contract.completion-notice-issued.v1')!;
  const window = acceptanceWindow(seed, { noticeReceivedOn: notice.date, completionNoticeDate: notice.date });
  expect(window.kind).not.toBe('no-acceptance-clause');
  const signed = timeline.find((e) => e.type === 'telecom.contract.acceptance-signed.v1')!;
  expect(signed.date).toBe(addDays(isoDate(notice.date), 2));
  const billing = timeline.find((e) => e.type === 'telecom.contract.billing-started.v1')!;
  expect(billing.data.activationDate).toBe(signed.date);
  expect(timeline.some((e) => e.type === 'telecom.contract.acceptance-deemed.v1')).toBe(false);
});

test('a flag that breaks the scenario is refused before anything runs, naming the rule', async () => {
  const both = await tco('simulate', CONTRACT_000, '--sign-on-day', '2', '--silent');
  expect(both.code).toBe(EXIT.usage);
  expect(both.err).toContain('--sign-on-day, --silent, --object-on-day: choose one');

  const pay = await tco('simulate', CONTRACT_000, '--pay', 'sometimes');
  expect(pay.code).toBe(EXIT.usage);
  expect(pay.err).toContain('--pay sometimes: must be on-time, never or late:<days>');

  const objection = await tco('simulate', CONTRACT_000, '--object-on-day', '1');
  expect(objection.code).toBe(EXIT.usage);
  expect(objection.err).toMatch(/acceptance\.reason: is required with objectOnDay/);
});
