/**
 * The console's calls to the API: the key from session storage as a bearer token, JSON in and out,
 * and every refusal as the API's problem body (RFC 9457), so a form can show it next to its field.
 */
import type {
  ContractStatus,
  EventsResponse,
  ListResponse,
  MeResponse,
  ObligationsResponse,
  Problem,
} from '../../sdk/api-contract';

const KEY = 'console.apiKey';

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  signIn: (key: string) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const key = session.key();
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ProblemError({ type: 'about:blank', title: 'network', status: 0 });
  }
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : {};
  if (!response.ok) {
    const p = parsed as Partial<Problem>;
    throw new ProblemError({
      type: p.type ?? 'about:blank',
      title: p.title ?? response.statusText,
      status: response.status,
      detail: p.detail,
      errors: p.errors,
    });
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export const api = {
  me: () => call<MeResponse>('GET', '/v1/me'),
  obligations: (query: URLSearchParams) =>
    call<ObligationsResponse>('GET', `/v1/obligations?${query.toString()}`),
  contracts: () => call<ListResponse>('GET', '/v1/contracts?limit=200'),
  contract: (no: string) => call<ContractStatus>('GET', `/v1/contracts/${enc(no)}`),
  events: (no: string) => call<EventsResponse>('GET', `/v1/contracts/${enc(no)}/events`),
  /** An Idempotency-Key makes a retried request (same key) apply once. */
  act: (no: string, action: string, body: Record<string, unknown>, idempotencyKey?: string) =>
    call<ContractStatus>(
      'POST',
      `/v1/contracts/${enc(no)}/actions/${enc(action)}`,
      body,
      idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
    ),
};

export function newIdempotencyKey(): string {
  return `console-${crypto.randomUUID()}`;
}
