/**
 * Resource inventory as activities. Every change is idempotent by (contract number, request id), so
 * Temporal may retry freely. Business refusals are non-retryable failures whose type the workflow
 * can branch on (PoolExhausted, ResourceUnavailable, InvalidResourceFormat, …); a lost database
 * connection is an ordinary error and is retried.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ResourceKind } from '../../domain/resource-formats';
import { InventoryError } from '../../inventory/errors';
import {
  changeNumber,
  commit,
  release,
  releaseExpiredHolds,
  resumeService,
  suspendKeepNumber,
  type ExpiredHold,
} from '../../inventory/lifecycle';
import {
  contractHistory,
  contractResources,
  poolOccupancy,
  resourceHistory,
  type AuditEntry,
  type PoolOccupancy,
} from '../../inventory/queries';
import { reserve } from '../../inventory/reserve';
import type { InventoryStore } from '../../inventory/store';
import type {
  ChangeNumberRequest,
  ChangeResult,
  CommitRequest,
  NumberChange,
  ReleaseRequest,
  Reservation,
  ReserveRequest,
  ResourceView,
  SuspendRequest,
} from '../../inventory/types';

export interface InventoryActivityDeps {
  store: InventoryStore;
  /** Time as the inventory sees it (tests move it past a quarantine). */
  clock?: () => Date;
}

/** Inventory refusals become Temporal failures carrying their type and details. */
async function asActivity<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InventoryError)) throw error;
    throw ApplicationFailure.create({
      message: error.message,
      type: error.type,
      nonRetryable: !error.retryable,
      details: [error.details],
    });
  }
}

/** Audit entries name the workflow that asked, unless the caller names someone. */
function withActor<T extends { actor?: string }>(request: T): T {
  if (request.actor) return request;
  try {
    const workflowId = Context.current().info.workflowExecution?.workflowId;
    return workflowId ? { ...request, actor: `workflow:${workflowId}` } : request;
  } catch {
    return request; // called outside an activity (scripts): the inventory's default actor applies
  }
}

export function createInventoryActivities({ store, clock = () => new Date() }: InventoryActivityDeps) {
  const { db } = store;
  return {
    /** Hold resources for a contract: by kind and quantity, by name (e.g. 96110), or IPv4 by prefix length. */
    reserveResources(request: ReserveRequest): Promise<Reservation> {
      return asActivity(() => reserve(db, withActor(request), clock()));
    },
    /** Put a reservation's held resources into service. */
    commitReservation(request: CommitRequest): Promise<ChangeResult> {
      return asActivity(() => commit(db, withActor(request), clock()));
    },
    /** Give resources back: holds become free, resources in service rest in quarantine. */
    releaseResources(request: ReleaseRequest): Promise<ChangeResult> {
      return asActivity(() => release(db, withActor(request), clock()));
    },
    /** Service off, number kept for the contract (contract 003 停机保号). */
    suspendKeepNumber(request: SuspendRequest): Promise<ChangeResult> {
      return asActivity(() => suspendKeepNumber(db, withActor(request), clock()));
    },
    resumeService(request: SuspendRequest): Promise<ChangeResult> {
      return asActivity(() => resumeService(db, withActor(request), clock()));
    },
    /** New number in, old number into quarantine, in one step. */
    changeNumber(request: ChangeNumberRequest): Promise<NumberChange> {
      return asActivity(() => changeNumber(db, withActor(request), clock()));
    },
    /** Sweep: free every hold past its expiry. Run on a schedule. */
    releaseExpiredHolds(request: { actor?: string } = {}): Promise<{ released: ExpiredHold[] }> {
      return asActivity(() => releaseExpiredHolds(db, withActor(request), clock()));
    },
    getContractResources(request: { contractNo: string }): Promise<ResourceView[]> {
      return asActivity(() => contractResources(db, request.contractNo));
    },
    getContractHistory(request: { contractNo: string }): Promise<AuditEntry[]> {
      return asActivity(() => contractHistory(db, request.contractNo));
    },
    getResourceHistory(request: { kind: ResourceKind; value: string }): Promise<AuditEntry[]> {
      return asActivity(() => resourceHistory(db, request.kind, request.value));
    },
    getPoolOccupancy(): Promise<PoolOccupancy[]> {
      return asActivity(() => poolOccupancy(db, clock()));
    },
  };
}

export type InventoryActivities = ReturnType<typeof createInventoryActivities>;
