/**
 * The obligations inbox (the console's task list, `tco inbox`): each running contract's open
 * obligations that a person discharges, of the parties the requester's role works on, flattened to one
 * item per obligation, filtered and sorted by due date. Pure, so the rules are tested without Temporal.
 */
import type { ContractStatus } from '../../domain/lifecycle/status';
import {
  ROLE_PARTIES,
  ROUTE_ROLES,
  type ContractSummary,
  type ObligationItem,
  type ObligationsQuerySchema,
  type ObligationsResponse,
  type Role,
} from './api-contract';
import type { z } from 'zod';

export interface ObligationsRequester {
  keyId: string;
  role: Role;
  /** Sales: its own contracts, read-only. */
  readOnly: boolean;
}

export type ObligationFilters = z.output<typeof ObligationsQuerySchema>;

/** The role may call the action routes (claim, approve, confirm, …). */
export function mayAct(role: Role): boolean {
  const actors: readonly Role[] = ROUTE_ROLES['POST /v1/contracts/:contractNo/actions/:action'];
  return actors.includes(role);
}

/** Flatten, filter, sort and cut: `statuses` pairs each contract's summary with its status. */
export function obligationItems(
  statuses: Array<{ summary: ContractSummary; status: ContractStatus }>,
  filters: ObligationFilters,
  requester: ObligationsRequester,
): ObligationsResponse {
  const parties: readonly string[] = ROLE_PARTIES[requester.role];
  const actionable = !requester.readOnly && mayAct(requester.role);
  const items: ObligationItem[] = [];
  for (const { summary, status } of statuses) {
    for (const obligation of status.obligations) {
      if (!obligation.action || !parties.includes(obligation.party)) continue;
      if (filters.party && obligation.party !== filters.party) continue;
      if (filters.assignee === 'mine' && obligation.assignee?.by !== requester.keyId) continue;
      if (filters.assignee === 'unassigned' && obligation.assignee) continue;
      if (filters.dueBefore && !(obligation.dueDate && obligation.dueDate < filters.dueBefore)) continue;
      // The visibility query narrowed by stage already; the status is fresher than the search attribute.
      if (filters.stage && status.stage !== filters.stage) continue;
      items.push({
        contractNo: status.contractNo,
        workflowId: status.workflowId,
        customerName: status.customerName,
        products: summary.products,
        region: summary.region ?? '',
        stage: status.stage,
        obligation,
        actionable,
      });
    }
  }
  items.sort(byDueDate);
  return { items: items.slice(0, filters.limit), truncated: items.length > filters.limit };
}

/** Earliest due first, undated last; then contract number and obligation id, for a stable order. */
export function byDueDate(a: ObligationItem, b: ObligationItem): number {
  const da = a.obligation.dueDate;
  const db = b.obligation.dueDate;
  if (da !== db) {
    if (!da) return 1;
    if (!db) return -1;
    return da < db ? -1 : 1;
  }
  if (a.contractNo !== b.contractNo) return a.contractNo < b.contractNo ? -1 : 1;
  return a.obligation.id < b.obligation.id ? -1 : a.obligation.id > b.obligation.id ? 1 : 0;
}

const CONCURRENT_QUERIES = 8;

/** Each contract's status, a few at a time; a contract that does not answer is left out. */
export async function statusesOf(
  summaries: ContractSummary[],
  statusOf: (contractNo: string) => Promise<ContractStatus>,
): Promise<Array<{ summary: ContractSummary; status: ContractStatus }>> {
  const out: Array<{ summary: ContractSummary; status: ContractStatus }> = [];
  for (let i = 0; i < summaries.length; i += CONCURRENT_QUERIES) {
    const batch = summaries.slice(i, i + CONCURRENT_QUERIES);
    const answers = await Promise.allSettled(batch.map((s) => statusOf(s.contractNo)));
    batch.forEach((summary, j) => {
      const answer = answers[j]!;
      if (answer.status === 'fulfilled') out.push({ summary, status: answer.value });
    });
  }
  return out;
}
