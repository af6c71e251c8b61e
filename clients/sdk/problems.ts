/**
 * Every failure of a ContractsApi call as an RFC 9457 problem, in one place: the typed client throws
 * them, the HTTP API answers with them. Temporal's errors are translated here so no caller ever sees
 * (or leaks) an SDK error or a stack trace.
 */
import {
  isGrpcServiceError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import type { z } from 'zod';
import type { SpecIssue } from '../../domain/contract-spec';
import { InvalidActionError } from '../../domain/lifecycle/actions';
import { ContractsApiError, PROBLEM_TYPES, type Problem } from './api-contract';

type FieldError = NonNullable<Problem['errors']>[number];

export function invalidRequest(detail: string, errors: FieldError[]): ContractsApiError {
  return new ContractsApiError({
    type: PROBLEM_TYPES.invalidRequest,
    title: 'Invalid request',
    status: 400,
    detail,
    errors,
  });
}

/** A query parsed with its schema, or a 400 naming every invalid parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw invalidRequest(
    `invalid ${what}`,
    parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(query)', message: i.message })),
  );
}

export const specProblems = (issues: SpecIssue[]): ContractsApiError =>
  invalidRequest(`the contract specification has ${issues.length} invalid field(s)`, issues);

/**
 * parseAction reports "<action>: invalid input: <path>: <rule>; <path>: <rule>" (the same text the
 * workflow's validator refuses with); split it back into field errors for the problem's `errors`.
 */
export function actionProblems(message: string): ContractsApiError {
  const list = message.replace(/^[\w-]+: invalid input: /, '');
  const errors = list.split('; ').map((entry): FieldError => {
    const at = entry.indexOf(': ');
    return at < 0
      ? { path: '(input)', message: entry }
      : { path: entry.slice(0, at), message: entry.slice(at + 2) };
  });
  return invalidRequest(message, errors);
}

export const notFound = (contractNo: string): ContractsApiError =>
  new ContractsApiError({
    type: PROBLEM_TYPES.notFound,
    title: 'Contract not found',
    status: 404,
    detail: `no contract ${contractNo}`,
  });

export const conflict = (detail: string): ContractsApiError =>
  new ContractsApiError({ type: PROBLEM_TYPES.conflict, title: 'Conflict', status: 409, detail });

/**
 * A contract number that belongs to another requester, or that this one may not use: the same words
 * whatever the contract's terms, state or owner, so the answer tells nothing about someone else's
 * contract (not even that it exists beyond "this number cannot be yours").
 */
export const notAvailable = (contractNo: string): ContractsApiError =>
  conflict(`contract number ${contractNo} is not available to this key`);

/** The spec or action parser threw (an input its rules cannot compute, e.g. sums past 2^53): a 400. */
export const uncomputable = (err: unknown): ContractsApiError =>
  new ContractsApiError(
    {
      type: PROBLEM_TYPES.invalidRequest,
      title: 'Invalid request',
      status: 400,
      detail: 'the input cannot be checked: a value is out of range',
      errors: [
        {
          path: '(root)',
          message: 'has a value out of range (amounts and quantities must stay within safe integers)',
        },
      ],
    },
    { cause: err },
  );

export const unavailable = (detail: string): ContractsApiError =>
  new ContractsApiError({
    type: PROBLEM_TYPES.unavailable,
    title: 'Service unavailable',
    status: 503,
    detail,
  });

/** Run a domain parser: its refusal (InvalidActionError) and anything else it throws are a 400. */
export function parseOrRefuse<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw err instanceof InvalidActionError ? actionProblems(err.message) : uncomputable(err);
  }
}

/** gRPC codes meaning "Temporal could not be reached or did not answer in time" (retry later). */
const UNREACHABLE_GRPC_CODES: readonly number[] = [
  1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */,
];

/** The server's words (FAILED_PRECONDITION) for an Update sent while the workflow task is failing. */
const WORKFLOW_TASK_FAILED = /Workflow Task in failed state/i;

function causes(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 8; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  return chain;
}

function refusal(err: WorkflowUpdateFailedError): string {
  const cause = err.cause;
  return cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : err.message;
}

/** Translate whatever a Temporal call threw into a ContractsApiError (unknown errors become a bare 500). */
export function toApiError(err: unknown, contractNo?: string): ContractsApiError {
  if (err instanceof ContractsApiError) return err;
  const translated = translate(err, contractNo);
  // The SDK error stays attached for the server's log (the caller gets only the problem).
  return new ContractsApiError(translated.problem, { cause: err });
}

function translate(err: unknown, contractNo?: string): ContractsApiError {
  const chain = causes(err);
  if (chain.some((e) => e instanceof WorkflowNotFoundError)) return notFound(contractNo ?? '(unknown)');
  if (err instanceof WorkflowUpdateFailedError) {
    const detail = refusal(err);
    // The validator words input its events could not carry as parseAction does: bad input, not a conflict.
    if (/^[\w-]+: invalid input: /.test(detail)) return actionProblems(detail);
    return new ContractsApiError({
      type: PROBLEM_TYPES.wrongStage,
      title: 'Action refused',
      status: 409,
      detail,
    });
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return conflict(`contract ${contractNo ?? ''} already exists`.replace('  ', ' '));
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return unavailable('the workflow service did not answer in time; retry the request');
  }
  const grpc = chain.find(isGrpcServiceError);
  if (grpc && UNREACHABLE_GRPC_CODES.includes(grpc.code)) {
    return unavailable('the workflow service is unreachable; retry the request later');
  }
  // The server refuses an Update while the workflow's last task failed (a task timed out on a busy
  // worker, say); Temporal retries the task, so the same request succeeds later. Not the caller's fault.
  if (chain.some((e) => e instanceof Error && WORKFLOW_TASK_FAILED.test(e.message))) {
    return unavailable("the contract's workflow is not taking requests at the moment; retry the request");
  }
  return new ContractsApiError({
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: 'the request failed unexpectedly; it has been logged',
  });
}
