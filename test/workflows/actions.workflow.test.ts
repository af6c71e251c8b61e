/** Human actions are refused by the Update validators when they do not fit the stage or the input. */
import { addDays, isoDate } from '../../domain/calendar';
import { seedContract } from '../../domain/seed-contracts';
import { ContractDriver } from '../support/contract-driver';
import { refusal } from '../support/refusal';
import { useLifecycleHarness, withContract } from '../support/lifecycle-harness';

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());


test('wrong stage, missing documents, malformed input and late notices are refused with the reason', async () => {
  await withContract(harness(), seedContract('XJJCF2400252EGN00'), async (c) => {
    await c.waitForStatus('the checklist', (s) => s.checklist.length > 0);

    expect(await refusal(c.act('sign-off', { signedBy: 'customer-zhang' }))).toBe(
      `sign-off is refused: contract ${c.spec.contractNo} is in stage 'qualification', and sign-off is only possible in 'acceptance'`,
    );
    expect(await refusal(c.act('approve', { approvedBy: 'reviewer-li' }))).toMatch(
      /^approve is refused: documents still missing: business-licence/,
    );
    expect(await refusal(c.act('approve', {} as never))).toBe(
      'approve: invalid input: approvedBy: is required',
    );
    expect(await refusal(c.act('reject', { rejectedBy: 'reviewer-li', reason: '', extra: 1 } as never))).toBe(
      'reject: invalid input: reason: must give a reason; extra: is not a known field',
    );
    expect(
      await refusal(
        c.act('submit-document', { documentType: 'pilot-licence', documentRef: 'x', submittedBy: 'li' }),
      ),
    ).toMatch(/^submit-document is refused: 'pilot-licence' is not on this contract's checklist/);
    // Nothing refused entered the history: the stage and the decisions are unchanged.
    const status = await c.status();
    expect(status.stage).toBe('qualification');
    expect(status.decisions).toEqual([]);

    await c.passQualification();
    await c.installAllLines();
    expect(await refusal(c.act('approve', { approvedBy: 'reviewer-li' }))).toMatch(/stage 'provisioning'/);
    await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
    await c.act('sign-off', { signedBy: 'customer-zhang' });
    const billing = await c.waitForEvent('telecom.contract.billing-started.v1');

    // 10.2: notice at least 90 days before expiry; a day later is too late.
    const end = billing.data.agreementPeriod.endDate;
    await c.skipTo(addDaysIso(end, -89));
    expect(
      await refusal(
        c.act('non-renewal-notice', {
          party: 'customer',
          noticeDate: await c.today(),
          givenBy: 'customer-zhang',
        }),
      ),
    ).toBe(
      `non-renewal-notice is refused: notice on ${addDaysIso(end, -89)} is too late: it had to be given by ${addDaysIso(end, -90)} (clause 10.2); the contract renews on ${addDaysIso(end, 1)}`,
    );
  });
});

const addDaysIso = (date: string, n: number) => addDays(isoDate(date), n);
