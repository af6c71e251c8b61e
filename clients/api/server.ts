/**
 * The sales-facing HTTP API: Fastify with the zod type provider, the OpenAPI 3.1 document generated
 * from the API contract's schemas (GET /openapi.json, browsable at /docs, served locally — no CDN),
 * API-key authentication with roles, and problem+json for every refusal. Built, not listening, so the
 * process entry, the tests and the demo each choose where it listens.
 */
import type { Duplex } from 'node:stream';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../../platform/logger';
import { PROBLEM_TYPES, type ContractsApi, type MeResponse, type Role } from '../sdk/api-contract';
import { authenticate, type Requester } from './auth';
import { keyStoreOf, type ApiKeyRecord, type ApiKeyStore } from './keys';
import { registerMetricsHooks, type ApiMetrics } from './metrics-hooks';
import { collectRoutes, registerMethodNotAllowed } from './methods';
import { finishOpenApiDocument } from './openapi';
import { errorHandler, notFoundHandler, sendProblem, validatorCompiler } from './problems';
import { logRequest } from './request-log';
import { registerRequestTracing } from './request-tracing';
import { registerContractRoutes } from './routes';
import { registerConsole } from '../console/serve';

/** A backend that can act for one requester (TemporalContractsClient has this). */
export interface ScopableContracts {
  forRequester(requestedBy: string, scope: { ownContractsOnly: boolean; role?: Role }): ContractsApi;
}

export interface ApiServerDeps {
  /** The contracts backend; sales keys are scoped to the contracts they onboarded. */
  contracts: ScopableContracts | ((requester: Requester) => ContractsApi);
  keys: ApiKeyRecord[] | ApiKeyStore;
  logger: Logger;
  bodyLimitBytes?: number;
  /** The Temporal Web UI and namespace the console links to (GET /v1/me); omitted when absent. */
  temporalUi?: MeResponse['temporalUi'];
  /** Request durations and action outcomes (tco_http_request_duration_seconds, tco_actions_total). */
  metrics?: ApiMetrics;
}

export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;
/**
 * Request line plus headers. Node's default (16 KiB) is below a query at its documented maximum (a
 * 2,000-character pageToken or 200-character name, %-encoded 4-byte characters): such a request must
 * reach validation and get a 400 naming the field, not the HTTP parser's bare 431.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** What the HTTP parser refuses before any route: a 431 as a problem, anything else a plain 400. */
function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy(err);
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const problem =
    status === 431
      ? {
          type: PROBLEM_TYPES.headersTooLarge,
          title: 'Request Header Fields Too Large',
          status,
          detail: `the request line and headers exceed ${MAX_HEADER_BYTES} bytes`,
        }
      : {
          type: PROBLEM_TYPES.invalidRequest,
          title: 'Invalid request',
          status,
          detail: 'malformed HTTP request',
        };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${problem.title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function buildApiServer(deps: ApiServerDeps): Promise<FastifyInstance> {
  // Typed as Fastify's base logger so the instance keeps its default type parameters.
  const loggerInstance: FastifyBaseLogger = deps.logger;
  const app = Fastify({
    loggerInstance,
    // One line per request (onResponse below), with the key id and never the key.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A URL Fastify cannot decode (a broken %-escape) fails before any route: answer it as a problem too.
    frameworkErrors: (error, _request, reply) =>
      void sendProblem(reply, {
        type: PROBLEM_TYPES.invalidRequest,
        title: 'Invalid request',
        status: 400,
        detail: `the request URL cannot be decoded (${error.code})`,
      }),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // JSON only: without its text/plain parser Fastify refuses any other body with 415.
  app.removeContentTypeParser('text/plain');
  // Before any route: it wraps each route's handler in the request's span (only when tracing is on).
  registerRequestTracing(app);

  const contractsFor =
    typeof deps.contracts === 'function'
      ? deps.contracts
      : (r: Requester) =>
          (deps.contracts as ScopableContracts).forRequester(r.keyId, {
            ownContractsOnly: r.role === 'sales',
            role: r.role,
          });

  app.addHook('onRequest', authenticate(keyStoreOf(deps.keys)));
  app.addHook('onResponse', logRequest);
  if (deps.metrics) registerMetricsHooks(app, deps.metrics);
  const routes = collectRoutes(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Contract orchestrator API',
        version: '1',
        description:
          'Onboard signed B2B contracts, follow their lifecycle and act on them. Errors are application/problem+json (RFC 9457).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      // Relative: the document is served by the API it describes, wherever that listens.
      servers: [{ url: '/', description: 'this API' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'API key: Authorization: Bearer tco_<id>_<secret>',
          },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) =>
      finishOpenApiDocument(
        ('openapiObject' in documentObject
          ? documentObject.openapiObject
          : documentObject.swaggerObject) as Record<string, unknown>,
      ),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  app.get('/healthz', { schema: { hide: true } }, () => Promise.resolve({ status: 'ok' }));
  app.get('/openapi.json', { schema: { hide: true } }, () => Promise.resolve(app.swagger()));
  registerContractRoutes(app, contractsFor, { temporalUi: deps.temporalUi });
  await registerConsole(app);
  registerMethodNotAllowed(app, routes);
  return app;
}
