/**
 * One log line per request (pino JSON): who (key id and role, never the key), what (route, status,
 * duration, contract number when well-formed) and, for every 4xx/5xx, why — the problem's type and
 * fields and the cause chain (err.cause recursively: name and message, plus the stack for a 5xx), so
 * an operator can follow a refusal or a failure without the caller ever seeing internals.
 * Values the caller sent are never logged: only field paths, our rules and errors' own messages.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Problem } from '../sdk/api-contract';

declare module 'fastify' {
  interface FastifyRequest {
    /** The problem this request was answered with (set by sendProblem). */
    problem?: Problem;
    /** The error behind it, if one was thrown (set by the error handler). */
    failure?: unknown;
  }
}

export interface CauseEntry {
  name: string;
  message: string;
  stack?: string;
}

const MAX_CAUSES = 8;
const MAX_MESSAGE = 500;
const CONTRACT_NO = /^[A-Za-z0-9-]{1,64}$/;

/** err, err.cause, err.cause.cause, … (bounded: a cycle or a deep chain must not stall the log). */
export function causeChain(err: unknown, withStack: boolean): CauseEntry[] {
  const chain: CauseEntry[] = [];
  const seen = new Set<unknown>();
  for (let e = err; e !== undefined && e !== null && chain.length < MAX_CAUSES;) {
    if (seen.has(e)) break;
    seen.add(e);
    const error = e instanceof Error ? e : undefined;
    chain.push({
      name: error?.name ?? typeof e,
      message: (error?.message ?? (typeof e === 'string' ? e : (JSON.stringify(e) ?? ''))).slice(
        0,
        MAX_MESSAGE,
      ),
      ...(withStack && error?.stack ? { stack: error.stack } : {}),
    });
    e = (e as { cause?: unknown }).cause;
  }
  return chain;
}

export function logRequest(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const params = request.params as { contractNo?: unknown } | undefined;
  const body = request.body as { contractNo?: unknown } | undefined;
  const contractNo =
    params?.contractNo ?? (request.routeOptions.url === '/v1/contracts' ? body?.contractNo : undefined);
  const status = reply.statusCode;
  const line: Record<string, unknown> = {
    requestId: request.id,
    keyId: request.requester?.keyId,
    role: request.requester?.role,
    method: request.method,
    route: request.routeOptions.url ?? 'unknown',
    status,
    durationMs: Math.round(reply.elapsedTime),
    // Only a well-formed number: whatever else a caller sent there may be anything (a person's name).
    contractNo: typeof contractNo === 'string' && CONTRACT_NO.test(contractNo) ? contractNo : undefined,
  };
  if (status >= 400) {
    const { problem, failure } = request;
    if (problem) {
      line.problem = { type: problem.type, title: problem.title };
      if (problem.errors) line.fields = problem.errors.map((e) => `${e.path}: ${e.message}`.slice(0, 300));
    }
    if (failure !== undefined) line.causes = causeChain(failure, status >= 500);
  }
  if (status >= 500) request.log.error(line, 'request');
  else if (status >= 400) request.log.warn(line, 'request');
  else request.log.info(line, 'request');
  done();
}
