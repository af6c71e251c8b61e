/**
 * The contract between sales systems / engineers' tools and the orchestrator, written once: the HTTP
 * API server validates and documents (OpenAPI) with these schemas, the typed client returns these
 * types, and both implementations of `ContractsApi` (over HTTP and directly over Temporal) honour it.
 */
import { z } from 'zod';
import { ContractSpecSchema, type ContractSpec } from '../../domain/contract-spec';
import { ACTION_NAMES, type ActionInput, type ActionName } from '../../domain/lifecycle/actions';
import {
  ContractStatusSchema,
  HEALTHS,
  ObligationSchema,
  PARTIES,
  StageSchema,
  type ContractStatus,
  type Party,
} from '../../domain/lifecycle/status';
import { PlausibleDateSchema } from '../../domain/dates';

export { ContractSpecSchema, ContractStatusSchema, ObligationSchema };
export type { ContractSpec, ContractStatus, ActionName, ActionInput };

import { ROLES, type Role } from '../../platform/key-registry';

export { ROLES, type Role };

/** Route → roles allowed. The server enforces it; the route × role test is driven by it. */
export const ROUTE_ROLES = {
  'POST /v1/contracts': ['sales', 'admin'],
  'GET /v1/contracts': ['sales', 'engineer', 'billing', 'admin'],
  'GET /v1/contracts/:contractNo': ['sales', 'engineer', 'billing', 'admin'],
  'GET /v1/contracts/:contractNo/events': ['sales', 'engineer', 'billing', 'admin'],
  'POST /v1/contracts/:contractNo/actions/:action': ['engineer', 'admin'],
  'GET /v1/inbox': ['engineer', 'admin'],
  'GET /v1/obligations': ['sales', 'engineer', 'admin'],
  'GET /v1/me': ['sales', 'engineer', 'billing', 'admin', 'compliance'],
} as const satisfies Record<string, readonly Role[]>;
export type RouteKey = keyof typeof ROUTE_ROLES;

/** RFC 9457 problem details; `errors` lists every invalid field with the rule it broke. */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ContractNoParamSchema = z.object({
  contractNo: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be 1-64 letters, digits or dashes'),
});

export const ActionParamsSchema = ContractNoParamSchema.extend({ action: z.enum(ACTION_NAMES) });

export const OnboardResponseSchema = z.object({
  /** True when this request started the contract (201), false when it already ran with the same terms (200). */
  created: z.boolean(),
  contractNo: z.string(),
  workflowId: z.string(),
  status: ContractStatusSchema,
});
export type OnboardResponse = z.infer<typeof OnboardResponseSchema>;

export const ContractSummarySchema = z.object({
  contractNo: z.string(),
  workflowId: z.string(),
  customerName: z.string().optional(),
  products: z.array(z.string()),
  region: z.string().optional(),
  stage: StageSchema.optional(),
  /** Nearest deadline (ISO instant) the contract waits on, if any. */
  nextDeadline: z.string().optional(),
  /** `stuck` while the contract cannot go on until a fix is deployed (see its status); else `ok`. */
  health: z.enum(HEALTHS).optional(),
  /** Temporal's view: running, completed, failed, terminated, … */
  executionStatus: z.string(),
  startedAt: z.string(),
  /** API key id (or system) that onboarded the contract. */
  requestedBy: z.string().optional(),
});
export type ContractSummary = z.infer<typeof ContractSummarySchema>;

/**
 * Text a visibility query can carry and a terminal can print: no C0/C1 controls (NUL breaks the
 * query, ESC drives terminals), no bidi overrides or isolates, no lone surrogates. A character class
 * rather than a refinement so the OpenAPI document states the rule (as a JSON Schema pattern); lone
 * surrogates are checked apart, as a surrogate range makes the pattern unusable to other tools.
 */
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
export const PLAIN_TEXT = /^[^\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]*$/;
const PLAIN_TEXT_RULE = 'must be plain text: no control characters, NUL, bidi controls or lone surrogates';
const plainText = () =>
  z
    .string()
    .regex(PLAIN_TEXT, PLAIN_TEXT_RULE)
    .refine((s) => !/\p{Cs}/u.test(s), PLAIN_TEXT_RULE);

export const ListQuerySchema = z
  .object({
    stage: StageSchema.optional(),
    product: z
      .string()
      .regex(/^[\w-]{1,64}$/, 'must be a product code')
      .optional(),
    customer: plainText().min(1).max(200).optional(),
    /** `stuck`: only contracts that cannot go on until a fix is deployed (status `health`), for operators. */
    health: z.enum(['stuck']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    pageToken: z.string().max(2000).optional(),
  })
  .strict();
export type ListQuery = z.input<typeof ListQuerySchema>;

export const ListResponseSchema = z.object({
  contracts: z.array(ContractSummarySchema),
  nextPageToken: z.string().optional(),
});
export type ListResponse = z.infer<typeof ListResponseSchema>;

export const EventsResponseSchema = z.object({
  contractNo: z.string(),
  events: ContractStatusSchema.shape.events,
});
export type EventsResponse = z.infer<typeof EventsResponseSchema>;

/** Contracts waiting on a person (review, field work, customer sign-off), nearest deadline first. */
export const InboxResponseSchema = z.object({
  items: z.array(
    z.object({
      contractNo: z.string(),
      customerName: z.string(),
      stage: StageSchema,
      /** For display, derived from `obligations`. */
      waitingFor: z.string(),
      /** The contract's open obligations, earliest due first (empty when its status did not answer). */
      obligations: z.array(ObligationSchema),
      nextDeadline: z.object({ name: z.string(), date: z.string() }).optional(),
    }),
  ),
});
export type InboxResponse = z.infer<typeof InboxResponseSchema>;

/**
 * Which obligations each role works on (the console's inbox, `tco inbox`). Engineers act in the API
 * for reviewers, field engineers, compliance and the customer's paper forms alike; sales follows what
 * its customers still owe, read-only; billing's obligations are discharged by facts, not by people.
 */
export const ROLE_PARTIES: Record<Role, readonly Party[]> = {
  engineer: ['reviewer', 'engineer', 'customer', 'compliance'],
  admin: ['reviewer', 'engineer', 'customer', 'compliance', 'sales'],
  sales: ['customer'],
  billing: [],
  compliance: [],
};

/** Filters of the obligations inbox; the console keeps them in its URL. */
export const ObligationsQuerySchema = z
  .object({
    party: z.enum(PARTIES).optional(),
    /** Province of the contract (search attribute `Region`), exact. */
    region: plainText().min(1).max(64).optional(),
    product: z
      .string()
      .regex(/^[\w-]{1,64}$/, 'must be a product code')
      .optional(),
    stage: StageSchema.optional(),
    /** `mine`: claimed by the calling key; `unassigned`: claimed by nobody. */
    assignee: z.enum(['mine', 'unassigned']).optional(),
    /** Only obligations due strictly before this local date (Asia/Shanghai); undated ones are left out. */
    dueBefore: PlausibleDateSchema.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type ObligationsQuery = z.input<typeof ObligationsQuerySchema>;

export const ObligationItemSchema = z.object({
  contractNo: z.string(),
  workflowId: z.string(),
  customerName: z.string(),
  products: z.array(z.string()),
  region: z.string(),
  stage: StageSchema,
  obligation: ObligationSchema,
  /** The calling key may discharge it (or claim it) through the API. */
  actionable: z.boolean(),
});
export type ObligationItem = z.infer<typeof ObligationItemSchema>;

/** Open obligations across contracts, earliest due first (undated last). */
export const ObligationsResponseSchema = z.object({
  items: z.array(ObligationItemSchema),
  /** More matched than `limit`; narrow the filters. */
  truncated: z.boolean(),
});
export type ObligationsResponse = z.infer<typeof ObligationsResponseSchema>;

/** The calling key: who the console signs in as. */
export const MeResponseSchema = z.object({
  keyId: z.string(),
  role: z.enum(ROLES),
  /** The key may call the action routes (claim, approve, confirm, …). */
  mayAct: z.boolean(),
  /** Parties whose obligations the role works on (ROLE_PARTIES). */
  parties: z.array(z.enum(PARTIES)),
  /** Base URL of the Temporal Web UI and the namespace, to link a contract's workflow page. */
  temporalUi: z.object({ url: z.string(), namespace: z.string() }).optional(),
});
export type MeResponse = z.infer<typeof MeResponseSchema>;

/** What a sales system or tool can do; implemented over HTTP and directly over the Temporal client. */
export interface ContractsApi {
  onboard(spec: ContractSpec, options?: { requestId?: string }): Promise<OnboardResponse>;
  get(contractNo: string): Promise<ContractStatus>;
  list(query?: ListQuery): Promise<ListResponse>;
  events(contractNo: string): Promise<EventsResponse>;
  /** `requestId`: the caller's Idempotency-Key; a retry with the same one is applied once. */
  act<A extends ActionName>(
    contractNo: string,
    action: A,
    input: ActionInput<A>,
    options?: { requestId?: string },
  ): Promise<ContractStatus>;
  inbox(): Promise<InboxResponse>;
  /** Open obligations across contracts that the requester's role works on (the console's inbox). */
  obligations(query?: ObligationsQuery): Promise<ObligationsResponse>;
}

/** Every failure of a `ContractsApi` call, carrying the problem the HTTP API would answer with. */
export class ContractsApiError extends Error {
  override name = 'ContractsApiError';
  /** `cause`: what went wrong underneath, for the server's log only (never sent to the caller). */
  constructor(
    readonly problem: Problem,
    options?: { cause?: unknown },
  ) {
    super(
      `${problem.status} ${problem.title}${problem.detail ? `: ${problem.detail}` : ''}` +
        (problem.errors?.length
          ? ` (${problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ')})`
          : ''),
      options,
    );
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Problem `type` URIs (relative to the API's docs), one per failure kind. */
export const PROBLEM_TYPES = {
  invalidRequest: '/problems/invalid-request',
  unauthenticated: '/problems/unauthenticated',
  forbidden: '/problems/forbidden',
  notFound: '/problems/not-found',
  methodNotAllowed: '/problems/method-not-allowed',
  conflict: '/problems/conflict',
  wrongStage: '/problems/action-refused',
  unsupportedMediaType: '/problems/unsupported-media-type',
  payloadTooLarge: '/problems/payload-too-large',
  headersTooLarge: '/problems/request-headers-too-large',
  unavailable: '/problems/unavailable',
} as const;
