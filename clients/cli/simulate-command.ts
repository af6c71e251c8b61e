/**
 * `tco simulate <file>`: run the real lifecycle of a contract file on the time-skipping test server
 * with simulated counterparts and print its timeline (or, with --json, the timeline as a JSON array).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { parseContractSpec } from '../../domain/contract-spec';
import type * as Engine from '../simulate/engine';
import { createLogger } from '../../platform/logger';
import type * as TemporalPlatform from '../../platform/temporal';
import { formatTimeline } from '../simulate/format';
import { parseScenario, ScenarioError, type Scenario } from '../simulate/scenario';
import { launchSimulationServer } from '../simulate/server-process';
import { simulationStart } from '../simulate/start';
import { UsageError } from './action-input';

export interface SimulateCommandDeps {
  /** The simulation engine (the real one by default). */
  simulate?: typeof Engine.simulateContract;
  out(text: string): void;
  err(text: string): void;
  /** Progress lines for people, on stderr (never on stdout, which --json keeps clean). */
  progress?(text: string): void;
}

interface SimulateFlags {
  years?: string;
  scenario?: string;
  signOnDay?: string;
  silent?: boolean;
  objectOnDay?: string;
  reason?: string;
  pay?: string;
}

export function addSimulateCommand(program: Command, deps: SimulateCommandDeps, json: () => boolean): void {
  program
    .command('simulate <file>')
    .description(
      'what will this contract do over its life? (real workflow code, simulated time and counterparts)',
    )
    .option('--years <n>', 'simulated years (default: the first term and its renewal)')
    .option('--scenario <file>', 'counterparts: JSON or YAML scenario file (see docs/simulation.md)')
    .option('--sign-on-day <n>', 'the customer signs the acceptance on day n of the window')
    .option('--silent', 'the customer never answers: deemed acceptance when the window closes')
    .option('--object-on-day <n>', 'the customer objects in writing on day n of the window (with --reason)')
    .option('--reason <text>', 'the objection')
    .option('--pay <behaviour>', 'how every bill is paid: on-time, never, or late:<days>')
    .action(async (file: string, flags: SimulateFlags) => {
      const spec = readContract(file);
      const scenario = readScenario(flags);
      const years = flags.years === undefined ? undefined : wholeNumber('--years', flags.years);
      // The test server's JVM boots while the engine's modules load (seconds each on this kind of machine).
      const server = deps.simulate ? undefined : launchSimulationServer(simulationStart(spec.signedDate));
      let simulate: typeof Engine.simulateContract;
      try {
        simulate = deps.simulate ?? loadEngine().simulateContract;
      } catch (err) {
        await server?.stop();
        throw err;
      }
      const timeline = await simulate(spec, scenario, {
        years,
        server,
        onNotice: (text) => deps.progress?.(text),
        onProgress: (p) =>
          deps.progress?.(`simulating ${spec.contractNo}: ${p.date} ${p.stage} (${p.events} events)`),
      });
      deps.progress?.(''); // clear the progress line before the timeline
      deps.out(json() ? JSON.stringify(timeline, null, 2) : formatTimeline(timeline));
    });
}

/**
 * The engine brings the Temporal worker and an embedded database; load it only for `simulate`, so the
 * other commands start in a fraction of the time. (A dynamic import() would bypass tsx's CJS hook.)
 */
function loadEngine(): typeof Engine {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const temporal = require('../../platform/temporal') as typeof TemporalPlatform;
  // Temporal's own warnings (about the test server) are noise here; errors still reach stderr.
  temporal.installTemporalRuntime(
    createLogger({ level: 'error', pretty: false, name: 'tco' }, process.stderr),
  );
  return require('../simulate/engine') as typeof Engine;
  /* eslint-enable @typescript-eslint/no-require-imports */
}

function readContract(file: string) {
  const parsed = parseContractSpec(readStructured(file));
  if (!parsed.ok) {
    throw new UsageError(
      `${file}: not a valid contract:\n${parsed.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.spec;
}

function readScenario(flags: SimulateFlags): Scenario {
  const raw = (flags.scenario ? readStructured(flags.scenario) : {}) as Record<string, unknown>;
  const answers = [flags.signOnDay, flags.silent, flags.objectOnDay].filter((a) => a !== undefined);
  if (answers.length > 1) throw new UsageError('--sign-on-day, --silent, --object-on-day: choose one');
  if (flags.signOnDay !== undefined) {
    raw.acceptance = { signOnDay: wholeNumber('--sign-on-day', flags.signOnDay) };
  }
  if (flags.silent) raw.acceptance = { silent: true };
  if (flags.objectOnDay !== undefined) {
    raw.acceptance = { objectOnDay: wholeNumber('--object-on-day', flags.objectOnDay), reason: flags.reason };
  }
  if (flags.pay !== undefined) raw.payments = paymentBehaviour(flags.pay);
  try {
    return parseScenario(raw, flags.scenario ?? 'the scenario');
  } catch (err) {
    if (err instanceof ScenarioError) throw new UsageError(err.message);
    throw err;
  }
}

function paymentBehaviour(flag: string): unknown {
  if (flag === 'on-time' || flag === 'never') return flag;
  const late = /^late:(\d+)$/.exec(flag);
  if (late) return { lateDays: Number(late[1]) };
  throw new UsageError(`--pay ${flag}: must be on-time, never or late:<days>`);
}

function readStructured(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  try {
    return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
}

function wholeNumber(flag: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag}: must be a whole number ≥ 0`);
  return n;
}
