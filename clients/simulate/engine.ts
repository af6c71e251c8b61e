/**
 * Lifecycle simulation: the real contract workflow, run on a time-skipping test server whose clock starts
 * on the contract's signing day, with the real activities (event publisher into an in-memory sink,
 * inventory on an in-memory store seeded from data/pools, the network simulator) and simulated
 * counterparts acting on their days. The answer is the contract's timeline: what it publishes, when.
 *
 * Deterministic: the workflow is, the counterparts act at fixed times, inventory allocates in value order,
 * and the timeline leaves out what varies between runs (event ids, times of day).
 */
import { Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { createInventoryActivities } from '../../activities/inventory';
import { createKafkaActivities } from '../../activities/kafka/publisher';
import { createNetworkActivities } from '../../activities/network';
import { NetworkSimulator } from '../../activities/network/simulator';
import { addMonths, isoDate, localDateOf, startOfLocalDay, type IsoDate } from '../../domain/calendar';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ContractStatus } from '../../domain/lifecycle/status';
import { contractLifecycle } from '../../workflows/contractLifecycle';
import { contractWorkflowId } from '../../workflows/messages';
import { WORKFLOWS_PATH } from '../../workers/workflow-bundle';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';
import { ContractPort } from './contract-port';
import { Agenda } from './agenda';
import { cachedWorkflowBundle, defaultCacheDir } from './bundle-cache';
import { Counterparts } from './counterparts';
import { EventSink } from './event-sink';
import { simulationInventory } from './inventory';
import type { Scenario } from './scenario';
import { checkScenarioFits } from './scenario-fit';
import { launchSimulationServer, type ServerProcess } from './server-process';
import { simulationStart } from './start';
import { connectSimulationServer, type SimulationServer } from './test-server';
import { defaultYears, SimulationError, toTimeline, type TimelineEntry } from './timeline';

export { defaultYears, SimulationError, type TimelineEntry } from './timeline';

export interface SimulationProgress {
  date: IsoDate;
  stage: string;
  events: number;
}

export interface SimulationOptions {
  /** Years from the signing day to simulate (overrides the scenario's `years`). */
  years?: number;
  onProgress?: (p: SimulationProgress) => void;
  /** Notes for people while it gets ready (bundling or a cached bundle), e.g. on stderr. */
  onNotice?: (text: string) => void;
  /** Real-time limit for one skip of the clock before the run counts as stalled (default 120 s). */
  stallTimeoutMs?: number;
  /**
   * A test server the caller launched already (server-process.ts, at `simulationStart(spec.signedDate)`),
   * so its JVM boots while the caller loads this module; the simulation stops it when done.
   */
  server?: ServerProcess;
}

const TASK_QUEUE = 'contract-simulation';

export async function simulateContract(
  spec: ContractSpec,
  scenario: Scenario,
  options: SimulationOptions = {},
): Promise<TimelineEntry[]> {
  const start = simulationStart(spec.signedDate);
  try {
    checkScenarioFits(spec, scenario);
    if (options.server && options.server.startEpochMs !== start) {
      throw new Error(`the test server was launched at ${options.server.startEpochMs}, not at ${start}`);
    }
  } catch (err) {
    await options.server?.stop();
    throw err;
  }
  const years = options.years ?? scenario.years ?? defaultYears(spec);
  const horizon = addMonths(spec.signedDate, 12 * years);
  // Bundle (or read the cached bundle) and open the inventory while the JVM starts.
  const code = workflowBundle(options.onNotice);
  code.catch(() => undefined);
  const storeReady = simulationInventory();
  storeReady.catch(() => undefined);
  const server = await connectSimulationServer(options.server ?? launchSimulationServer(start)).catch(
    async (err: unknown) => {
      await storeReady.then((s) => s.close()).catch(() => undefined);
      throw err;
    },
  );
  const store = await storeReady.catch(async (err: unknown) => {
    await server.close();
    throw err;
  });
  try {
    await registerSearchAttributes(server);
    const sink = new EventSink();
    const network = new NetworkSimulator();
    const worker = await Worker.create({
      connection: server.nativeConnection,
      taskQueue: TASK_QUEUE,
      workflowBundle: { code: await code },
      activities: {
        ...createKafkaActivities({ producer: sink.producer() }),
        ...createInventoryActivities({ store, clock: serverClock }),
        ...createNetworkActivities({ network: network.adapters() }),
      },
    });
    try {
      await worker.runUntil(drive({ spec, scenario, server, sink, horizon, options }));
    } catch (err) {
      if (err instanceof SimulationError) err.timeline = toTimeline(sink.events, horizon);
      throw err;
    }
    return toTimeline(sink.events, horizon);
  } finally {
    await store.close().catch(() => undefined);
    await server.close();
  }
}

interface Run {
  spec: ContractSpec;
  scenario: Scenario;
  server: SimulationServer;
  sink: EventSink;
  horizon: IsoDate;
  options: SimulationOptions;
}

/** Start the contract, then alternate: skip to the next counterpart step, run it, react to events. */
async function drive({ spec, scenario, server, sink, horizon, options }: Run): Promise<void> {
  const client = new Client({ connection: server.connection });
  const workflowId = contractWorkflowId(spec.contractNo);
  await client.workflow.start(contractLifecycle, {
    taskQueue: TASK_QUEUE,
    workflowId,
    args: [{ spec, options: { requestedBy: 'simulation', requestId: `simulation-${spec.contractNo}` } }],
  });
  const contract = new ContractPort(client.workflow.getHandle<typeof contractLifecycle>(workflowId));
  const agenda = new Agenda();
  const counterparts = new Counterparts(spec, scenario, agenda, contract);
  counterparts.plan();
  const end = startOfLocalDay(horizon);
  let seen = 0;
  for (;;) {
    const fresh = sink.events.slice(seen);
    seen = sink.events.length;
    counterparts.onEvents(fresh);
    // One status read per turn serves the progress line and the checkpoint: a read is a round trip.
    const status = await contract.status();
    const now = await server.now();
    options.onProgress?.({ date: localDateOf(now), stage: status.stage, events: seen });
    if (sink.events.some((e) => e.type === 'telecom.contract.closed.v1')) return;
    const step = agenda.peek();
    // Stop at the contract's own next step too, so the counterparts see its events (a renewal's bills)
    // before their next move, not after a skip to the horizon.
    const checkpoint = nextCheckpoint(status);
    const target = Math.min(
      step && step.at < end ? step.at : end,
      checkpoint !== undefined && checkpoint > now ? checkpoint : end,
    );
    if (now < target) {
      await skipTo(server, target, now, options.stallTimeoutMs ?? 120_000);
      continue;
    }
    if (!step || step.at >= end) return;
    agenda.shift();
    await step.run();
    // A second of simulated time: the server advances only once the workflow has finished what the
    // step started (a Signal, the events it publishes), so the next look sees them.
    const after = await server.now();
    await skipTo(server, after + 1_000, after, options.stallTimeoutMs ?? 120_000);
  }
}

/** Just after 00:00 Shanghai of the day the contract next acts by itself, when it has one. */
function nextCheckpoint({ nextCheckpoint: day }: ContractStatus): number | undefined {
  return day === undefined ? undefined : startOfLocalDay(isoDate(day)) + 60_000;
}

async function skipTo(
  server: SimulationServer,
  target: number,
  from: number,
  stallMs: number,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new SimulationError(
          `the simulation stalled before ${localDateOf(target)}: the workflow made no progress for ${stallMs} ms`,
        ),
      );
    }, stallMs);
  });
  try {
    await Promise.race([server.skipTo(target, from), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

/** Activity time = the server's skipped clock, so inventory holds and quarantines follow simulated dates. */
const serverClock = () => new Date(Context.current().info.currentAttemptScheduledTimestampMs);

async function registerSearchAttributes(server: SimulationServer): Promise<void> {
  const { INDEXED_VALUE_TYPE_DATETIME, INDEXED_VALUE_TYPE_KEYWORD } = temporal.api.enums.v1.IndexedValueType;
  await server.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(
      SEARCH_ATTRIBUTE_KEYS.map((k) => [
        k.name,
        k.type === SearchAttributeType.DATETIME ? INDEXED_VALUE_TYPE_DATETIME : INDEXED_VALUE_TYPE_KEYWORD,
      ]),
    ),
  });
}

let bundle: Promise<string> | undefined;

/** The real workflows, bundled once per source version (on disk) and once per process (in memory). */
function workflowBundle(notice?: (text: string) => void): Promise<string> {
  bundle ??= cachedWorkflowBundle({
    workflowsPath: WORKFLOWS_PATH,
    cacheDir: defaultCacheDir(),
    progress: notice,
  }).then((b) => b.code);
  bundle.catch(() => (bundle = undefined));
  return bundle;
}
