/**
 * An accepted action never fails later, and a contract that still cannot go on (a bug) stays readable:
 * - the Update validator checks the events an action would publish, so an input the publisher would
 *   refuse is refused at the door and nothing is recorded;
 * - a publish the publisher refuses as InvalidEvent sticks the contract instead of failing its workflow
 *   task: status answers `health: stuck` with the reason, the Health search attribute is set, and the
 *   step is retried on a timer until a fix is deployed.
 */
import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { AnyContractEvent } from '../../domain/events/catalogue';
import { seedContract } from '../../domain/seed-contracts';
import { HealthKey } from '../../workflows/search-attributes';
import { stuckRetryDelayMs } from '../../workflows/shell/contract';
import { ContractDriver } from '../support/contract-driver';
import { refusal } from '../support/refusal';
import { useLifecycleHarness, withContract } from '../support/lifecycle-harness';
import { waitFor } from '../support/wait';

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());


/** History length once the contract waits: no workflow task after its last completed one, nothing new. */
async function idleHistoryLength(c: ContractDriver): Promise<number> {
  const { EVENT_TYPE_WORKFLOW_TASK_COMPLETED: completed, EVENT_TYPE_WORKFLOW_TASK_SCHEDULED: scheduled } =
    temporal.api.enums.v1.EventType;
  let last = -1;
  return waitFor(
    'the contract to wait',
    async () => {
      const types = ((await c.handle.fetchHistory()).events ?? []).map((e) => e.eventType);
      const idle = types.length === last && types.lastIndexOf(completed) > types.lastIndexOf(scheduled);
      last = types.length;
      return idle ? last : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 300 },
  );
}

test('the inputs that broke contracts (a 600-character reason, a phone number, a non-kebab document type) are refused at the door or published as a code; nothing sticks', async () => {
  await withContract(harness(), seedContract('XJJCF2400252EGN00'), async (c) => {
    await c.waitForStatus('the checklist', (s) => s.checklist.length > 0);
    const historyBefore = await idleHistoryLength(c);
    const before = await c.status();
    const published = c.mine().length;

    // A document type the event's kebab-case rule refuses is refused by the validator, unrecorded.
    expect(
      await refusal(
        c.act('submit-document', {
          documentType: 'Business Licence',
          documentRef: 'DMS-1',
          submittedBy: 'li',
        }),
      ),
    ).toMatch(/documentType: must be a kebab-case code/);
    // A refused Update leaves no trace in history: no Update accepted, no command; only the workflow
    // tasks that ran the validators (this test server records them; newer servers drop them).
    const { EventType } = temporal.api.enums.v1;
    const after = ((await c.handle.fetchHistory()).events ?? []).slice(historyBefore).map((e) => e.eventType);
    const workflowTasks = /^EVENT_TYPE_WORKFLOW_TASK_(SCHEDULED|STARTED|COMPLETED)$/;
    expect(after.map((t) => EventType[t!]).filter((name) => !workflowTasks.test(name))).toEqual([]);
    expect(await c.status()).toEqual(before);
    expect(c.mine()).toHaveLength(published);

    // Before #15 a rejection reason over 500 characters, or with a phone number, failed the event's
    // schema at publish time and the workflow task forever. The words now stay in history; the event
    // carries the reason code.
    const reason = `${'x'.repeat(600)} call 150 0908 3897`;
    const status = await c.act('reject', { rejectedBy: 'reviewer-li', reason, reasonCode: 'other' });
    expect(status).toMatchObject({ health: 'ok' });
    const event = await c.waitForEvent('telecom.contract.qualification-rejected.v2');
    expect(event.data).toMatchObject({ reasonCode: 'other' });
    expect(JSON.stringify(event)).not.toMatch(/0908|xxxx/);
  });
});

test('a publish refused as InvalidEvent sticks the contract readable, flagged and retried until fixed', async () => {
  const h = harness();
  let broken = true;
  const refusedPublishes: string[] = [];
  const taskQueue = `contract-${randomUUID()}`;
  const { worker } = await h.worker(taskQueue, (activities) => {
    const publish = activities.publishContractEvent as (e: AnyContractEvent) => Promise<void>;
    return {
      ...activities,
      publishContractEvent: async (event: AnyContractEvent) => {
        if (!broken) return publish(event);
        refusedPublishes.push(event.type);
        // What the publisher answers for an event that fails its schema (activities/kafka/publisher.ts).
        throw ApplicationFailure.create({
          type: 'InvalidEvent',
          message: `event ${event.type} (${event.id}) is invalid at data.reason: must not contain personal data`,
          nonRetryable: true,
          details: [{ path: 'data.reason', message: 'must not contain personal data' }],
        });
      },
    };
  });
  await worker.runUntil(async () => {
    const c = await ContractDriver.start(h.env, h.events, seedContract('XJJCF2400252EGN00'), taskQueue);
    const stuck = await c.waitForStatus('health stuck', (s) => s.health === 'stuck');
    const first = refusedPublishes[0]!;
    expect(stuck.stuck).toEqual({
      reason: `publishing ${first} is refused as InvalidEvent at data.reason: must not contain personal data`,
      since: expect.any(String),
      attempts: 1,
      nextAttempt: new Date(Date.parse(stuck.stuck!.since) + stuckRetryDelayMs(1)).toISOString(),
    });
    expect((await c.handle.describe()).typedSearchAttributes.get(HealthKey)).toBe('stuck');
    // Actions wait until it recovers: refused at once, not left hanging behind the stuck step.
    expect(await refusal(c.act('approve', { approvedBy: 'reviewer-li' }))).toMatch(
      /^approve is refused: contract .* is stuck \(publishing /,
    );

    // Still broken at the next attempt: retried with a longer wait, still answering.
    await h.env.sleep(stuckRetryDelayMs(1) + 1_000);
    await c.waitForStatus('second attempt refused', (s) => s.stuck?.attempts === 2);
    expect(refusedPublishes.length).toBeGreaterThanOrEqual(2);

    // The fix is deployed: the next attempt publishes, the contract goes on and is healthy again.
    broken = false;
    await h.env.sleep(stuckRetryDelayMs(2) + 1_000);
    const healthy = await c.waitForStatus('recovered', (s) => s.health === 'ok' && s.checklist.length > 0);
    expect(healthy.stuck).toBeUndefined();
    expect(c.mine().map((e) => e.type)).toContain(first);
    await waitFor('Health search attribute removed', async () =>
      (await c.handle.describe()).typedSearchAttributes.get(HealthKey) === undefined ? true : undefined,
    );
  });
});
