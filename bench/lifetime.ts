/**
 * Part 5b: one contract's whole life on the time-skipping server — contract 000 (36-month term, auto
 * renewal by continue-as-new) onboarded by the same steps as the tests, then lived through
 * `months` of simulated time. Reports the wall time and the history it leaves per simulated year.
 */
import { randomUUID } from 'node:crypto';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { addMonths, isoDate } from '../domain/calendar';
import { seedContract } from '../domain/seed-contracts';
import { ContractDriver } from '../test/support/contract-driver';
import { createLifecycleHarness } from '../test/support/lifecycle-harness';
import { spread, type Spread } from './stats';

export interface LifetimeFigures {
  parameters: { contract: string; months: number; repeats: number; server: string };
  /** Wall seconds from start to the end of the simulated months. */
  seconds: Spread;
  runs: number;
  historyEvents: number;
  historyEventsPerRun: number[];
  historyEventsPerContractYear: number;
  kafkaEvents: number;
}

const CONTINUED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;

/** Events of every run in the continue-as-new chain, first run first. */
async function chainHistory(
  handle: WorkflowHandle,
  client: ContractDriver['env']['client'],
): Promise<number[]> {
  const perRun: number[] = [];
  // The driver's handle comes from workflow.start, which carries the first run's id.
  let runId: string | undefined = (handle as { firstExecutionRunId?: string }).firstExecutionRunId;
  while (runId) {
    const history = await client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const events = history.events ?? [];
    perRun.push(events.length);
    const last = events[events.length - 1];
    runId =
      last?.eventType === CONTINUED
        ? (last.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined)
        : undefined;
  }
  return perRun;
}

async function liveOnce(
  harness: Awaited<ReturnType<typeof createLifecycleHarness>>,
  months: number,
  repeat: number,
) {
  const taskQueue = `bench-life-${randomUUID()}`;
  const { worker } = await harness.worker(taskQueue);
  const started = performance.now();
  let perRun: number[] = [];
  let kafkaEvents = 0;
  await worker.runUntil(async () => {
    // A number of its own per repeat: the driver finds a contract's events by its number.
    const spec = { ...seedContract('XJJCF2400252EGN00'), contractNo: `XJJCF2400252EGN00-L${repeat}` };
    const c = await ContractDriver.start(harness.env, harness.events, spec, taskQueue);
    const before = c.mine().length;
    await c.passQualification();
    await c.installAllLines();
    await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
    await c.act('sign-off', { signedBy: 'customer-zhang' });
    const billing = await c.waitForEvent('telecom.contract.billing-started.v1');
    const activation = isoDate(billing.data.activationDate);
    await c.skipTo(addMonths(activation, months));
    // The 36-month term ends with a renewal (continue-as-new); wait until the new run has taken over.
    if (months >= 36) await c.waitForStatus('the renewed term', (s) => s.term.number >= 2);
    else await c.status();
    perRun = await chainHistory(c.handle, harness.env.client);
    kafkaEvents = c.mine().length - before;
    await ContractDriver.terminateAll();
  });
  return { seconds: (performance.now() - started) / 1000, perRun, kafkaEvents };
}

export async function benchLifetime(months: number, repeats: number): Promise<LifetimeFigures> {
  const harness = await createLifecycleHarness();
  try {
    const lives = [];
    for (let r = 0; r < repeats; r++) lives.push(await liveOnce(harness, months, r));
    const last = lives[lives.length - 1]!;
    const total = last.perRun.reduce((a, b) => a + b, 0);
    return {
      parameters: {
        contract: 'XJJCF2400252EGN00 (000)',
        months,
        repeats,
        server: 'Temporal time-skipping test server',
      },
      seconds: spread(lives.map((l) => l.seconds)),
      runs: last.perRun.length,
      historyEvents: total,
      historyEventsPerRun: last.perRun,
      historyEventsPerContractYear: Math.round(total / (months / 12)),
      kafkaEvents: last.kafkaEvents,
    };
  } finally {
    await harness.teardown();
  }
}
