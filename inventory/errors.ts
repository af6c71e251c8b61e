/**
 * Business refusals of the inventory. Each has a stable `type` (the Temporal failure type the
 * activities raise) and a message that says what to do; none of them names another customer.
 */
export type InventoryErrorType =
  | 'PoolExhausted'
  | 'ResourceUnavailable'
  | 'InvalidResourceFormat'
  | 'InvalidRequest'
  | 'UnknownPool'
  | 'RequestConflict'
  | 'ReservationNotFound'
  /** Free resources exist but allocations in flight hold their locks: worth retrying. */
  | 'PoolContended';

export class InventoryError extends Error {
  constructor(
    readonly type: InventoryErrorType,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'InventoryError';
  }

  get retryable(): boolean {
    return this.type === 'PoolContended';
  }
}

/** Message of anything thrown (driver errors may come from another realm, so no instanceof). */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}
