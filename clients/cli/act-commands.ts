/**
 * `tco act`, `tco claim`, `tco unclaim`: an action as the signed-in key (the API records the key id as
 * who acted), then the contract's status once it has taken the action. The Update's own answer can be
 * stale: contracts still running the frozen pre-decider code (workflows/legacy/handlers.ts) answer
 * before their loop runs the stage's steps (reservations, the next stage). So the status is read again
 * until the decision is in the log and two reads agree, with a deadline; what is printed is what the
 * next `tco status` shows.
 */
import type { Command } from 'commander';
import { ACTION_NAMES, type ActionName } from '../../domain/lifecycle/actions';
import type { ContractStatus, ContractsApi } from '../sdk/api-contract';
import { buildActionInput, UsageError, type ActFlags } from './action-input';
import { renderStatus } from './format';

export interface ActContext {
  api(): ContractsApi;
  print(value: unknown, human: () => string): void;
  warn(text: string): void;
  /** Deadline for the contract to settle after an action (ms); default 15 s. */
  settleTimeoutMs?: number;
}

const BY_DEPRECATED =
  'warning: --by is ignored and will be removed: the API records your API key id as who acted';

export function addActCommands(program: Command, ctx: ActContext): void {
  program
    .command('act <contractNo> <action>')
    .description(`perform a human action as your API key: ${ACTION_NAMES.join(', ')}`)
    .option('--by <who>', 'deprecated and ignored: the API records your API key id as who acted')
    .option('--reason <text>', 'reason, for reject, object, request-documents')
    .option('--type <type>', 'service request type (suspend-keep-number, resume, number-change, …)')
    .option('--lines <list>', 'confirm-installations: 0=CIR-1,1=CIR-2 (or @file: the same, or a JSON array)')
    .option('--set <field=value...>', 'other input fields')
    .option('--input <json>', 'the whole input as a JSON object')
    .option('--idempotency-key <key>', 'your request id: a retry with the same one is applied once')
    .action(async (contractNo: string, action: string, flags: ActFlags & { idempotencyKey?: string }) => {
      if (!(ACTION_NAMES as readonly string[]).includes(action)) {
        throw new UsageError(`unknown action "${action}": must be one of ${ACTION_NAMES.join(', ')}`);
      }
      if (flags.by !== undefined) ctx.warn(BY_DEPRECATED);
      const name = action as ActionName;
      await actAndSettle(ctx, contractNo, name, buildActionInput(name, flags), flags.idempotencyKey);
    });

  for (const [verb, help] of [
    ['claim', 'take an open obligation: it shows as yours in the inbox and in status'],
    ['unclaim', 'give up an obligation you hold'],
  ] as const) {
    program
      .command(`${verb} <contractNo> <obligationId>`)
      .description(help)
      .action(async (contractNo: string, obligationId: string) => {
        if (!(ACTION_NAMES as readonly string[]).includes(verb)) {
          throw new UsageError(`${verb}: the API this CLI was built with has no such action yet`);
        }
        const name = verb as ActionName;
        await actAndSettle(
          ctx,
          contractNo,
          name,
          buildActionInput(name, { set: [`obligationId=${obligationId}`] }),
        );
      });
  }
}

async function actAndSettle(
  ctx: ActContext,
  contractNo: string,
  action: ActionName,
  input: unknown,
  idempotencyKey?: string,
): Promise<void> {
  const api = ctx.api();
  const answered = await api.act(contractNo, action, input as never, { requestId: idempotencyKey });
  const status = await settle(api, contractNo, action, answered, ctx.settleTimeoutMs ?? 15_000);
  if (!status.settled)
    ctx.warn(`warning: ${contractNo} was still moving after the action; status as last read`);
  ctx.print(status.status, () => `${action}: done\n${renderStatus(status.status)}`);
}

/** What a person sees of a status: stage, obligations, resources, balances, events. */
const gist = (s: ContractStatus) =>
  JSON.stringify([
    s.stage,
    s.waitingFor,
    s.obligations,
    s.resources,
    s.balances,
    s.events.length,
    s.decisions,
  ]);

/**
 * Read the status until it holds every decision the Update's answer held for the action (a fresh read
 * never goes back, a stale cached one may) and two reads in a row agree.
 */
export async function settle(
  api: ContractsApi,
  contractNo: string,
  action: ActionName,
  answered: ContractStatus,
  timeoutMs: number,
): Promise<{ status: ContractStatus; settled: boolean }> {
  const count = (s: ContractStatus) => s.decisions.filter((d) => d.action === action).length;
  const decided = (s: ContractStatus) => count(s) >= count(answered);
  const deadline = Date.now() + timeoutMs;
  let last = answered;
  for (;;) {
    const now = await api.get(contractNo);
    if (decided(now) && gist(now) === gist(last)) return { status: now, settled: true };
    last = now;
    if (Date.now() > deadline) return { status: now, settled: false };
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
