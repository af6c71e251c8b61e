/**
 * Why a message failed decides what the intake does with it. An outage of a dependency (Temporal or
 * the broker unreachable) is no fault of the message: the partition waits and retries in place, in
 * order, for as long as it takes. Anything else — a RangeError from a money sum, a schema error, an
 * unexpected exception — may be the message's own fault and would fail forever: it gets a short budget
 * (a few attempts, well under ten seconds) and then goes to the dead-letter topic with the reason, so a
 * poison message can never stall the valid ones queued behind it on its partition.
 */
import { isGrpcServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ContractsApiError } from '../clients/sdk/api-contract';
import { maskPersonalText } from '../platform/personal-data';
import type { IntakeOutcome } from './intake-handler';

/**
 * `outage`: a dependency is down. `unanswered`: a call timed out, which is either an outage or a
 * message the contract cannot digest (a probe of the dependency tells which). `message`: anything else.
 */
export type FailureKind = 'outage' | 'unanswered' | 'message';

// gRPC: UNAVAILABLE and RESOURCE_EXHAUSTED (the server sheds load) are outages; a deadline or a
// cancelled call is only a timeout, which a healthy server can also give for one bad request.
const OUTAGE_GRPC_CODES: readonly number[] = [14, 8];
const TIMEOUT_GRPC_CODES: readonly number[] = [4, 1];
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// kafkajs marks transient protocol errors `retriable`; these are the client's own "cannot reach" errors.
const KAFKA_OUTAGES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
]);

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 8; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  return chain;
}

function kindOf(e: unknown): FailureKind | undefined {
  if (e instanceof ContractsApiError) {
    // The SDK says 503 both for "unreachable" and for "did not answer in time".
    return e.status === 503 || e.status === 504 ? 'unanswered' : undefined;
  }
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return 'unanswered';
  if (isGrpcServiceError(e)) {
    if (OUTAGE_GRPC_CODES.includes(e.code)) return 'outage';
    if (TIMEOUT_GRPC_CODES.includes(e.code)) return 'unanswered';
    return undefined;
  }
  if (!(e instanceof Error)) return undefined;
  if (NETWORK_CODES.has((e as NodeJS.ErrnoException).code ?? '')) return 'outage';
  if (e.name.startsWith('KafkaJS')) {
    return KAFKA_OUTAGES.has(e.name) || (e as { retriable?: boolean }).retriable === true
      ? 'outage'
      : undefined;
  }
  return undefined;
}

/** The most telling kind anywhere in the cause chain; `message` when nothing points at a dependency. */
export function classifyFailure(err: unknown): FailureKind {
  const kinds = causes(err).map(kindOf);
  if (kinds.includes('outage')) return 'outage';
  if (kinds.includes('unanswered')) return 'unanswered';
  return 'message';
}

/**
 * The bounded code of a dead-letter reason, for metrics labels: reasons are `<code>: <detail>` and
 * the detail may quote the input, so only a known code is ever a label value.
 */
export const DEAD_LETTER_CODES: ReadonlySet<string> = new Set([
  // platform/intake-signature.ts
  'unauthenticated',
  'forbidden',
  // domain/events/intake-facts.ts
  'empty-message',
  'invalid-json',
  'invalid-envelope',
  'invalid-data',
  'unknown-type',
  'wrong-topic',
  'subject-mismatch',
  // intake-handler.ts
  'invalid-contract',
  'refused',
  'rejected-by-temporal',
  'workflow-not-found',
  // unprocessableReason below
  'unprocessable',
]);

export function deadLetterCode(reason: string): string {
  const code = reason.split(':', 1)[0]!.trim();
  return DEAD_LETTER_CODES.has(code) ? code : 'other';
}

const MAX_DETAIL = 300;

/** `unprocessable: <Error>: <message>`, clipped and masked: an exception may quote the input. */
export function unprocessableReason(err: unknown, attempts: number): string {
  const name = err instanceof Error ? err.name : typeof err;
  const text = maskPersonalText(err instanceof Error ? err.message : String(err)).replace(/[\p{Cc}]+/gu, ' ');
  const detail = text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
  return `unprocessable: ${name}: ${detail} (failed ${attempts} attempts)`;
}

export interface RetryBudget {
  /** Attempts for a failure that is not an outage before the message is dead-lettered. */
  attempts: number;
  /** Pause after the first such failure; doubled after each next one. */
  delayMs: number;
}

export interface OutageBackoff {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BUDGET: RetryBudget = { attempts: 3, delayMs: 250 };
export const DEFAULT_OUTAGE_BACKOFF: OutageBackoff = { initialMs: 500, maxMs: 10_000 };

export interface BudgetedRun {
  attempt(): Promise<IntakeOutcome>;
  /** Dead-letter the message with `reason`; throws only when the broker cannot take it (retried). */
  deadLetter(reason: string): Promise<void>;
  /** Does the dependency answer? Decides whether a timeout was an outage. */
  probe(): Promise<boolean>;
  /** Wait, returning early when the consumer stops. */
  pause(ms: number): Promise<void>;
  /** Called before each pause: keep the partition (heartbeat), throw to abandon (stopping). */
  beforeRetry(err: unknown, kind: 'outage' | 'message', delayMs: number): Promise<void>;
  budget?: RetryBudget;
  outage?: OutageBackoff;
}

/** Run one message to an outcome: retried in place through an outage, dead-lettered past its budget. */
export async function runWithinBudget(run: BudgetedRun): Promise<IntakeOutcome> {
  const budget = run.budget ?? DEFAULT_BUDGET;
  const backoff = run.outage ?? DEFAULT_OUTAGE_BACKOFF;
  let failures = 0;
  let outageDelay = backoff.initialMs;
  for (;;) {
    try {
      return await run.attempt();
    } catch (err) {
      let kind = classifyFailure(err);
      if (kind === 'unanswered') kind = (await run.probe()) ? 'message' : 'outage';
      if (kind === 'outage') {
        await run.beforeRetry(err, 'outage', outageDelay);
        await run.pause(outageDelay);
        outageDelay = Math.min(outageDelay * 2, backoff.maxMs);
        continue;
      }
      failures += 1;
      if (failures >= budget.attempts) {
        await deadLetterThroughOutages(run, unprocessableReason(err, failures), backoff);
        return 'dead-lettered';
      }
      const delay = budget.delayMs * 2 ** (failures - 1);
      await run.beforeRetry(err, 'message', delay);
      await run.pause(delay);
    }
  }
}

async function deadLetterThroughOutages(run: BudgetedRun, reason: string, backoff: OutageBackoff) {
  for (let delay = backoff.initialMs; ; delay = Math.min(delay * 2, backoff.maxMs)) {
    try {
      return await run.deadLetter(reason);
    } catch (err) {
      await run.beforeRetry(err, 'outage', delay);
      await run.pause(delay);
    }
  }
}
