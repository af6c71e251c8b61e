/**
 * Issue #9 item 1 — worker crashes. Contracts go through provisioning, acceptance, dunning and renewal
 * while the worker process is killed with SIGKILL over and over. Each round fires the next step of a
 * few contracts (preferring the round's phase), kills the worker a seeded random moment later, and
 * restarts it; steps still in flight carry on into later rounds. Nothing waits for a step to finish
 * before the next kill, so kills also land during recovery (replays, retried activities).
 */
import type { ChaosDriver, Phase } from '../support/driver';
import { PHASES } from '../support/driver';
import { between, pick } from '../support/profile';
import type { ChaosContext } from '../support/scenario';
import { driveAll, pause, runScenario } from '../support/scenario';
import { waitFor } from '../../support/wait';

const nextStep = (d: ChaosDriver, fired: Map<ChaosDriver, number>) => d.steps[fired.get(d) ?? 0];

/** Seeded choice of which contracts act this round: the round's phase first, then any. */
function chooseRound(
  ctx: ChaosContext,
  idle: ChaosDriver[],
  fired: Map<ChaosDriver, number>,
  phase: Phase,
  howMany: number,
): ChaosDriver[] {
  const pool = [...idle];
  const chosen: ChaosDriver[] = [];
  while (chosen.length < howMany && pool.length > 0) {
    const preferred = pool.filter((d) => nextStep(d, fired)?.phase === phase);
    const d = pick(ctx.random, preferred.length ? preferred : pool);
    chosen.push(d);
    pool.splice(pool.indexOf(d), 1);
  }
  return chosen;
}

export function workerKills(ctx: ChaosContext) {
  return runScenario(ctx, 'worker-kills', ctx.profile.killContracts, async (run) => {
    const { drivers, worker } = run;
    const fired = new Map<ChaosDriver, number>();
    const inFlight = new Map<ChaosDriver, { step: string; phase: Phase; done: Promise<void> }>();
    const failures: unknown[] = [];
    const stepsLeft = () => drivers.reduce((n, d) => n + d.steps.length - (fired.get(d) ?? 0), 0);

    const { kills } = ctx.profile;
    // Full runs go on killing (a few rounds at most) until every phase has had a kill in flight.
    const extraRounds = ctx.profile.name === 'full' ? 12 : 0;
    const killedIn = new Set<string>();
    const stepsAhead = (d: ChaosDriver) => d.steps.slice(fired.get(d) ?? 0);
    const uncovered = () =>
      PHASES.filter((p) => !killedIn.has(p) && drivers.some((d) => stepsAhead(d).some((x) => x.phase === p)));

    for (let k = 0; k < kills || (k < kills + extraRounds && uncovered().length > 0); k++) {
      const extra = k >= kills;
      const phase = extra ? uncovered()[0]! : PHASES[k % PHASES.length]!;
      const roundsLeft = Math.max(1, kills - k);
      const idle = await waitFor(
        `a contract ready for its next step${extra ? ` of ${phase}` : ''}`,
        () => {
          const ready = drivers.filter(
            (d) =>
              !inFlight.has(d) &&
              nextStep(d, fired) &&
              (!extra || stepsAhead(d).some((x) => x.phase === phase)),
          );
          // Every contract busy: let one finish, so each kill meets a step freshly begun.
          return ready.length > 0 || stepsLeft() === 0 ? ready : undefined;
        },
        { timeoutMs: 10 * 60_000, intervalMs: 100 },
      );
      const howMany = extra ? 1 : Math.min(3, Math.max(1, Math.ceil(stepsLeft() / roundsLeft)));
      for (const d of chooseRound(ctx, idle, fired, phase, howMany)) {
        const step = nextStep(d, fired)!;
        fired.set(d, (fired.get(d) ?? 0) + 1);
        const done = d
          .run(step)
          .catch((error: unknown) => void failures.push(error))
          .finally(() => inFlight.delete(d));
        inFlight.set(d, { step: step.name, phase: step.phase, done });
      }
      const delayMs = between(ctx.random, 50, 1_500);
      await pause(delayMs); // the random moment of the kill
      const phases = [...new Set([...inFlight.values()].map((f) => f.phase))];
      for (const p of phases) killedIn.add(p);
      const steps = [...inFlight].map(([d, f]) => `${d.contractNo} ${f.step}`);
      run.faults.push({
        kind: 'worker-kill',
        atMs: run.elapsed(),
        phases: phases.length ? phases : ['recovery'],
        detail: `#${k + 1} ${delayMs} ms after the round began; in flight: ${steps.join('; ') || 'none (recovery)'}`,
      });
      await worker.kill9();
      await worker.start();
    }
    await Promise.all([...inFlight.values()].map((f) => f.done));
    if (failures.length) throw failures[0];
    await driveAll(drivers);
    const slowest = drivers.flatMap((d) => d.finished).sort((a, b) => b.ms - a.ms)[0];
    run.notes.push(
      `${worker.kills} kills; slowest step ${slowest?.step} (${slowest?.phase}) took ${((slowest?.ms ?? 0) / 1000).toFixed(1)} s`,
    );
  });
}
