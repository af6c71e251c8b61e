/**
 * Who is calling: the API key (Authorization: Bearer, or X-API-Key) is checked against the stored
 * records before anything else happens, and the route's roles (ROUTE_ROLES) decide what it may do.
 * 401 for a missing, unknown, wrong or revoked key; 403 for a valid key whose role may not call.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_TYPES, ROUTE_ROLES, type Role, type RouteKey } from '../sdk/api-contract';
import { verifyApiKey, type ApiKeyStore } from './keys';
import { sendProblem } from './problems';

export interface Requester {
  keyId: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    requester?: Requester;
  }
  interface FastifyContextConfig {
    /** The ROUTE_ROLES entry guarding this route; routes without one are public. */
    routeKey?: RouteKey;
  }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return match ? match[1] : '';
  }
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

const unauthenticated = (reply: FastifyReply, detail: string) =>
  sendProblem(reply.header('www-authenticate', 'Bearer'), {
    type: PROBLEM_TYPES.unauthenticated,
    title: 'Unauthenticated',
    status: 401,
    detail,
  });

/** onRequest hook: runs before the body is read, so an unauthenticated caller never gets it parsed. */
export function authenticate(store: ApiKeyStore) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const routeKey = request.routeOptions.config.routeKey;
    if (!routeKey) return;
    const key = presentedKey(request);
    if (key === undefined) {
      await unauthenticated(reply, 'send an API key as "Authorization: Bearer <key>" or "X-API-Key: <key>"');
      return;
    }
    const check = verifyApiKey(key, store);
    if (!check.ok) {
      request.log.warn({ keyId: check.keyId, reason: check.reason }, 'API key refused');
      await unauthenticated(
        reply,
        check.reason === 'revoked' ? 'the API key is revoked' : 'the API key is not valid',
      );
      return;
    }
    request.requester = { keyId: check.record.id, role: check.record.role };
    const allowed: readonly Role[] = ROUTE_ROLES[routeKey];
    if (!allowed.includes(check.record.role)) {
      await sendProblem(reply, {
        type: PROBLEM_TYPES.forbidden,
        title: 'Forbidden',
        status: 403,
        detail: `role '${check.record.role}' may not call ${routeKey}; allowed: ${allowed.join(', ')}`,
      });
    }
  };
}
