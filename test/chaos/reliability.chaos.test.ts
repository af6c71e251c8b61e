/**
 * Issue #9 items 1–4: kill the worker, stop Kafka, stop PostgreSQL, restart Temporal — on PRIVATE
 * instances of all three (test/chaos/support/private-services.ts; the shared services on the default
 * ports are never touched) — and show that no contract is lost, stuck or failed, no resource is held
 * twice, and every billing event reaches the reference billing consumer exactly once after
 * de-duplication. `npm test` runs the fast profile; `npm run chaos` the full one with a report.
 * Reproduce a run with the CHAOS_SEED it prints.
 */
import type { Client } from '@temporalio/client';
import { connectClient } from '../../platform/temporal';
import { brokerOutage, databaseOutage } from './scenarios/outages';
import { temporalRestart } from './scenarios/temporal-restart';
import { workerKills } from './scenarios/worker-kills';
import { PHASES } from './support/driver';
import { failed } from './support/invariants';
import { startObservers, type Observers } from './support/observers';
import { PrivateServices } from './support/private-services';
import { chaosProfile, seededRandom } from './support/profile';
import { writeReport, type ScenarioResult } from './support/report';
import type { ChaosContext } from './support/scenario';

const profile = chaosProfile();
const startedAt = new Date();
const results: ScenarioResult[] = [];
let anyFailed = false;
/** Remember a failure, so the services' and workers' logs are kept for the post-mortem. */
const guarded = (body: () => Promise<void>) => async () => {
  try {
    await body();
  } catch (error) {
    anyFailed = true;
    throw error;
  }
};

describe(`chaos on private services (profile ${profile.name}, CHAOS_SEED=${profile.seed})`, () => {
  jest.setTimeout(profile.name === 'full' ? 60 * 60_000 : 10 * 60_000);
  let stack: PrivateServices | undefined;
  let client: Client | undefined;
  let observers: Observers | undefined;
  let ctx: ChaosContext;

  beforeAll(async () => {
    console.log(`chaos: profile ${profile.name}, CHAOS_SEED=${profile.seed} (set it to replay this run)`);
    stack = await PrivateServices.start();
    client = await connectClient(stack.config.temporal);
    observers = await startObservers(stack);
    ctx = { stack, client, observers, profile, random: seededRandom(profile.seed) };
  });

  afterAll(async () => {
    if (results.length)
      writeReport({
        profile,
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        scenarios: results,
      });
    await observers?.stop();
    await client?.connection.close();
    const reportDir = process.env.CHAOS_REPORT_DIR;
    const keep =
      anyFailed && reportDir
        ? `${reportDir}/chaos-${startedAt.toISOString().replace(/[:.]/g, '-')}-logs`
        : undefined;
    if (keep) console.log(`chaos: logs kept in ${keep}`);
    const strays = stack ? (await stack.teardown(keep), stack.strays()) : [];
    if (strays.length) throw new Error(`processes left behind: ${JSON.stringify(strays)}`);
  });

  const expectAllHeld = (result: ScenarioResult) => {
    results.push(result);
    expect(failed(result.checks)).toEqual([]);
    expect(result.checks.length).toBeGreaterThan(result.contracts.length * 5);
  };

  test(
    `worker killed ${profile.kills}× (kill -9) through provisioning, acceptance, dunning and renewal`,
    guarded(async () => {
      const result = await workerKills(ctx);
      expectAllHeld(result);
      const kills = result.faults.filter((f) => f.kind === 'worker-kill');
      expect(kills.length).toBeGreaterThanOrEqual(profile.kills);
      if (profile.name === 'full') {
        for (const phase of PHASES)
          expect(kills.filter((k) => k.phases?.includes(phase)).length).toBeGreaterThan(0);
      }
    }),
  );

  test(
    `Kafka stopped for ${profile.brokerOutageMs / 1000} s during a batch of lifecycles`,
    guarded(async () => {
      const result = await brokerOutage(ctx);
      expectAllHeld(result);
      expect(result.faults[0]?.durationMs).toBeGreaterThanOrEqual(profile.brokerOutageMs);
    }),
  );

  test(
    `PostgreSQL stopped for ${profile.databaseOutageMs / 1000} s while resources are allocated`,
    guarded(async () => {
      const result = await databaseOutage(ctx);
      expectAllHeld(result);
      expect(result.faults[0]?.durationMs).toBeGreaterThanOrEqual(profile.databaseOutageMs);
    }),
  );

  test(
    'Temporal server restarted on its SQLite file: contracts continue, timers kept',
    guarded(async () => {
      const result = await temporalRestart(ctx);
      expectAllHeld(result);
      expect(result.faults.map((f) => f.kind)).toEqual(['temporal-restart']);
    }),
  );
});
