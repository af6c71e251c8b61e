/**
 * Codec server for the Temporal UI and CLI: the UI shows history payloads as the server stores them
 * (AES-256-GCM ciphertext, platform/payload-codec.ts) unless it can hand them to an endpoint that
 * decodes them. This is that endpoint, speaking the Temporal codec server protocol:
 *
 *   POST /decode and POST /encode, body and answer `{"payloads": [{"metadata": {k: base64}, "data": base64}]}`
 *
 * Only engineers and admins may read contract payloads: every call needs an API key of one of those
 * roles (Authorization: Bearer, or X-API-Key; the same keys and records as the HTTP API). Browsers are
 * let in from the configured UI origins only (CORS). Nothing decoded is ever logged.
 */
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import type { Logger } from '../../platform/logger';
import { keyStoreOf, verifyApiKey, type ApiKeyRecord, type ApiKeyStore } from '../api/keys';

/** Roles that may see decrypted contract data. */
export const CODEC_ROLES = ['engineer', 'admin'] as const;

export interface CodecServerDeps {
  codec: PayloadCodec;
  keys: ApiKeyRecord[] | ApiKeyStore;
  /** Origins of the Temporal UI allowed to call from a browser, e.g. http://localhost:8233. */
  corsOrigins: string[];
  logger: Logger;
  bodyLimitBytes?: number;
}

const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');
const PayloadsSchema = z
  .object({
    payloads: z
      .array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() }))
      .max(10_000),
  })
  .strict();

const fromJson = (p: z.infer<typeof PayloadsSchema>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(p.data ?? '', 'base64')),
});

const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

function presentedKey(request: FastifyRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

function allowOrigin(request: FastifyRequest, reply: FastifyReply, origins: string[]): void {
  const origin = request.headers.origin;
  if (!origin || !origins.includes(origin)) return;
  reply
    .header('access-control-allow-origin', origin)
    .header('vary', 'Origin')
    .header('access-control-allow-credentials', 'true')
    .header('access-control-allow-methods', 'POST, OPTIONS')
    .header('access-control-allow-headers', 'authorization, x-api-key, content-type, x-namespace')
    .header('access-control-max-age', '600');
}

export async function buildCodecServer(deps: CodecServerDeps): Promise<FastifyInstance> {
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    // One line per call (below), with the key id; never the payloads.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimitBytes ?? 8 * 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  });
  const store = keyStoreOf(deps.keys);

  app.addHook('onRequest', async (request, reply) => {
    allowOrigin(request, reply, deps.corsOrigins);
    // Preflights carry no credentials; the browser sends the real call with them afterwards.
    if (request.method === 'OPTIONS') return reply.code(204).send();
    const key = presentedKey(request);
    const check = key ? verifyApiKey(key, store) : undefined;
    if (!check?.ok) {
      request.log.warn({ keyId: check?.keyId, reason: check?.reason ?? 'missing' }, 'codec: key refused');
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ message: 'an engineer API key is required' });
    }
    if (!(CODEC_ROLES as readonly string[]).includes(check.record.role)) {
      return reply.code(403).send({ message: `role '${check.record.role}' may not read contract payloads` });
    }
    request.log.info(
      { keyId: check.record.id, path: request.url, namespace: request.headers['x-namespace'] },
      'codec request',
    );
  });

  const route = (path: '/encode' | '/decode') =>
    app.post(path, async (request, reply) => {
      const body = PayloadsSchema.safeParse(request.body);
      if (!body.success) {
        const issue = body.error.issues[0]!;
        return reply.code(400).send({ message: `${issue.path.join('.') || 'body'}: ${issue.message}` });
      }
      const payloads = body.data.payloads.map(fromJson);
      try {
        const out =
          path === '/encode' ? await deps.codec.encode(payloads) : await deps.codec.decode(payloads);
        return { payloads: out.map(toJson) };
      } catch (err) {
        // Tampered payload or unknown key id: the message names the key id, never the data.
        return reply.code(400).send({ message: err instanceof Error ? err.message : String(err) });
      }
    });
  route('/encode');
  route('/decode');
  return app;
}
