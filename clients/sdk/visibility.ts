/**
 * Finding contracts through Temporal's visibility store: the list filters become a query on the
 * search attributes the workflow keeps up to date (workflows/search-attributes.ts), and an execution
 * becomes a ContractSummary. Only contracts on this deployment's task queue are listed.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { CONTRACT_WORKFLOW_TYPE } from '../../workflows/messages';
import {
  ContractNoKey,
  CustomerNameKey,
  HealthKey,
  NextDeadlineKey,
  ProductKey,
  RegionKey,
  StageKey,
} from '../../workflows/search-attributes';
import type { ContractSummary, ListQuerySchema, ObligationsQuerySchema } from './api-contract';
import type { z } from 'zod';
import { StageSchema } from '../../domain/lifecycle/status';

/** A string literal in a visibility query (backslash-escaped, as the server's SQL-like parser reads it). */
export const literal = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Product holds the contract's products joined by ',' in one Keyword: match it whole or as the first. */
const productClause = (product: string) =>
  `(Product = ${literal(product)} OR Product STARTS_WITH ${literal(`${product},`)})`;

/** The contract workflows of one task queue, narrowed by the list filters. */
export function listQuery(taskQueue: string, filters: z.output<typeof ListQuerySchema>): string {
  const clauses = [`WorkflowType = ${literal(CONTRACT_WORKFLOW_TYPE)}`, `TaskQueue = ${literal(taskQueue)}`];
  if (filters.stage) clauses.push(`Stage = ${literal(filters.stage)}`);
  if (filters.product) clauses.push(productClause(filters.product));
  // A prefix of the customer's name (the whole name matches too).
  if (filters.customer) clauses.push(`CustomerName STARTS_WITH ${literal(filters.customer)}`);
  // Set by the workflow only while it is stuck (removed when it recovers).
  if (filters.health) clauses.push(`Health = ${literal(filters.health)}`);
  return clauses.join(' AND ');
}

/** Running contracts narrowed by the obligations inbox's contract-level filters (region, product, stage). */
export function obligationsQuery(
  taskQueue: string,
  filters: z.output<typeof ObligationsQuerySchema>,
): string {
  const clauses = [
    `WorkflowType = ${literal(CONTRACT_WORKFLOW_TYPE)}`,
    `TaskQueue = ${literal(taskQueue)}`,
    `ExecutionStatus = 'Running'`,
  ];
  if (filters.region) clauses.push(`Region = ${literal(filters.region)}`);
  if (filters.product) clauses.push(productClause(filters.product));
  if (filters.stage) clauses.push(`Stage = ${literal(filters.stage)}`);
  return clauses.join(' AND ');
}

/** Running contracts waiting on a person: the reviewer, the field engineer, the customer's sign-off. */
export const WAITING_ON_A_PERSON = ['qualification', 'provisioning', 'acceptance'] as const;

export function inboxQuery(taskQueue: string): string {
  return [
    `WorkflowType = ${literal(CONTRACT_WORKFLOW_TYPE)}`,
    `TaskQueue = ${literal(taskQueue)}`,
    `ExecutionStatus = 'Running'`,
    `Stage IN (${WAITING_ON_A_PERSON.map(literal).join(', ')})`,
  ].join(' AND ');
}

/** Who onboarded the contract, from the memo the typed client writes at start (absent: the intake). */
export function requestedByOf(memo: Record<string, unknown> | undefined): string | undefined {
  const value = memo?.requestedBy;
  return typeof value === 'string' ? value : undefined;
}

export function summaryOf(info: WorkflowExecutionInfo): ContractSummary {
  const sa = info.typedSearchAttributes;
  const products = sa.get(ProductKey);
  const stage = StageSchema.safeParse(sa.get(StageKey));
  const nextDeadline = sa.get(NextDeadlineKey);
  return {
    contractNo: sa.get(ContractNoKey) ?? info.workflowId.replace(/^contract-/, ''),
    workflowId: info.workflowId,
    customerName: sa.get(CustomerNameKey),
    products: products ? products.split(',') : [],
    region: sa.get(RegionKey),
    stage: stage.success ? stage.data : undefined,
    nextDeadline: nextDeadline?.toISOString(),
    health: sa.get(HealthKey) === 'stuck' ? 'stuck' : 'ok',
    executionStatus: info.status.name.toLowerCase(),
    startedAt: info.startTime.toISOString(),
    requestedBy: requestedByOf(info.memo),
  };
}

/** Page tokens are opaque to callers: the offset into the (newest first) result of the same query. */
export const encodePageToken = (offset: number): string =>
  Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');

export function decodePageToken(token: string | undefined): number | undefined {
  if (token === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown };
    return Number.isSafeInteger(parsed.offset) && (parsed.offset as number) >= 0
      ? (parsed.offset as number)
      : undefined;
  } catch {
    return undefined;
  }
}
