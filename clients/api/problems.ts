/**
 * How the API answers when it refuses or fails: application/problem+json (RFC 9457) with every invalid
 * field, for Fastify's own refusals (size, media type, malformed JSON, unknown route) as well as the
 * contract operations'. A 5xx never carries internals: the cause goes to the log, not the caller.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ContractsApiError, PROBLEM_TYPES, type Problem } from '../sdk/api-contract';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  reply.request.problem = problem; // for the request's log line (request-log.ts)
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: problem.instance ?? reply.request.url.split('?')[0] });
}

/** A query-string or path parameter that broke its schema (raised by the validator compiler). */
export class RequestFieldsError extends Error {
  constructor(
    readonly part: string,
    readonly errors: Array<{ path: string; message: string }>,
  ) {
    super(`invalid ${part}`);
  }
}

/** Messages for the generic failures, phrased like the domain's field rules ("must …"). */
const plainMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type')
    return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
  if (issue.code === 'invalid_value')
    return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return undefined;
};

/**
 * Validation of params and query strings with their zod schemas. Bodies pass through: the handlers
 * parse them with the domain's own parsers (parseContractSpec, parseAction), so the API refuses bad
 * input with exactly the messages the workflow and the intake use.
 */
export function validatorCompiler({ schema, httpPart }: { schema: unknown; httpPart?: string }) {
  return (data: unknown) => {
    if (httpPart === 'body') return { value: data };
    const parsed = (schema as z.ZodType).safeParse(data, { error: plainMessages });
    if (parsed.success) return { value: parsed.data };
    const errors = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'is not a known parameter' }))
        : [{ path: i.path.join('.') || '(root)', message: i.message }],
    );
    const part = httpPart === 'querystring' ? 'query string' : httpPart === 'headers' ? 'headers' : 'path';
    return { error: new RequestFieldsError(part, errors) };
  };
}

const FASTIFY_REFUSALS: Record<
  string,
  { status: number; type: string; title: string; detail: (e: FastifyError) => string }
> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    type: PROBLEM_TYPES.payloadTooLarge,
    title: 'Payload too large',
    detail: () => 'the request body exceeds the size limit',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    type: PROBLEM_TYPES.unsupportedMediaType,
    title: 'Unsupported media type',
    detail: () => 'send the body as application/json',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    type: PROBLEM_TYPES.invalidRequest,
    title: 'Invalid request',
    detail: () => 'the body is empty but the content type says application/json',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    type: PROBLEM_TYPES.invalidRequest,
    title: 'Invalid request',
    detail: () => 'the body is not valid JSON',
  },
};

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  request.failure = err; // the cause chain goes to the request's log line (request-log.ts)
  if (err instanceof ContractsApiError) return sendProblem(reply, err.problem);
  if (err instanceof RequestFieldsError) {
    return sendProblem(reply, {
      type: PROBLEM_TYPES.invalidRequest,
      title: 'Invalid request',
      status: 400,
      detail: `invalid ${err.part}: ${err.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      errors: err.errors,
    });
  }
  // A schema check that escaped a handler is still the caller's input being refused, never a 500.
  if (err instanceof z.core.$ZodError) {
    const errors = err.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
    return sendProblem(reply, {
      type: PROBLEM_TYPES.invalidRequest,
      title: 'Invalid request',
      status: 400,
      detail: `${errors.length} invalid field(s)`,
      errors,
    });
  }
  const known = err.code ? FASTIFY_REFUSALS[err.code] : undefined;
  if (known)
    return sendProblem(reply, {
      type: known.type,
      title: known.title,
      status: known.status,
      detail: known.detail(err),
    });
  // JSON.parse's SyntaxError (malformed JSON) and Fastify's other 4xx refusals: safe to describe.
  const status = err.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return sendProblem(reply, {
      type: PROBLEM_TYPES.invalidRequest,
      title: 'Invalid request',
      status,
      detail: err instanceof SyntaxError ? 'the body is not valid JSON' : err.message,
    });
  }
  return sendProblem(reply, {
    type: 'about:blank',
    title: 'Internal error',
    status: 500,
    detail: 'the request failed unexpectedly; it has been logged',
  });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendProblem(reply, {
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail: `no route ${request.method} ${request.url.split('?')[0]}`,
  });
}
