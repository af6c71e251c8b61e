/**
 * Issue #9 item 3 — the Temporal server restarts (dev server, persistent SQLite file). Contracts wait
 * at different points: a qualification review (escalation timer), an acceptance window (deemed-
 * acceptance timer), active service (next dunning or renewal date). After the restart every durable
 * timer is still there and due at 00:00 Asia/Shanghai of the date the contract says; then the contracts
 * are driven on to their end. A real-time server cannot skip to those dates: the timers' firing on
 * them is what the time-skipping workflow tests prove; here we prove the restart keeps them.
 */
import { temporal } from '@temporalio/proto';
import { addDays, addWorkingDays, startOfLocalDay } from '../../../domain/calendar';
import { acceptanceWindow } from '../../../domain/clauses/acceptance';
import type { ChaosDriver } from '../support/driver';
import type { Check } from '../support/invariants';
import { today } from '../support/contracts';
import type { ChaosContext } from '../support/scenario';
import { driveAll, pause, runScenario } from '../support/scenario';
import { waitFor } from '../../support/wait';

const EventType = temporal.api.enums.v1.EventType;
const seconds = (x: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
  Number(x?.seconds ?? 0) + (x?.nanos ?? 0) / 1e9;

/** Timers started and neither fired nor cancelled: id → when it is due (ISO). */
async function pendingTimers(d: ChaosDriver): Promise<Record<string, string>> {
  const history = await d.handle.fetchHistory();
  const due: Record<string, string> = {};
  for (const e of history.events ?? []) {
    if (e.eventType === EventType.EVENT_TYPE_TIMER_STARTED) {
      const a = e.timerStartedEventAttributes!;
      const at = (seconds(e.eventTime) + seconds(a.startToFireTimeout)) * 1000;
      due[a.timerId!] = new Date(Math.round(at / 1000) * 1000).toISOString();
    }
    const ended = e.timerFiredEventAttributes ?? e.timerCanceledEventAttributes;
    if (ended?.timerId) delete due[ended.timerId];
  }
  return due;
}

/** The date a waiting contract's timer must be due on, where the clause makes it plain. */
function expectedWake(d: ChaosDriver, stepsDone: number): string | undefined {
  if (stepsDone === 0) return addDays(addWorkingDays(today(), 5).date, 1); // review escalation
  if (d.contract.kind === 'onboard') {
    const w = acceptanceWindow(d.contract.spec, { noticeReceivedOn: today(), completionNoticeDate: today() });
    return w.kind === 'window' ? (w.deemedAcceptedOn ?? undefined) : undefined;
  }
  return undefined;
}

export function temporalRestart(ctx: ChaosContext) {
  const n = ctx.profile.temporalBatch;
  const counts = { onboard: Math.max(2, n - 2), dunning: n >= 5 ? 1 : 0, renewal: 1 };
  return runScenario(ctx, 'temporal-restart', counts, async (run) => {
    // First contract left in qualification; the others taken through their first two steps.
    const upTo = (i: number) => (i === 0 ? 0 : 2);
    await Promise.all(
      run.drivers.map(async (d, i) => {
        for (const step of d.steps.slice(0, upTo(i))) await d.run(step);
      }),
    );
    // The stage changes a moment before the timer is set: wait until every contract waits on one.
    const before = await waitFor('every contract waiting on a durable timer', async () => {
      const timers = await Promise.all(run.drivers.map(pendingTimers));
      return timers.every((t) => Object.keys(t).length > 0) ? timers : undefined;
    });

    const downAt = Date.now();
    await ctx.stack.stopService('temporal');
    await pause(ctx.profile.temporalDownMs); // the server stays away this long
    await ctx.stack.startService('temporal');
    run.faults.push({
      kind: 'temporal-restart',
      atMs: run.elapsed() - (Date.now() - downAt),
      durationMs: Date.now() - downAt,
      detail: `server stopped (SIGTERM) and started again on the same SQLite file; worker ${run.worker.alive() ? 'kept running' : 'had exited'}`,
    });
    if (!run.worker.alive()) await run.worker.start();

    const after = await Promise.all(run.drivers.map(pendingTimers));
    const checks: Check[] = run.drivers.flatMap((d, i) => {
      const wake = expectedWake(d, upTo(i));
      const dueTimes = Object.values(after[i]!);
      return [
        {
          name: `${d.contractNo}: ${Object.keys(before[i]!).length} pending timer(s) survive the restart unchanged`,
          passed:
            Object.keys(before[i]!).length > 0 && JSON.stringify(after[i]) === JSON.stringify(before[i]),
          detail: `before ${JSON.stringify(before[i])} after ${JSON.stringify(after[i])}`,
        },
        {
          name: `${d.contractNo}: timer due at 00:00 Asia/Shanghai${wake ? ` of ${wake}` : ''}`,
          passed:
            dueTimes.length > 0 &&
            dueTimes.every((t) => new Date(t).getTime() % 86_400_000 === 16 * 3_600_000) &&
            (!wake || dueTimes.includes(new Date(startOfLocalDay(wake)).toISOString())),
          detail: `due ${dueTimes.join(', ')}`,
        },
      ];
    });
    run.checks.push(...checks.map((c) => (c.passed ? { name: c.name, passed: true } : c)));
    await driveAll(run.drivers);
  });
}
