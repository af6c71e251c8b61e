/**
 * 405 Method Not Allowed for a known path called with a method it does not have (RFC 9110 §15.5.6:
 * with an Allow header), instead of the router's 404 — a 404 would say the path does not exist.
 * Routes are collected as they are declared; `registerMethodNotAllowed` then claims every other
 * method on those paths. Before authentication: the allowed methods are public (the OpenAPI document).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods, RouteOptions } from 'fastify';
import { PROBLEM_TYPES } from '../sdk/api-contract';
import { sendProblem } from './problems';

export function collectRoutes(app: FastifyInstance): Map<string, Set<string>> {
  const byUrl = new Map<string, Set<string>>();
  app.addHook('onRoute', (route: RouteOptions) => {
    if (route.url.startsWith('/docs')) return; // the docs page's own routes (static files, wildcards)
    const methods = byUrl.get(route.url) ?? new Set<string>();
    for (const m of [route.method].flat()) methods.add(m.toUpperCase());
    byUrl.set(route.url, methods);
  });
  return byUrl;
}

export function registerMethodNotAllowed(app: FastifyInstance, byUrl: Map<string, Set<string>>): void {
  // Every method the router takes (GET … QUERY), so none of them falls through to a 404 or a 400.
  const CLAIMED = app.supportedMethods as HTTPMethods[];
  // A snapshot: the 405 routes registered below pass through onRoute too.
  for (const [url, declared] of [...byUrl.entries()].map(([u, m]) => [u, new Set(m)] as const)) {
    const allowed = CLAIMED.filter((m) => declared.has(m));
    const others = CLAIMED.filter((m) => !declared.has(m));
    if (others.length === 0) continue;
    const refuse = (request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply.header('allow', allowed.join(', ')), {
        type: PROBLEM_TYPES.methodNotAllowed,
        title: 'Method not allowed',
        status: 405,
        detail: `${request.method} is not allowed here; allowed: ${allowed.join(', ')}`,
      });
    app.route({
      method: others,
      url,
      schema: { hide: true },
      // Answered in onRequest, before Fastify reads (or insists on a content type for) any body.
      onRequest: (request, reply) => Promise.resolve(refuse(request, reply)),
      handler: refuse,
    });
  }
}
