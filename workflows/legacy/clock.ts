/**
 * Workflow time in business terms. Workflow `Date.now()` is the SDK's deterministic clock (and the
 * time-skipping server's skipped clock in tests); contract dates are local dates in Asia/Shanghai.
 */
import { condition } from '@temporalio/workflow';
import { localDateOf, startOfLocalDay, type IsoDate } from '../../domain/calendar';

export function today(): IsoDate {
  return localDateOf(Date.now());
}

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

/** Milliseconds from now until 00:00 Asia/Shanghai of `date` (0 if already past). */
export function msUntilStartOf(date: string): number {
  return Math.max(0, startOfLocalDay(date) - Date.now());
}

/**
 * Wait until 00:00 Shanghai of `date`, or until `wake()` becomes true (a human action or a fact
 * arrived). Returns true when woken early. Long waits are one durable timer, not a polling loop.
 */
export async function waitUntilDate(date: string, wake: () => boolean): Promise<boolean> {
  const ms = msUntilStartOf(date);
  if (ms === 0) return wake();
  return condition(wake, ms);
}
