/** Contract 000 clause 10: 36 months from activation, renewed for 36 more, ended by a timely notice. */
import { addDays, addMonths, isoDate } from '../../domain/calendar';
import { seedContract } from '../../domain/seed-contracts';
import { ContractDriver } from '../support/contract-driver';
import { useLifecycleHarness, withContract } from '../support/lifecycle-harness';

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());

test('renews at 36 months by continue-as-new, then a notice 90 days ahead ends it at the second expiry', async () => {
  await withContract(harness(), seedContract('XJJCF2400252EGN00'), async (c) => {
    await c.passQualification();
    await c.installAllLines();
    await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
    await c.act('sign-off', { signedBy: 'customer-zhang' });
    const billing = await c.waitForEvent('telecom.contract.billing-started.v1');
    const activation = isoDate(billing.data.activationDate);
    const firstEnd = addDays(addMonths(activation, 36), -1);

    await c.skipTo(addDays(firstEnd, 2));
    const due = await c.waitForEvent('telecom.contract.renewal-due.v1');
    expect(due.data).toMatchObject({
      expiryDate: firstEnd,
      noticeDeadline: addDays(firstEnd, -90),
      autoRenew: true,
      renewalTermMonths: 36,
    });
    const renewed = await c.waitForEvent('telecom.contract.renewed.v1');
    const secondEnd = addDays(addMonths(addDays(firstEnd, 1), 36), -1);
    expect(renewed.data).toMatchObject({
      agreementPeriod: { startDate: addDays(firstEnd, 1), endDate: secondEnd },
      renewalCount: 1,
      clauseRef: '10.2',
    });
    const run2 = await c.waitForStatus('the second term', (s) => s.term.number === 2);
    expect(run2.term).toMatchObject({ start: addDays(firstEnd, 1), end: secondEnd });

    // Exactly on the deadline: in time.
    await c.skipTo(addDays(secondEnd, -90));
    await c.act('non-renewal-notice', {
      party: 'customer',
      noticeDate: await c.today(),
      givenBy: 'customer-zhang',
    });
    await c.skipTo(addDays(secondEnd, 2));
    const terminated = await c.waitForEvent('telecom.contract.terminated.v1');
    expect(terminated.data).toMatchObject({
      reason: 'not-renewed',
      stopBillingDate: addDays(secondEnd, 1),
      earlyTermination: false,
    });
    await c.waitForEvent('telecom.contract.closed.v1');
    expect(c.types().filter((t) => t === 'renewed')).toHaveLength(1);
    expect(await c.handle.result()).toBe('not-renewed');
    await c.saveHistory('000-renewal-then-notice');
  });
});
