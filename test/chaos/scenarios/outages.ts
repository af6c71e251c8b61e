/**
 * Issue #9 items 2 and 4 — a dependency goes away while a batch of contracts is being worked on.
 * Broker outage: the private Kafka is stopped while the batch runs; publishing waits (the publish
 * activity retries without limit), the contracts carry on once it is back. Database outage: the
 * private PostgreSQL is stopped just as the batch's qualifications are approved; the allocation
 * activities fail, retry, and succeed once it is back, booking nothing twice.
 */
import type { ChaosDriver } from '../support/driver';
import { between } from '../support/profile';
import type { ChaosContext, ScenarioRun } from '../support/scenario';
import { driveAll, pause, runScenario } from '../support/scenario';
import { waitFor } from '../../support/wait';

/** Some activity of the batch is on its second attempt or later: the fault is being felt and retried. */
async function retried(drivers: ChaosDriver[], activityType: RegExp): Promise<string | undefined> {
  for (const d of drivers) {
    const pending = (await d.handle.describe()).raw.pendingActivities ?? [];
    const hit = pending.find((a) => activityType.test(a.activityType?.name ?? '') && (a.attempt ?? 0) >= 2);
    if (hit) return `${d.contractNo} ${hit.activityType?.name} attempt ${hit.attempt}`;
  }
  return undefined;
}

/** Keep the service down for `ms`, having seen the fault bite; always bring it back. */
async function outage(
  run: ScenarioRun,
  kind: 'broker-outage' | 'database-outage',
  ms: number,
  stop: () => Promise<void>,
  start: () => Promise<void>,
  activityType: RegExp,
): Promise<void> {
  await stop();
  const downAt = Date.now();
  let seen: string | undefined;
  let restartAt = Date.now();
  try {
    seen = await waitFor(
      `an activity retrying during the ${kind}`,
      () => retried(run.drivers, activityType),
      { timeoutMs: Math.max(ms, 30_000), intervalMs: 500 },
    );
    await pause(Math.max(0, ms - (Date.now() - downAt))); // the outage lasts its full length
  } finally {
    restartAt = Date.now();
    await start();
  }
  const durationMs = Date.now() - downAt;
  const restart = ((Date.now() - restartAt) / 1000).toFixed(1);
  const detail = `stopped, then ${restart} s to start again (included); retry observed: ${seen}`;
  run.faults.push({ kind, atMs: run.elapsed() - durationMs, durationMs, detail });
}

export function brokerOutage(ctx: ChaosContext) {
  const n = ctx.profile.brokerBatch;
  const onboard400 = Math.floor(n / 4);
  const counts = { onboard: Math.max(1, n - onboard400 - 2), onboard400, dunning: 1, renewal: 1 };
  return runScenario(ctx, 'broker-outage', counts, async (run) => {
    const batch = driveAll(run.drivers);
    batch.catch(() => undefined); // awaited below; no unhandled rejection while Kafka is down
    // The batch is under way: a contract has been approved and publishes as it provisions.
    await waitFor(
      'the batch to reach provisioning',
      () => (run.drivers.some((d) => d.finished.length > 0) ? true : undefined),
      { timeoutMs: 5 * 60_000 },
    );
    await outage(
      run,
      'broker-outage',
      ctx.profile.brokerOutageMs,
      () => ctx.stack.stopService('kafka'),
      () => ctx.stack.startService('kafka'),
      /^publishContractEvent$/,
    );
    await batch;
  });
}

export function databaseOutage(ctx: ChaosContext) {
  const n = ctx.profile.databaseBatch;
  const counts = { onboard: Math.ceil(n / 2), onboard400: Math.floor(n / 2), dunning: 0, renewal: 0 };
  return runScenario(ctx, 'database-outage', counts, async (run) => {
    // Checklists first, so the approvals (which allocate) come while the database is down.
    await Promise.all(
      run.drivers.map((d) => d.waitForStatus('its checklist', (s) => s.checklist.length > 0)),
    );
    const batch = driveAll(run.drivers);
    batch.catch(() => undefined);
    await pause(between(ctx.random, 0, 300)); // some approvals may already be allocating: both are fine
    await outage(
      run,
      'database-outage',
      ctx.profile.databaseOutageMs,
      () => ctx.stack.stopService('postgres'),
      () => ctx.stack.startService('postgres'),
      /^(reserveResources|commitReservation)$/,
    );
    await batch;
  });
}
