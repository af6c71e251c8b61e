import type { ObligationItem } from '../../sdk/api-contract';

/** Earliest due first, undated last (the API sorts too; kept here so the order never depends on it). */
export function byDueDate(a: ObligationItem, b: ObligationItem): number {
  const x = a.obligation.dueDate ?? '9999';
  const y = b.obligation.dueDate ?? '9999';
  return x < y ? -1 : x > y ? 1 : a.contractNo.localeCompare(b.contractNo);
}
