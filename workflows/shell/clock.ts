/**
 * Workflow time in business terms. Workflow `Date.now()` is the SDK's deterministic clock (and the
 * time-skipping server's skipped clock in tests); contract dates are local dates in Asia/Shanghai.
 */
import { localDateOf, startOfLocalDay, type IsoDate } from '../../domain/calendar';

export function today(): IsoDate {
  return localDateOf(Date.now());
}

export function nowIso(): string {
  return new Date(Date.now()).toISOString();
}

/** Milliseconds from now until 00:00 Asia/Shanghai of `date` (at least 1, so a timer is a timer). */
export function msUntilStartOf(date: IsoDate): number {
  return Math.max(1, startOfLocalDay(date) - Date.now());
}
