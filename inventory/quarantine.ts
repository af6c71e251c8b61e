/**
 * When a reclaimed resource may be handed out again. Contract 001 (3.2.10): numbers and IP
 * addresses go to another customer only after 90 days. Days are natural days in Asia/Shanghai, so
 * the quarantine ends at 00:00 Shanghai time, N days after the local date of the release.
 */

// China Standard Time has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset
// is exact and keeps this free of time-zone databases.
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 00:00 Asia/Shanghai of (local release date + days), as a UTC ISO timestamp. */
export function quarantineUntil(releasedAt: Date, days: number): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`quarantine days must be a whole number ≥ 0, got ${days}`);
  const local = new Date(releasedAt.getTime() + SHANGHAI_OFFSET_MS);
  const localMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days);
  return new Date(localMidnight - SHANGHAI_OFFSET_MS).toISOString();
}
