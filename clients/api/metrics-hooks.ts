/**
 * The API's metrics, recorded once per answered request (Fastify onResponse): its duration by method,
 * route template and status, and for the routes that act on a contract (onboarding and the actions)
 * whether it was accepted or refused and why. Labels come from the route table and the problem type,
 * never from the URL or the body, so no contract number or caller text becomes a label value.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACTION_NAMES } from '../../domain/lifecycle/actions';
import type { Metrics } from '../../platform/observability/metrics';
import { PROBLEM_TYPES } from '../sdk/api-contract';

export type ApiMetrics = Pick<Metrics, 'actions' | 'httpRequestDuration'>;

const ACTIONS_PREFIX = '/v1/contracts/:contractNo/actions/';
const KNOWN_ACTIONS: ReadonlySet<string> = new Set(ACTION_NAMES);
const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
]);
/** '/problems/action-refused' → 'action-refused', for the problem types the API answers with. */
const PROBLEM_CODES: ReadonlyMap<string, string> = new Map(
  Object.values(PROBLEM_TYPES).map((type) => [type, type.replace('/problems/', '')]),
);

/** The action a route template carries out, or undefined when the route does not act on a contract. */
export function actionOf(method: string, route: string | undefined): string | undefined {
  if (method !== 'POST' || route === undefined) return undefined;
  if (route === '/v1/contracts') return 'onboard';
  if (!route.startsWith(ACTIONS_PREFIX)) return undefined;
  const name = route.slice(ACTIONS_PREFIX.length);
  // The catch-all route (:action) answers unknown names: the name itself is caller text.
  return KNOWN_ACTIONS.has(name) ? name : 'unknown';
}

/** `none` when accepted; else the problem type's code, `internal` for a 5xx without a known type. */
export function refusalReason(status: number, problemType: string | undefined): string {
  if (status < 400) return 'none';
  const code = problemType ? PROBLEM_CODES.get(problemType) : undefined;
  if (code) return code;
  return status >= 500 ? 'internal' : 'other';
}

export function registerMetricsHooks(app: FastifyInstance, metrics: ApiMetrics): void {
  app.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = request.routeOptions.url;
    const method = KNOWN_METHODS.has(request.method) ? request.method : 'OTHER';
    const status = reply.statusCode;
    metrics.httpRequestDuration.observe(
      { method, route: route ?? 'unmatched', status: String(status) },
      reply.elapsedTime / 1000,
    );
    const action = actionOf(request.method, route);
    if (action !== undefined) {
      const reason = refusalReason(status, request.problem?.type);
      metrics.actions.inc({ action, outcome: status < 400 ? 'accepted' : 'refused', reason });
    }
    done();
  });
}
