/**
 * When a reclaimed resource may be handed out again. Contract 001 (3.2.10): numbers and IP addresses
 * go to another customer only after 90 days. The days are counted as 民法典 art. 201 counts them
 * (domain/dates.ts firstDayAfterPeriod): from the day after the release, so after N days the resource
 * is free from 00:00 Shanghai of release day + N + 1 — the same day the quarantine event announces.
 */
import { firstDayAfterPeriod, shanghaiDateOf, shanghaiDayStart, type IsoDate } from '../domain/dates';

/**
 * 00:00 Asia/Shanghai of the first day after the quarantine, as a UTC ISO timestamp (0 days: the release
 * day). `availableFrom` is that day as the contract counts it (holidays included), when the caller knows it.
 */
export function quarantineUntil(releasedAt: Date, days: number, availableFrom?: IsoDate): string {
  if (availableFrom) return new Date(shanghaiDayStart(availableFrom)).toISOString();
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`quarantine days must be a whole number ≥ 0, got ${days}`);
  const released = shanghaiDateOf(releasedAt);
  const free = days === 0 ? released : firstDayAfterPeriod(released, days);
  return new Date(shanghaiDayStart(free)).toISOString();
}
