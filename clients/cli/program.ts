/**
 * The engineers' CLI: onboard, list, status, act, inbox, simulate. Tables for people, `--json` for
 * scripts, and exit codes that say what went wrong (see EXIT below) so a script can branch on them.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { parseContractSpec, type ContractSpec } from '../../domain/contract-spec';
import { ACTION_NAMES, InvalidActionError, type ActionName } from '../../domain/lifecycle/actions';
import { ContractsApiError, type ContractsApi } from '../sdk/api-contract';
import { buildActionInput, UsageError, type ActFlags } from './action-input';
import { renderInbox, renderList, renderOnboarded, renderStatus } from './format';
import { escapeForTerminal } from './escape';
import { addSimulateCommand, type SimulateCommandDeps } from './simulate-command';

export const EXIT = {
  ok: 0,
  failure: 1,
  /** Bad command line or input (also an API 400). */
  usage: 2,
  notFound: 3,
  /** The contract refused the action in its current stage, or a conflicting onboarding (409). */
  refused: 4,
  /** Missing, wrong or revoked API key, or a role without the right (401/403). */
  unauthorised: 5,
  /** API or Temporal unreachable (503, connection refused, timeout). */
  unavailable: 6,
} as const;

export interface CliDeps extends SimulateCommandDeps {
  /** The API the commands talk to, built from --api-url/--api-key (or their environment variables). */
  connect(options: { apiUrl: string; apiKey?: string }): ContractsApi;
  out(text: string): void;
  err(text: string): void;
}

interface Globals {
  apiUrl: string;
  apiKey?: string;
  json?: boolean;
}

export function buildProgram(deps: CliDeps): Command {
  const program = new Command('tco')
    .description('Telecom contract orchestrator: onboard contracts, watch them, act on them, simulate them')
    .addOption(
      new Option('--api-url <url>', 'orchestrator API base URL')
        .env('TCO_API_URL')
        .default('http://127.0.0.1:8080'),
    )
    .addOption(new Option('--api-key <key>', 'API key (tco_<id>_<secret>)').env('TCO_API_KEY'))
    .option('--json', 'print JSON for scripts instead of tables')
    .exitOverride()
    .configureOutput({ writeOut: (s) => deps.out(s.trimEnd()), writeErr: (s) => deps.err(s.trimEnd()) });

  const globals = () => program.opts<Globals>();
  const api = () => deps.connect({ apiUrl: globals().apiUrl, apiKey: globals().apiKey });
  const print = (value: unknown, human: () => string) =>
    deps.out(globals().json ? JSON.stringify(value, null, 2) : human());

  program
    .command('onboard <file>')
    .description('start the lifecycle of a contract from its ContractSpec JSON file')
    .action(async (file: string) => {
      const result = await api().onboard(readSpec(file));
      print(result, () => renderOnboarded(result));
    });

  program
    .command('list')
    .description('contracts by stage, product or customer')
    .option('--stage <stage>', 'qualification, provisioning, acceptance, active, suspended, …')
    .option('--product <code>', 'product code, e.g. 96110-call-centre')
    .option('--customer <name>', 'customer name (exact)')
    .option('--stuck', 'only contracts stuck until a fix is deployed (health: stuck)')
    .option('--limit <n>', 'at most n contracts', '100')
    .option('--page-token <token>', 'continue a previous listing')
    .action(
      async (o: {
        stage?: string;
        product?: string;
        customer?: string;
        stuck?: boolean;
        limit: string;
        pageToken?: string;
      }) => {
        const list = await api().list({
          stage: o.stage as never,
          product: o.product,
          customer: o.customer,
          ...(o.stuck ? { health: 'stuck' as const } : {}),
          limit: Number(o.limit),
          pageToken: o.pageToken,
        });
        print(list, () => renderList(list));
      },
    );

  program
    .command('status <contractNo>')
    .description('stage, deadlines, checklist, resources, balances and recent events of one contract')
    .action(async (contractNo: string) => {
      const status = await api().get(contractNo);
      print(status, () => renderStatus(status));
    });

  program
    .command('act <contractNo> <action>')
    .description(`perform a human action: ${ACTION_NAMES.join(', ')}`)
    .option(
      '--by <who>',
      'who acts (fills approvedBy, signedBy, …)',
      process.env.TCO_ACTOR ?? process.env.USER,
    )
    .option('--reason <text>', 'reason, for reject, object, request-documents')
    .option('--type <type>', 'service request type (suspend-keep-number, resume, number-change, …)')
    .option('--set <field=value...>', 'other input fields')
    .option('--input <json>', 'the whole input as a JSON object')
    .action(async (contractNo: string, action: string, flags: ActFlags) => {
      if (!(ACTION_NAMES as readonly string[]).includes(action)) {
        throw new UsageError(`unknown action "${action}": must be one of ${ACTION_NAMES.join(', ')}`);
      }
      const name = action as ActionName;
      const status = await api().act(contractNo, name, buildActionInput(name, flags) as never);
      print(status, () => `${action}: accepted\n${renderStatus(status)}`);
    });

  program
    .command('inbox')
    .description('contracts waiting on a person, nearest deadline first')
    .action(async () => {
      const inbox = await api().inbox();
      print(inbox, () => renderInbox(inbox));
    });

  addSimulateCommand(program, deps, () => Boolean(globals().json));
  return program;
}

function readSpec(file: string): ContractSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${(err as Error).message}`);
  }
  const parsed = parseContractSpec(raw);
  if (!parsed.ok) {
    throw new UsageError(
      `${file}: not a valid contract:\n${parsed.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    );
  }
  return parsed.spec;
}

/** Run the CLI and return its exit code (never throws). */
export async function runCli(argv: string[], given: CliDeps): Promise<number> {
  // Everything printed passes the escaper: human output and error messages carry contract data. JSON
  // stays valid, since the escapes only ever stand inside its strings.
  const deps: CliDeps = {
    ...given,
    out: (text) => given.out(escapeForTerminal(text)),
    err: (text) => given.err(escapeForTerminal(text)),
  };
  try {
    await buildProgram(deps).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    return reportError(err, deps);
  }
}

function reportError(err: unknown, deps: CliDeps): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  // A scenario that does not fit the contract (checked before anything runs) is bad input; one the
  // contract refused mid-run is a refusal, like a 409 (by name: the engine is loaded lazily).
  const named = err instanceof Error ? err.name : '';
  if (err instanceof UsageError || err instanceof InvalidActionError || named === 'ScenarioError') {
    deps.err(`error: ${(err as Error).message}`);
    return EXIT.usage;
  }
  if (named === 'SimulationError') {
    deps.err(`error: ${(err as Error).message}`);
    return EXIT.refused;
  }
  if (err instanceof ContractsApiError) {
    deps.err(`error: ${err.message}`);
    return exitForStatus(err.status);
  }
  const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    deps.err(`error: the API is unreachable (${code}); is it running? (npm run api, or npm run demo)`);
    return EXIT.unavailable;
  }
  deps.err(`error: ${(err as Error).message ?? String(err)}`);
  return EXIT.failure;
}

export function exitForStatus(status: number): number {
  if (status === 400 || status === 413 || status === 415 || status === 422) return EXIT.usage;
  if (status === 401 || status === 403) return EXIT.unauthorised;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.refused;
  if (status === 503 || status === 502 || status === 504) return EXIT.unavailable;
  return EXIT.failure;
}
