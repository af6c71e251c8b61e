/**
 * Issue #16 on the workflow: a claim is an Update that shows as the obligation's assignee in `status`
 * and as a decision in the log; the 30 lines of contract 001 are confirmed in one Update; and the Web
 * UI keeps meaning something (timer summaries, the Details panel, NextDeadline).
 */
import { owes, readyForFieldWork } from '../../clients/sdk/player';
import { startOfLocalDay } from '../../domain/calendar';
import type { ContractStatus } from '../../domain/lifecycle/status';
import { seedContract } from '../../domain/seed-contracts';
import { NextDeadlineKey } from '../../workflows/search-attributes';
import { ContractDriver } from '../support/contract-driver';
import { refusal } from '../support/refusal';
import { useLifecycleHarness, withContract } from '../support/lifecycle-harness';
import { waitFor } from '../support/wait';

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());


const assigneeOf = (s: ContractStatus, id: string) => s.obligations.find((o) => o.id === id)?.assignee;

/** The workflow page's Details panel, as the Web UI reads it (the SDK's built-in metadata query). */
async function currentDetails(c: ContractDriver): Promise<string> {
  const metadata = await c.handle.query<{ currentDetails?: string }>('__temporal_workflow_metadata');
  return metadata.currentDetails ?? '';
}

/** Summaries of the timers the workflow started, oldest first (user metadata of TimerStarted). */
async function timerSummaries(c: ContractDriver): Promise<string[]> {
  const history = await c.handle.fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const data = e.timerStartedEventAttributes ? e.userMetadata?.summary?.data : undefined;
    return data ? [JSON.parse(Buffer.from(data).toString('utf8')) as string] : [];
  });
}

test('001: a claim by Update is the assignee in status and a decision in the log; the 30 lines are confirmed in one Update', async () => {
  await withContract(harness(), seedContract('JSCZE2208138CGN00'), async (c) => {
    await c.waitForStatus('the reviewer decision', owes('qualification-decision'));

    // Given the reviewer decision open, when key eng-1 claims it by Update, then status and log show it.
    const claimed = await c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'key-eng-1' });
    expect(assigneeOf(claimed, 'qualification-decision')).toEqual({
      by: 'key-eng-1',
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
    });
    expect(claimed.decisions.at(-1)).toMatchObject({
      action: 'claim',
      by: 'key-eng-1',
      detail: 'qualification-decision: a reviewer decision',
    });
    expect(assigneeOf(await c.status(), 'qualification-decision')?.by).toBe('key-eng-1');
    expect(
      await refusal(c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'key-eng-2' })),
    ).toBe(
      `claim is refused: obligation 'qualification-decision' is already claimed by key-eng-1 since ${assigneeOf(claimed, 'qualification-decision')!.since}`,
    );
    // The Details panel lists what the contract waits for, with who holds it; the timer says why it wakes.
    await waitFor('the claim in the Details panel', async () =>
      (await currentDetails(c)).includes('`qualification-decision` a reviewer decision') &&
      (await currentDetails(c)).includes('claimed by key-eng-1')
        ? true
        : undefined,
    );
    expect(await timerSummaries(c)).toContainEqual(
      expect.stringMatching(
        /^next checkpoint \d{4}-\d\d-\d\d: qualification review due \d{4}-\d\d-\d\d; escalated on /,
      ),
    );

    await c.passQualification();
    const fieldWork = await c.waitForStatus('field work', readyForFieldWork);
    expect(assigneeOf(fieldWork, 'qualification-decision')).toBeUndefined();
    expect(fieldWork.decisions.filter((d) => d.action === 'claim')).toHaveLength(1);

    // 001 has no activation deadline: NextDeadline falls back to the fixed term end (clause 11.1).
    const { end } = c.spec.clauses.term;
    if (end.kind !== 'fixed') throw new Error('001 ends on a fixed date');
    await waitFor('NextDeadline at the term end', async () =>
      (await c.handle.describe()).typedSearchAttributes.get(NextDeadlineKey)?.getTime() ===
      startOfLocalDay(end.date)
        ? true
        : undefined,
    );

    // When all 30 lines are confirmed in one Update, then one decision lists them and the notice is owed.
    const lines = fieldWork.obligations
      .filter((o) => o.kind === 'line-installation')
      .map((o) => ({ lineIndex: o.subject.lineIndex!, circuitId: `CIR-${o.subject.lineIndex}` }));
    expect(lines).toHaveLength(30);
    const confirmed = await c.act('confirm-installations', { lines, testedBy: 'key-eng-1' });
    expect(confirmed.obligations.filter((o) => o.kind === 'line-installation')).toEqual([]);
    expect(confirmed.obligations[0]).toMatchObject({ id: 'completion-notice', party: 'engineer' });
    expect(confirmed.decisions.filter((d) => d.action === 'confirm-installations')).toHaveLength(1);

    // The same request again is accepted and changes nothing; another circuit for a line is refused.
    const again = await c.act('confirm-installations', { lines, testedBy: 'key-eng-1' });
    expect(again.decisions).toEqual(confirmed.decisions);
    expect(
      await refusal(
        c.act('confirm-installations', {
          lines: [{ lineIndex: 3, circuitId: 'OTHER' }],
          testedBy: 'key-eng-1',
        }),
      ),
    ).toBe(
      'confirm-installations is refused: lines.0.circuitId: line 3 was already confirmed as circuit CIR-3',
    );

    // Claim and release the notice: the release is a decision naming who held it.
    await c.act('claim', { obligationId: 'completion-notice', claimedBy: 'key-eng-1' });
    const released = await c.act('unclaim', { obligationId: 'completion-notice', releasedBy: 'key-eng-2' });
    expect(assigneeOf(released, 'completion-notice')).toBeUndefined();
    expect(released.decisions.at(-1)).toMatchObject({
      action: 'unclaim',
      by: 'key-eng-2',
      detail: expect.stringMatching(/^completion-notice \(held by key-eng-1 since /) as string,
    });
    const noticed = await c.act('issue-completion-notice', { issuedBy: 'key-eng-1' });
    expect(noticed.stage).toBe('active');
    await c.saveHistory('001-claims-and-batch-lines');
  });
});
