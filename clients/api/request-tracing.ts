/**
 * One SERVER span per API request, `HTTP <METHOD> <route template>` (`unmatched` when no route
 * matched), continuing the caller's trace from its `traceparent`/`tracestate` headers. The span is the
 * active context while the route handler runs, so the Temporal client's spans (UpdateWithStartWorkflow,
 * StartWorkflowUpdate, QueryWorkflow …) and through them the workflow and its activities join the
 * request's trace.
 *
 * Attributes: method, route template, status code (the OpenTelemetry HTTP conventions' stable names).
 * Never the path with its values, the query, a header value or the body.
 *
 * Registered only when tracing is on; off, the server has none of these hooks.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { activeTracing } from '../../platform/observability/tracing';

/** The route template of a request, `unmatched` when no route matched (a 404). */
export function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/** Probes and scrapes: a span every few seconds that says nothing about contracts. */
const UNTRACED_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

/** Adds the request span hooks; call before any route is registered (the handler wrap is onRoute). */
export function registerRequestTracing(app: FastifyInstance, tracer?: Tracer): void {
  const active = tracer ?? activeTracing()?.tracer;
  if (!active) return;
  // Request → its span's context. A WeakMap: nothing to clean when a request is dropped.
  const spans = new WeakMap<FastifyRequest, Context>();

  app.addHook('onRequest', (request, _reply, done) => {
    const method = request.method.toUpperCase();
    const route = routeOf(request);
    if (UNTRACED_ROUTES.has(route)) return done();
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = active.startSpan(
      `HTTP ${method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } },
      parent,
    );
    spans.set(request, trace.setSpan(parent, span));
    done();
  });

  // Hooks and body parsing run outside any async context we could enter from a hook (the body arrives
  // on the socket's events), so the handler itself is wrapped: everything it awaits sees the span.
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function tracedHandler(this: FastifyInstance, request, reply) {
      const ctx = spans.get(request);
      return ctx
        ? context.with(ctx, () => handler.call(this, request, reply))
        : handler.call(this, request, reply);
    };
  });

  const finish = (request: FastifyRequest, status: number | undefined) => {
    const span = trace.getSpan(spans.get(request) ?? ROOT_CONTEXT);
    if (!span) return;
    spans.delete(request);
    if (status !== undefined) span.setAttribute('http.response.status_code', status);
    // A 4xx is the caller's; only a 5xx (or an abandoned request) marks the span as failed.
    if (status === undefined || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  app.addHook('onResponse', (request, reply, done) => {
    finish(request, reply.statusCode);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    finish(request, undefined);
    done();
  });
}
