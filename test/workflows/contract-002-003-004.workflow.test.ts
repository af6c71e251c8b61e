/**
 * 002 (Cloud Call+): billed from signature, the prepaid instalment missed → suspended from the 1st of
 * the next month (3.3). 003 (400 number): suspend-keep-number, resume, number change (annex 2).
 * 004 (industry SMS): a general violation remediated in 14 days with the port blocked meanwhile, then a
 * major one terminating the business with the 100,000 penalty (7.3).
 */
import {
  addDays,
  addMonths,
  addWorkingDays,
  firstDayOfMonth,
  isoDate,
  monthOf,
  yearMonth,
} from '../../domain/calendar';
import { owes } from '../../clients/sdk/player';
import { violationOutcome } from '../../domain/clauses/compliance';
import type { ContractSpec } from '../../domain/contract-spec';
import { seedContract } from '../../domain/seed-contracts';
import { violationRecordedSignal } from '../../workflows/messages';
import { ContractDriver } from '../support/contract-driver';
import { useLifecycleHarness, withContract } from '../support/lifecycle-harness';

function applicationsAcceptedAgainFrom(spec: ContractSpec, noticeDate: ReturnType<typeof isoDate>) {
  const outcome = violationOutcome(spec, 'major', noticeDate);
  if (outcome.kind !== 'terminate-business') throw new Error('004 7.3.3 terminates the business');
  return outcome.applicationsAcceptedAgainFrom;
}

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());

async function toService(c: ContractDriver): Promise<void> {
  await c.passQualification();
  await c.waitForStatus('provisioning done', owes('completion-notice'));
  await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
  await c.waitForEvent('telecom.contract.billing-started.v1');
}

test('002: billed from signature; the unpaid prepayment suspends service from the 1st of the next month', async () => {
  await withContract(harness(), seedContract('SNSGS2500554EGN00'), async (c) => {
    await c.passQualification();
    await c.waitForStatus('provisioning done', owes('completion-notice'));
    await c.skipDays(3);
    await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
    const billing = await c.waitForEvent('telecom.contract.billing-started.v1');
    const signed = c.spec.signedDate;
    expect(billing.data.activationDate).toBe(signed);
    expect(billing.data.agreementPeriod).toEqual({
      startDate: signed,
      endDate: addDays(addMonths(signed, 12), -1),
    });
    const due = addWorkingDays(signed, 15).date;
    expect(billing.data.instalments).toEqual([{ invoiceId: '3.2#1', dueDate: due, amountFen: 24_900_000 }]);

    const firstOfNextMonth = firstDayOfMonth(
      yearMonth(addMonths(isoDate(`${monthOf(due)}-01`), 1).slice(0, 7)),
    );
    await c.skipTo(addDays(firstOfNextMonth, 1));
    const overdue = await c.waitForEvent('telecom.contract.payment-overdue.v1');
    expect(overdue.data).toMatchObject({
      dueDate: due,
      asOfDate: addDays(due, 1),
      suspensionFromDate: firstOfNextMonth,
    });
    const suspended = await c.waitForEvent('telecom.contract.service-suspended.v1');
    expect(suspended.data).toMatchObject({
      suspendedDate: firstOfNextMonth,
      reason: 'arrears',
      clauseRef: '3.3',
    });
    expect((await c.status()).stage).toBe('suspended');
    await c.saveHistory('002-suspended-first-of-month');
  });
});

test('003: suspend-keep-number keeps the 400 number, resume, then a number change quarantines the old one', async () => {
  await withContract(harness(), seedContract('SEED003-400-UNNUMBERED'), async (c, { store }) => {
    await toService(c);
    const [original] = (await c.status()).resources.map((r) => r.value);
    expect(original).toMatch(/^400\d{7}$/);

    await c.act('service-request', { type: 'suspend-keep-number', requestedBy: 'customer-desk' });
    const suspended = await c.waitForEvent('telecom.contract.service-suspended.v1');
    expect(suspended.data).toMatchObject({ reason: 'customer-request', chargesContinue: false });
    const [kept] = await store.db
      .selectFrom('resource')
      .select(['state', 'contract_no'])
      .where('value', '=', original!)
      .execute();
    expect(kept).toEqual({ state: 'suspended', contract_no: c.spec.contractNo });

    await c.skipDays(10);
    await c.act('service-request', { type: 'resume', requestedBy: 'customer-desk' });
    await c.waitForEvent('telecom.contract.service-resumed.v1');
    const after = await c.act('service-request', { type: 'number-change', requestedBy: 'customer-desk' });
    const [changed] = after.resources.map((r) => r.value);
    expect(changed).toMatch(/^400\d{7}$/);
    expect(changed).not.toBe(original);
    const [old] = await store.db
      .selectFrom('resource')
      .select(['state'])
      .where('value', '=', original!)
      .execute();
    expect(old?.state).toBe('quarantined');
    expect(c.types().filter((t) => t === 'service-request-completed')).toHaveLength(3);
    await c.saveHistory('003-service-requests');
  });
});

test('004: general violation remediated with the port blocked meanwhile; a major one terminates with 100,000', async () => {
  await withContract(harness(), seedContract('HASGS2300729CGN00'), async (c, { network }) => {
    await toService(c);
    const detected = await c.today();
    await c.handle.signal(violationRecordedSignal, {
      contractNo: c.spec.contractNo,
      violationId: 'V-1',
      tier: 'general',
      detectedDate: detected,
      description: 'messages sent beyond the declared recipient scope',
    });
    const recorded = await c.waitForEvent('telecom.contract.violation-recorded.v1');
    expect(recorded.data).toMatchObject({
      tier: 'general',
      remediationDueDate: addDays(detected, 14),
      portBlocked: true,
      penaltyIfUnremediedFen: 1_000_000,
    });
    const blocks = () =>
      network
        .callsFor(c.spec.contractNo)
        .filter((x) => x.operation === 'blockPort')
        .map((x) => x.detail.blocked);
    expect(blocks()).toEqual([true]);

    await c.skipDays(10);
    await c.act('record-remediation', { violationId: 'V-1', passed: true, checkedBy: 'compliance-zhao' });
    await c.waitForEvent('telecom.contract.violation-remediated.v1');
    expect(blocks()).toEqual([true, false]);
    await c.skipDays(10);
    expect(c.types()).not.toContain('terminated');

    await c.handle.signal(violationRecordedSignal, {
      contractNo: c.spec.contractNo,
      violationId: 'V-2',
      tier: 'major',
      detectedDate: await c.today(),
      description: 'fraudulent content sent',
    });
    const charge = await c.waitForEvent('telecom.contract.charge-applied.v1');
    expect(charge.data).toMatchObject({
      chargeType: 'violation-penalty',
      amountFen: 10_000_000,
      clauseRef: '7.3',
    });
    const terminated = await c.waitForEvent('telecom.contract.terminated.v1');
    expect(terminated.data).toMatchObject({ reason: 'violation', earlyTermination: true });
    expect((await c.waitForStatus('closed', (s) => s.stage === 'closed')).flags).toContain(
      // 7.3.3: no new applications for 6 months after the notice; the decider tests count the months.
      `new-applications-accepted-from:${applicationsAcceptedAgainFrom(c.spec, isoDate(terminated.data.terminatedDate))}`,
    );
    await c.saveHistory('004-violations');
  });
});
