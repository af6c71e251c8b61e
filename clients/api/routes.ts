/**
 * The contract routes, declared with the API contract's zod schemas (validation of params and query,
 * response serialization and the OpenAPI document all come from them). Each handler hands the work to
 * the requester's ContractsApi; failures arrive as ContractsApiError and become problems.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ACTION_NAMES,
  ActionSchemas,
  type ActionInput,
  type ActionName,
} from '../../domain/lifecycle/actions';
import { httpActionSchema, stampActor } from '../sdk/action-body';
import {
  ActionParamsSchema,
  ContractNoParamSchema,
  ContractSpecSchema,
  ContractStatusSchema,
  EventsResponseSchema,
  InboxResponseSchema,
  ListQuerySchema,
  ListResponseSchema,
  MeResponseSchema,
  ObligationsQuerySchema,
  ObligationsResponseSchema,
  OnboardResponseSchema,
  ProblemSchema,
  ROLE_PARTIES,
  ROUTE_ROLES,
  type ContractsApi,
  type MeResponse,
} from '../sdk/api-contract';
import type { Requester } from './auth';

const problems = {
  400: ProblemSchema.describe('Invalid request: every invalid field with its rule'),
  401: ProblemSchema.describe('Missing, unknown or revoked API key'),
  403: ProblemSchema.describe('The key’s role may not call this route'),
  404: ProblemSchema.describe('No such contract (or not yours)'),
  431: ProblemSchema.describe('Request line and headers over 64 KiB together (MAX_HEADER_BYTES)'),
  503: ProblemSchema.describe('Temporal unreachable; retry later'),
};
const security: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];

const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\w.:-]{1,200}$/, 'must be 1-200 letters, digits or . _ : -')
    .optional()
    .describe('Your request id; a retry with the same key still answers created: true'),
});

const ActionIdempotencyHeaders = z.object({
  'idempotency-key': IdempotencyHeaders.shape['idempotency-key'].describe(
    'Your request id; a retry with the same key (same key id, same action) is applied once and answers the status',
  ),
});

export interface ContractRoutesOptions {
  /** Where the console links a contract's workflow page (GET /v1/me). */
  temporalUi?: MeResponse['temporalUi'];
}

export function registerContractRoutes(
  app: FastifyInstance,
  contractsFor: (r: Requester) => ContractsApi,
  options: ContractRoutesOptions = {},
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const backend = (request: FastifyRequest) => contractsFor(request.requester!);

  api.post(
    '/v1/contracts',
    {
      config: { routeKey: 'POST /v1/contracts' },
      schema: {
        operationId: 'onboardContract',
        summary: 'Onboard a signed contract (starts its lifecycle once per contract number)',
        tags: ['contracts'],
        security,
        headers: IdempotencyHeaders,
        body: ContractSpecSchema,
        response: {
          201: OnboardResponseSchema.describe('Started by this request'),
          200: OnboardResponseSchema.describe('Already running (or closed) with the same terms'),
          ...problems,
          409: ProblemSchema.describe(
            'The contract number is taken by different terms, or is not available to this key',
          ),
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      // Not validated yet (see validatorCompiler): onboard() parses it with parseContractSpec.
      const result = await backend(request).onboard(request.body, {
        requestId: request.headers['idempotency-key'],
      });
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  api.get(
    '/v1/contracts',
    {
      config: { routeKey: 'GET /v1/contracts' },
      schema: {
        operationId: 'listContracts',
        summary: 'List contracts by stage, product, customer (name prefix) and health',
        tags: ['contracts'],
        security,
        querystring: ListQuerySchema,
        response: { 200: ListResponseSchema, ...problems },
      },
    },
    async (request) => backend(request).list(request.query),
  );

  api.get(
    '/v1/contracts/:contractNo',
    {
      config: { routeKey: 'GET /v1/contracts/:contractNo' },
      schema: {
        operationId: 'getContract',
        summary: 'A contract’s status: stage, waiting for, deadlines, checklist, resources, balances',
        tags: ['contracts'],
        security,
        params: ContractNoParamSchema,
        response: { 200: ContractStatusSchema, ...problems },
      },
    },
    async (request) => backend(request).get(request.params.contractNo),
  );

  api.get(
    '/v1/contracts/:contractNo/events',
    {
      config: { routeKey: 'GET /v1/contracts/:contractNo/events' },
      schema: {
        operationId: 'listContractEvents',
        summary: 'The events the contract has emitted, oldest first',
        tags: ['contracts'],
        security,
        params: ContractNoParamSchema,
        response: { 200: EventsResponseSchema, ...problems },
      },
    },
    async (request) => backend(request).events(request.params.contractNo),
  );

  for (const action of ACTION_NAMES) registerAction(app, backend, action);

  // Any other action name: refused with the list of known actions.
  api.post(
    '/v1/contracts/:contractNo/actions/:action',
    {
      config: { routeKey: 'POST /v1/contracts/:contractNo/actions/:action' },
      schema: { hide: true, params: ActionParamsSchema },
    },
    async (request) =>
      backend(request).act(request.params.contractNo, request.params.action, request.body as never),
  );

  api.get(
    '/v1/inbox',
    {
      config: { routeKey: 'GET /v1/inbox' },
      schema: {
        operationId: 'getInbox',
        summary: 'Contracts waiting on a person (review, field work, sign-off), nearest deadline first',
        tags: ['engineers'],
        security,
        response: { 200: InboxResponseSchema, ...problems },
      },
    },
    async (request) => backend(request).inbox(),
  );

  api.get(
    '/v1/obligations',
    {
      config: { routeKey: 'GET /v1/obligations' },
      schema: {
        operationId: 'listObligations',
        summary: 'Open obligations your role works on, across contracts, earliest due first',
        description:
          'One item per open obligation a person discharges, of the parties the key’s role works on ' +
          '(GET /v1/me: parties). Sales keys see their own contracts’ obligations, read-only.',
        tags: ['engineers'],
        security,
        querystring: ObligationsQuerySchema,
        response: { 200: ObligationsResponseSchema, ...problems },
      },
    },
    async (request) => backend(request).obligations(request.query),
  );

  api.get(
    '/v1/me',
    {
      config: { routeKey: 'GET /v1/me' },
      schema: {
        operationId: 'getMe',
        summary: 'The calling key: its id, role, whether it may act, and the parties it works for',
        tags: ['engineers'],
        security,
        response: { 200: MeResponseSchema, ...problems },
      },
    },
    async (request): Promise<MeResponse> => {
      const { keyId, role } = request.requester!;
      const actors: readonly string[] = ROUTE_ROLES['POST /v1/contracts/:contractNo/actions/:action'];
      return Promise.resolve({
        keyId,
        role,
        mayAct: actors.includes(role),
        parties: [...ROLE_PARTIES[role]],
        ...(options.temporalUi ? { temporalUi: options.temporalUi } : {}),
      });
    },
  );
}

function registerAction<A extends ActionName>(
  app: FastifyInstance,
  backend: (request: FastifyRequest) => ContractsApi,
  action: A,
): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    `/v1/contracts/:contractNo/actions/${action}`,
    {
      config: { routeKey: 'POST /v1/contracts/:contractNo/actions/:action' },
      schema: {
        // Stable and camelCase: submit-document → submitDocument.
        operationId: action.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
        summary: `Action: ${action}`,
        description: ActionSchemas[action].description,
        tags: ['actions'],
        security,
        params: ContractNoParamSchema,
        headers: ActionIdempotencyHeaders,
        body: httpActionSchema(action),
        response: {
          200: ContractStatusSchema.describe('The contract’s status after the action'),
          ...problems,
          409: ProblemSchema.describe('Refused: wrong stage or the action’s rule (the workflow’s message)'),
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request) => {
      // The key acts, whatever name the body carries: the decision log names who really did it.
      const input = stampActor(action, request.body, request.requester!.keyId) as ActionInput<A>;
      return backend(request).act(request.params.contractNo, action, input, {
        requestId: request.headers['idempotency-key'],
      });
    },
  );
}
