/**
 * ContractsApi over the HTTP API, for sales systems outside the operator's network. Every response is
 * parsed with the same zod schemas the server answers with, and every failure is a ContractsApiError
 * carrying the server's problem body (or a problem describing what went wrong on the way).
 */
import type { z } from 'zod';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ActionName } from '../../domain/lifecycle/actions';
import type { HttpActionInput } from './action-body';
import {
  ContractsApiError,
  ContractStatusSchema,
  EventsResponseSchema,
  InboxResponseSchema,
  ListResponseSchema,
  MeResponseSchema,
  ObligationsResponseSchema,
  OnboardResponseSchema,
  PROBLEM_TYPES,
  ProblemSchema,
  type ContractStatus,
  type ContractsApi,
  type EventsResponse,
  type InboxResponse,
  type ListQuery,
  type ListResponse,
  type MeResponse,
  type ObligationsQuery,
  type ObligationsResponse,
  type OnboardResponse,
} from './api-contract';

export interface HttpContractsOptions {
  /** e.g. https://contracts.example.net (no trailing /v1). */
  baseUrl: string;
  apiKey: string;
  fetch?: typeof fetch;
  /** Per request; past it the call fails with a 503 problem. Default 30 s. */
  timeoutMs?: number;
}

export class HttpContractsClient implements ContractsApi {
  private readonly fetch: typeof fetch;
  private readonly baseUrl: string;

  constructor(private readonly options: HttpContractsOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  onboard(spec: ContractSpec, options: { requestId?: string } = {}): Promise<OnboardResponse> {
    const headers = options.requestId ? { 'Idempotency-Key': options.requestId } : undefined;
    return this.send('POST', '/v1/contracts', OnboardResponseSchema, spec, headers);
  }

  get(contractNo: string): Promise<ContractStatus> {
    return this.send('GET', `/v1/contracts/${enc(contractNo)}`, ContractStatusSchema);
  }

  list(query: ListQuery = {}): Promise<ListResponse> {
    return this.send('GET', `/v1/contracts${queryString(query)}`, ListResponseSchema);
  }

  events(contractNo: string): Promise<EventsResponse> {
    return this.send('GET', `/v1/contracts/${enc(contractNo)}/events`, EventsResponseSchema);
  }

  /** The actor field may be left out: the API sets it from this client's API key. */
  act<A extends ActionName>(
    contractNo: string,
    action: A,
    input: HttpActionInput<A>,
    options: { requestId?: string } = {},
  ): Promise<ContractStatus> {
    return this.send(
      'POST',
      `/v1/contracts/${enc(contractNo)}/actions/${enc(action)}`,
      ContractStatusSchema,
      input,
      options.requestId ? { 'Idempotency-Key': options.requestId } : undefined,
    );
  }

  inbox(): Promise<InboxResponse> {
    return this.send('GET', '/v1/inbox', InboxResponseSchema);
  }

  obligations(query: ObligationsQuery = {}): Promise<ObligationsResponse> {
    return this.send('GET', `/v1/obligations${queryString(query)}`, ObligationsResponseSchema);
  }

  /** Who this client's API key is: id, role, whether it may act. */
  me(): Promise<MeResponse> {
    return this.send('GET', '/v1/me', MeResponseSchema);
  }

  private async send<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: unknown,
    extraHeaders?: Record<string, string>,
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.apiKey}`,
      accept: 'application/json, application/problem+json',
      ...extraHeaders,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (err) {
      throw clientProblem(503, 'Service unavailable', `${method} ${path}: ${(err as Error).message}`);
    }
    const payload = await readJson(response);
    if (!response.ok) {
      const problem = ProblemSchema.safeParse(payload);
      throw problem.success
        ? new ContractsApiError(problem.data)
        : clientProblem(
            response.status,
            response.statusText || 'HTTP error',
            `${method} ${path} answered ${response.status}`,
          );
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw clientProblem(
        502,
        'Unexpected response',
        `${method} ${path}: ${parsed.error.issues.length} field(s) differ from the API contract`,
      );
    }
    return parsed.data;
  }
}

const enc = encodeURIComponent;

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query) as Array<[string, string | number | boolean | undefined]>) {
    if (v !== undefined) params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function clientProblem(status: number, title: string, detail: string): ContractsApiError {
  return new ContractsApiError({
    type: status >= 500 ? PROBLEM_TYPES.unavailable : 'about:blank',
    title,
    status,
    detail,
  });
}
