/**
 * The engineers' CLI: onboard, list, status, act, claim, unclaim, inbox, simulate. Tables for people
 * (fitted to the terminal's width), `--json` for scripts — errors then are the problem body as JSON
 * on stderr — and exit codes that say what went wrong (see EXIT below) so a script can branch on them.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { parseContractSpec, type ContractSpec } from '../../domain/contract-spec';
import { InvalidActionError } from '../../domain/lifecycle/actions';
import { ContractsApiError, PROBLEM_TYPES, type ContractsApi, type Problem } from '../sdk/api-contract';
import { addActCommands } from './act-commands';
import { UsageError } from './action-input';
import { renderList, renderObligations, renderOnboarded, renderStatus } from './format';
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

interface InboxFlags {
  party?: string;
  region?: string;
  product?: string;
  stage?: string;
  mine?: boolean;
  unassigned?: boolean;
  dueBefore?: string;
  limit: string;
}

interface Globals {
  apiUrl: string;
  apiKey?: string;
  json?: boolean;
}

export function buildProgram(deps: CliDeps, options: { jsonErrors?: boolean } = {}): Command {
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
    .configureOutput({
      writeOut: (s) => deps.out(s.trimEnd()),
      writeErr: (s) => deps.err(s.trimEnd()),
      // With --json the command-line error is reported once, as a problem (reportError).
      ...(options.jsonErrors ? { outputError: () => undefined } : {}),
    });

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

  addActCommands(program, { api, print, warn: (text) => deps.err(text) });

  program
    .command('inbox')
    .description('open obligations your key works on, earliest due first (the console’s inbox)')
    .option('--party <party>', 'who owes it: reviewer, engineer, customer, compliance, sales')
    .option('--region <province>', 'province of the contract, exact (e.g. 江苏省)')
    .option('--product <code>', 'product code, e.g. dedicated-line')
    .option('--stage <stage>', 'qualification, provisioning, acceptance, …')
    .option('--mine', 'only what you have claimed')
    .option('--unassigned', 'only what nobody has claimed')
    .option('--due-before <date>', 'only due strictly before this date (YYYY-MM-DD)')
    .option('--limit <n>', 'at most n obligations', '200')
    .action(async (o: InboxFlags) => {
      if (o.mine && o.unassigned) throw new UsageError('--mine and --unassigned exclude each other');
      const inbox = await api().obligations({
        party: o.party as never,
        region: o.region,
        product: o.product,
        stage: o.stage as never,
        ...(o.mine ? { assignee: 'mine' as const } : o.unassigned ? { assignee: 'unassigned' as const } : {}),
        dueBefore: o.dueBefore,
        limit: Number(o.limit),
      });
      print(inbox, () => renderObligations(inbox));
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
  const options = argv.indexOf('--');
  const json = (options < 0 ? argv : argv.slice(0, options)).includes('--json');
  try {
    await buildProgram(deps, { jsonErrors: json }).parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    const { code, problem, text } = classify(err);
    if (code === EXIT.ok) return code;
    if (json) deps.err(JSON.stringify(problem, null, 2));
    // Commander has already printed its own message (text undefined).
    else if (text !== undefined) deps.err(`error: ${text}`);
    return code;
  }
}

const usageProblem = (detail: string): Problem => ({
  type: PROBLEM_TYPES.invalidRequest,
  title: 'Invalid request',
  status: 400,
  detail,
});

/** The exit code and the problem to report (the API's own problem body when it answered one). */
function classify(err: unknown): { code: number; problem: Problem; text?: string } {
  if (err instanceof CommanderError) {
    const detail = err.message.replace(/^error: /, '');
    return { code: err.exitCode === 0 ? EXIT.ok : EXIT.usage, problem: usageProblem(detail) };
  }
  const problem = classifyOther(err);
  return { ...problem, text: problem.text ?? problem.problem.detail };
}

function classifyOther(err: unknown): { code: number; problem: Problem; text?: string } {
  // A scenario that does not fit the contract (checked before anything runs) is bad input; one the
  // contract refused mid-run is a refusal, like a 409 (by name: the engine is loaded lazily).
  const named = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError || err instanceof InvalidActionError || named === 'ScenarioError') {
    return { code: EXIT.usage, problem: usageProblem(message) };
  }
  if (named === 'SimulationError') {
    return {
      code: EXIT.refused,
      problem: { type: PROBLEM_TYPES.wrongStage, title: 'Refused', status: 409, detail: message },
    };
  }
  if (err instanceof ContractsApiError) {
    // JSON gets the API's problem body as it came; people the one-line summary (status, title, fields).
    return { code: exitForStatus(err.status), problem: err.problem, text: err.message };
  }
  const code = (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
  if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return {
      code: EXIT.unavailable,
      problem: {
        type: PROBLEM_TYPES.unavailable,
        title: 'Service unavailable',
        status: 503,
        detail: `the API is unreachable (${code}); is it running? (npm run api, or npm run demo)`,
      },
    };
  }
  return {
    code: EXIT.failure,
    problem: { type: 'about:blank', title: 'Error', status: 500, detail: message },
  };
}

export function exitForStatus(status: number): number {
  if (status === 400 || status === 413 || status === 415 || status === 422) return EXIT.usage;
  if (status === 401 || status === 403) return EXIT.unauthorised;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.refused;
  if (status === 503 || status === 502 || status === 504) return EXIT.unavailable;
  return EXIT.failure;
}
