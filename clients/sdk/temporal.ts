/**
 * ContractsApi directly over the Temporal client, for systems inside the operator's network (and the
 * implementation behind the HTTP API). Onboarding is one update-with-start: start the contract's
 * workflow if it is not running and, in the same call, run the onboarding handshake, which returns
 * the status or refuses a different specification under the same contract number.
 */
import { randomUUID } from 'node:crypto';
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import {
  type UpdateDefinition,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/common';
import { parseContractSpec, type ContractSpec } from '../../domain/contract-spec';
import { parseAction, type ActionInput, type ActionName } from '../../domain/lifecycle/actions';
import type { ContractStatus } from '../../domain/lifecycle/status';
import type { contractLifecycle } from '../../workflows/contractLifecycle';
import { actionUpdates, contractWorkflowId, onboardUpdate, statusQuery } from '../../workflows/messages';
import {
  ContractNoParamSchema,
  ListQuerySchema,
  ObligationsQuerySchema,
  ContractsApiError,
  type ContractsApi,
  type ObligationsQuery,
  type ObligationsResponse,
  type Role,
  type EventsResponse,
  type InboxResponse,
  type ListQuery,
  type ListResponse,
  type OnboardResponse,
} from './api-contract';
import {
  conflict,
  invalidRequest,
  notAvailable,
  notFound,
  specProblems,
  parseOrRefuse,
  parseQuery,
  toApiError,
} from './problems';
import { contractStart } from './contract-start';
import { specHash } from './spec-hash';
import {
  decodePageToken,
  encodePageToken,
  inboxQuery,
  listQuery,
  obligationsQuery,
  requestedByOf,
  summaryOf,
} from './visibility';
import { inboxItems } from './inbox';
import { obligationItems, statusesOf } from './obligations';

/** Contracts one obligations request looks into at most (each is one status query). */
const OBLIGATIONS_CONTRACTS_MAX = 1000;

export interface TemporalContractsOptions {
  taskQueue: string;
  /** Recorded as the contract's requester (memo `requestedBy`, onboarding event). Default `api`. */
  requestedBy?: string;
  /** Only contracts `requestedBy` onboarded are visible; others answer 404 (existence does not leak). */
  ownContractsOnly?: boolean;
  /** The requester's role: which parties' obligations it works on. Default `admin` (inside the network). */
  role?: Role;
  /** Deadline of each call to Temporal; past it the call fails with 503. Default 30 s. */
  callTimeoutMs?: number;
}

export class TemporalContractsClient implements ContractsApi {
  private readonly requestedBy: string;

  constructor(
    private readonly client: Client,
    private readonly options: TemporalContractsOptions,
  ) {
    this.requestedBy = options.requestedBy ?? 'api';
  }

  /** The same client acting for one requester (the HTTP API makes one per API key). */
  forRequester(
    requestedBy: string,
    scope: { ownContractsOnly: boolean; role?: Role },
  ): TemporalContractsClient {
    return new TemporalContractsClient(this.client, { ...this.options, requestedBy, ...scope });
  }

  async onboard(input: ContractSpec, options: { requestId?: string } = {}): Promise<OnboardResponse> {
    // Validate before anything touches Temporal: a refused spec starts nothing.
    const parsed = parseOrRefuse(() => parseContractSpec(input));
    if (!parsed.ok) throw specProblems(parsed.issues);
    const spec = parsed.spec;
    const hash = specHash(spec);
    const requestId = options.requestId ?? randomUUID();
    const workflowId = contractWorkflowId(spec.contractNo);
    const start = contractStart(spec, {
      taskQueue: this.options.taskQueue,
      requestedBy: this.requestedBy,
      requestId,
      specHash: hash,
    });
    // Someone else's number: refused before any Update reaches their contract's history.
    await this.assertNotSomeoneElses(spec.contractNo, { mayBeMissing: true });
    try {
      const result = await this.rawCall(() =>
        this.client.workflow.executeUpdateWithStart(onboardUpdate, {
          args: [{ specHash: hash, requestId }],
          startWorkflowOperation: start,
        }),
      );
      // Also when created: another key replaying the owner's Idempotency-Key is `created` to the workflow.
      await this.assertNotSomeoneElses(spec.contractNo);
      return { created: result.created, contractNo: spec.contractNo, workflowId, status: result.status };
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) {
        await this.assertNotSomeoneElses(spec.contractNo, { mayBeMissing: true });
        throw conflict(err.cause?.message ?? err.message);
      }
      if (err instanceof WorkflowExecutionAlreadyStartedError)
        return this.closedOnboarding(spec.contractNo, hash);
      throw toApiError(err, spec.contractNo);
    }
  }

  async get(contractNo: string): Promise<ContractStatus> {
    await this.assertVisible(contractNo);
    return this.call(() => this.handle(contractNo).query(statusQuery), contractNo);
  }

  async events(contractNo: string): Promise<EventsResponse> {
    const status = await this.get(contractNo);
    return { contractNo, events: status.events };
  }

  async list(query: ListQuery = {}): Promise<ListResponse> {
    const filters = parseQuery(ListQuerySchema, query, 'list query');
    const { limit, pageToken } = filters;
    const offset = decodePageToken(pageToken);
    if (offset === undefined)
      throw invalidRequest('invalid page token', [
        { path: 'pageToken', message: 'is not a token this API issued' },
      ]);
    return this.call(async () => {
      const contracts: ListResponse['contracts'] = [];
      let seen = 0;
      for await (const info of this.client.workflow.list({
        query: listQuery(this.options.taskQueue, filters),
        pageSize: Math.min(1000, offset + limit + 1),
      })) {
        if (this.options.ownContractsOnly && requestedByOf(info.memo) !== this.requestedBy) continue;
        seen += 1;
        if (seen <= offset) continue;
        if (contracts.length === limit) return { contracts, nextPageToken: encodePageToken(offset + limit) };
        contracts.push(summaryOf(info));
      }
      return { contracts };
    });
  }

  async act<A extends ActionName>(
    contractNo: string,
    action: A,
    input: ActionInput<A>,
    options: { requestId?: string } = {},
  ): Promise<ContractStatus> {
    this.checkContractNo(contractNo);
    const parsed = parseOrRefuse(() => parseAction(action, input));
    await this.assertVisible(contractNo);
    // Each action's Update takes that action's input; the map's type cannot say so per key.
    const update = actionUpdates[action] as unknown as UpdateDefinition<ContractStatus, [ActionInput<A>]>;
    try {
      // A retried request (same Idempotency-Key) is the same Update, which Temporal applies once. Scoped
      // to the requester and the action, so one caller's key never answers for another's request.
      const updateId = options.requestId
        ? `act/${this.requestedBy}/${action}/${options.requestId}`
        : undefined;
      return await this.rawCall(() =>
        this.handle(contractNo).executeUpdate(update, { args: [parsed], ...(updateId ? { updateId } : {}) }),
      );
    } catch (err) {
      if (
        err instanceof WorkflowNotFoundError ||
        (err as { cause?: unknown }).cause instanceof WorkflowNotFoundError
      ) {
        throw await this.closedOrMissing(contractNo, action);
      }
      throw toApiError(err, contractNo);
    }
  }

  async inbox(): Promise<InboxResponse> {
    return this.call(async () => {
      const summaries = await this.visibleSummaries(inboxQuery(this.options.taskQueue), 500);
      return { items: await inboxItems(summaries, (no) => this.handle(no).query(statusQuery)) };
    });
  }

  async obligations(query: ObligationsQuery = {}): Promise<ObligationsResponse> {
    const filters = parseQuery(ObligationsQuerySchema, query, 'obligations query');
    const role = this.options.role ?? 'admin';
    return this.call(async () => {
      const query = obligationsQuery(this.options.taskQueue, filters);
      const summaries = await this.visibleSummaries(query, OBLIGATIONS_CONTRACTS_MAX);
      const statuses = await statusesOf(summaries, (no) => this.handle(no).query(statusQuery));
      return obligationItems(statuses, filters, {
        keyId: this.requestedBy,
        role,
        readOnly: Boolean(this.options.ownContractsOnly),
      });
    });
  }

  /** The executions a visibility query finds that this requester may see, at most `max`. */
  private async visibleSummaries(query: string, max: number) {
    const summaries = [];
    for await (const info of this.client.workflow.list({ query, pageSize: Math.min(max, 500) })) {
      if (this.options.ownContractsOnly && requestedByOf(info.memo) !== this.requestedBy) continue;
      summaries.push(summaryOf(info));
      if (summaries.length >= max) break;
    }
    return summaries;
  }

  private handle(contractNo: string) {
    return this.client.workflow.getHandle<typeof contractLifecycle>(contractWorkflowId(contractNo));
  }

  /** Run one Temporal call under the deadline; translate whatever it throws. */
  private async call<T>(fn: () => Promise<T>, contractNo?: string): Promise<T> {
    try {
      return await this.rawCall(fn);
    } catch (err) {
      throw toApiError(err, contractNo);
    }
  }

  /** The same without translation, for callers that tell some SDK errors apart first. */
  private rawCall<T>(fn: () => Promise<T>): Promise<T> {
    return this.client.withDeadline(Date.now() + (this.options.callTimeoutMs ?? 30_000), fn);
  }

  private checkContractNo(contractNo: string): void {
    const parsed = ContractNoParamSchema.safeParse({ contractNo });
    if (!parsed.success) {
      throw invalidRequest('invalid contract number', [
        { path: 'contractNo', message: parsed.error.issues[0]?.message ?? 'is invalid' },
      ]);
    }
  }

  /** Who onboarded the contract; throws 404 if there is no such contract. */
  private async ownerOf(contractNo: string): Promise<string | undefined> {
    const description = await this.call(() => this.handle(contractNo).describe(), contractNo);
    return requestedByOf(description.memo);
  }

  private async assertVisible(contractNo: string): Promise<void> {
    this.checkContractNo(contractNo);
    if (!this.options.ownContractsOnly) return;
    if ((await this.ownerOf(contractNo)) !== this.requestedBy) throw notFound(contractNo);
  }

  /** A scoped requester onboarding a number another requester owns: one neutral 409, whatever it is. */
  private async assertNotSomeoneElses(contractNo: string, opts: { mayBeMissing?: boolean } = {}) {
    if (!this.options.ownContractsOnly) return;
    // A number nobody holds yet (mayBeMissing) is free to take: onboarding goes on.
    const owner = await this.ownerOf(contractNo).catch((err: unknown) => {
      if (opts.mayBeMissing && err instanceof ContractsApiError && err.status === 404)
        return this.requestedBy;
      throw err;
    });
    if (owner !== this.requestedBy) throw notAvailable(contractNo);
  }

  /** The contract ran and closed: same terms → its final status (not created), other terms → 409. */
  private async closedOnboarding(contractNo: string, hash: string): Promise<OnboardResponse> {
    // Ownership first: neither the terms nor the state of another requester's contract are told.
    await this.assertNotSomeoneElses(contractNo);
    const description = await this.call(() => this.handle(contractNo).describe(), contractNo);
    if (description.memo?.specHash !== hash) {
      throw conflict(
        `contract ${contractNo} already ran (now ${description.status.name.toLowerCase()}) with a different specification; a contract number is used once`,
      );
    }
    const status = await this.get(contractNo);
    return { created: false, contractNo, workflowId: contractWorkflowId(contractNo), status };
  }

  /** An Update to a closed workflow reports "not found"; say which it is. */
  private async closedOrMissing(contractNo: string, action: string) {
    try {
      const description = await this.call(() => this.handle(contractNo).describe(), contractNo);
      return conflict(
        `${action} is refused: contract ${contractNo} is ${description.status.name.toLowerCase()}`,
      );
    } catch (err) {
      return toApiError(err, contractNo);
    }
  }
}
