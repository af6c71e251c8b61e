/**
 * Contracts already running keep running (docs/architecture.md, "Contracts already running"):
 * - histories recorded before the decider (test/histories/legacy) replay on the frozen legacy code,
 *   which `patched('decider-shell')` keeps for histories without the marker;
 * - histories recorded by the decider shell (test/histories/decider) replay on the current code, so a
 *   change that breaks determinism for running contracts fails here before it ships;
 * - a legacy run that continues as new after the deploy starts on the decider with its state migrated.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { owes } from '../../clients/sdk/player';
import { bundleContractWorkflows } from '../../workers/workflow-bundle';
import type { LifecycleInput } from '../../workflows/contractLifecycle';
import { contractLifecycle, DECIDER_PATCH } from '../../workflows/contractLifecycle';
import { BOOK_MEMO_KEY, BOOK_MEMO_PATCH } from '../../workflows/book-memo';
import { actionUpdates, statusQuery } from '../../workflows/messages';
import { ContractDriver, HISTORIES_DIR } from '../support/contract-driver';
import { useLifecycleHarness } from '../support/lifecycle-harness';
import { waitFor } from '../support/wait';

const { History } = temporal.api.history.v1;
type HistoryJson = Record<string, unknown> & { events: Array<Record<string, unknown>> };

const read = (set: string, file: string) =>
  JSON.parse(readFileSync(join(HISTORIES_DIR, set, file), 'utf8')) as HistoryJson;
const recorded = (set: 'legacy' | 'decider') =>
  readdirSync(join(HISTORIES_DIR, set))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      workflowId: `${set}-${f.replace(/\.json$/, '')}`,
      history: History.fromObject(read(set, f)),
    }));

async function replayFailures(set: 'legacy' | 'decider'): Promise<string[]> {
  // The production bundler options (preloaded modules included), so replay proves what ships.
  const workflowBundle = await bundleContractWorkflows({ logger: quiet });
  const failures: string[] = [];
  const histories = recorded(set);
  for await (const result of Worker.runReplayHistories({ workflowBundle, replayName: set }, histories)) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  return failures;
}

test.each(['legacy', 'decider'] as const)('there is a recorded %s history for each seed contract', (set) => {
  const seeds = new Set(recorded(set).map((h) => h.workflowId.slice(set.length + 1, set.length + 4)));
  expect([...seeds].sort()).toEqual(['000', '001', '002', '003', '004']);
});

test('every history recorded before the decider replays on the legacy code', async () => {
  expect(await replayFailures('legacy')).toEqual([]);
});

test('every history recorded by the decider shell replays without non-determinism', async () => {
  expect(await replayFailures('decider')).toEqual([]);
});

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());

test('a legacy contract that continues as new after the deploy runs on the decider: 000 in term 2 ends at its expiry after notice (10.2)', async () => {
  // The second run of 000 as the legacy code started it: its input carries the legacy state of term 2.
  const legacy = read('legacy', '000-renewal-then-notice.json');
  const started = legacy.events[0] as {
    eventTime: { seconds: string };
    workflowExecutionStartedEventAttributes: { input: { payloads: Array<{ data: string }> } };
  };
  const payload = started.workflowExecutionStartedEventAttributes.input.payloads[0]!.data;
  const input = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as LifecycleInput;
  expect(input.carried && 'pendingFacts' in input.carried).toBe(true);

  const h = harness();
  const taskQueue = `legacy-${randomUUID()}`;
  const { worker } = await h.worker(taskQueue);
  await h.env.sleep(Number(started.eventTime.seconds) * 1000 + 3_600_000 - (await h.env.currentTimeMs()));
  await worker.runUntil(async () => {
    const handle = await h.env.client.workflow.start(contractLifecycle, {
      taskQueue,
      workflowId: `contract-${input.spec.contractNo}-${randomUUID()}`,
      args: [input],
    });
    const status = await waitFor('the migrated status', async () => {
      const s = await handle.query(statusQuery);
      return owes('non-renewal-notice')(s) ? s : undefined;
    });
    expect(status).toMatchObject({
      stage: 'active',
      term: { number: 2, start: '2030-04-01', end: '2033-03-31' },
    });
    expect(status.obligations.find((o) => o.kind === 'non-renewal-notice')?.dueDate).toBe('2032-12-31');
    // The new run records the decider's patch marker: replays of it take the decider branch; and the
    // book's memo marker, as it writes its open obligations for the book's metrics at its first step.
    const history = await handle.fetchHistory();
    const patches = (history.events ?? []).flatMap((e) => {
      const marker = e.markerRecordedEventAttributes;
      const data =
        marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : undefined;
      return data ? [(JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id] : [];
    });
    expect(patches).toEqual([DECIDER_PATCH, BOOK_MEMO_PATCH]);
    expect((await handle.describe()).memo?.[BOOK_MEMO_KEY]).toEqual(
      expect.arrayContaining([{ party: 'customer', due: '2032-12-31', count: 1 }]),
    );

    await h.env.sleep(Date.parse('2032-12-01T02:00:00Z') - (await h.env.currentTimeMs()));
    await handle.executeUpdate(actionUpdates['non-renewal-notice'], {
      args: [{ party: 'customer', noticeDate: '2032-12-01' as never, givenBy: 'customer-zhang' }],
    });
    await h.env.sleep(Date.parse('2033-04-02T02:00:00Z') - (await h.env.currentTimeMs()));
    expect(await handle.result()).toBe('not-renewed');
  });
});

const noop = () => undefined;
const quiet = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
