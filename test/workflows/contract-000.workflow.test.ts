/**
 * Contract 000 (96110 cloud call centre, XJJCF2400252EGN00) on the time-skipping server: acceptance
 * signed inside the 5-day window, deemed acceptance on silence (clause 3.4), 36-month term from the
 * actual activation date (clause 10.1), renewal at 36 months and an in-time non-renewal notice (10.2).
 */
import { randomUUID } from 'node:crypto';
import { addDays as addIsoDays, addMonths, isoDate } from '../../domain/calendar';
import { seedContract } from '../../domain/seed-contracts';
import { ContractDriver } from '../support/contract-driver';
import { useLifecycleHarness } from '../support/lifecycle-harness';

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());

const seed = seedContract('XJJCF2400252EGN00');
const addDays = (date: string, days: number) => addIsoDays(isoDate(date), days);

async function toCompletionNotice(taskQueue: string) {
  const c = await ContractDriver.start(
    harness().env,
    harness().events,
    { ...seed, contractNo: `XJJCF${randomUUID().slice(0, 8).toUpperCase()}` },
    taskQueue,
  );
  await c.passQualification();
  await c.installAllLines();
  await c.skipDays(2);
  await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
  return c;
}

test('signed on day 3 of the window: that day is the activation date and the 36-month term runs from it', async () => {
  const taskQueue = `c000-${randomUUID()}`;
  const { worker } = await harness().worker(taskQueue);
  await worker.runUntil(async () => {
    const c = await toCompletionNotice(taskQueue);
    const notice = await c.waitForEvent('telecom.contract.completion-notice-issued.v1');
    expect(notice.data.acceptanceDueDate).toBe(addDays(notice.data.noticeDate, 5));

    await c.skipDays(3);
    const signedOn = await c.today();
    await c.act('sign-off', { signedBy: 'customer-zhang' });

    const billing = await c.waitForEvent('telecom.contract.billing-started.v1');
    expect(billing.data.activationDate).toBe(signedOn);
    expect(billing.data.agreementPeriod).toEqual({
      startDate: signedOn,
      endDate: addDays(addMonths(signedOn, 36), -1),
    });
    expect(billing.data.firstMonthCreditFen).toBe(0);
    expect(c.types()).toEqual([
      'onboarding-received',
      'qualification-requested',
      'qualification-approved',
      'resource-reserved',
      'resource-committed',
      'completion-notice-issued',
      'acceptance-signed',
      'billing-started',
    ]);
    const status = await c.status();
    expect(status.stage).toBe('active');
    expect(status.resources.map((r) => r.value)).toContain('96110');
    await c.saveHistory('000-signed-in-window');
  });
});

test('silent for 5 days: deemed accepted when the window closes, activation = completion-notice date', async () => {
  const taskQueue = `c000-${randomUUID()}`;
  const { worker } = await harness().worker(taskQueue);
  await worker.runUntil(async () => {
    const c = await toCompletionNotice(taskQueue);
    const notice = await c.waitForEvent('telecom.contract.completion-notice-issued.v1');
    // The window's last day is the calculator's (5 days, moved off a rest day: tested on the decider).
    const deemedOn = addDays(isoDate(notice.data.acceptanceDueDate), 1);
    await c.skipTo(deemedOn, 12);
    const deemed = await c.waitForEvent('telecom.contract.acceptance-deemed.v1');
    expect(deemed.data).toMatchObject({
      noticeDate: notice.data.noticeDate,
      deemedDate: deemedOn,
      activationDate: notice.data.noticeDate,
      clauseRef: '3.4',
    });
    // Deemed at 00:00 Shanghai on the day after the window's last day: the customer had all of it.
    const windowClosed = Date.parse(`${deemedOn}T00:00:00+08:00`);
    expect(Date.parse(deemed.time) - windowClosed).toBeGreaterThanOrEqual(0);
    expect(Date.parse(deemed.time) - windowClosed).toBeLessThan(60_000);
    const billing = await c.waitForEvent('telecom.contract.billing-started.v1');
    expect(billing.data.activationDate).toBe(notice.data.noticeDate);
    await c.saveHistory('000-deemed-accepted');
  });
});
