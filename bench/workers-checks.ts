/**
 * The workers test's verdicts, pure so they can be tested: did a killed worker cost anything (every
 * event the contracts emitted delivered, none emitted twice under a new id, resources allocated once),
 * and how long the survivors took to answer what was in flight at the kill.
 */
import { percentiles, type Percentiles } from './stats';

/** One API call: what it was and when (ms on the run's clock). */
export interface Span {
  name: string;
  start: number;
  end: number;
}

export interface CallWindow {
  calls: number;
  perSecond: number;
  ms?: Percentiles;
}

export interface Takeover {
  /** Kill → the last answer to a call in flight at the kill or started within a second after. */
  takeoverMs: number;
  /** The call that took that long. */
  slowest?: string;
  before: CallWindow;
  after: CallWindow;
}

export function takeover(spans: readonly Span[], killAt: number, endAt: number): Takeover {
  const window = (from: number, to: number): CallWindow => {
    const inside = spans.filter((s) => s.end > from && s.end <= to);
    const seconds = Math.max(0.001, (to - from) / 1000);
    return {
      calls: inside.length,
      perSecond: inside.length / seconds,
      ms: percentiles(inside.map((s) => s.end - s.start)),
    };
  };
  const first = spans.reduce((m, s) => Math.min(m, s.start), killAt);
  const hit = spans.filter((s) => s.start <= killAt + 1000 && s.end > killAt);
  const slowest = hit.reduce<Span | undefined>((m, s) => (!m || s.end > m.end ? s : m), undefined);
  return {
    takeoverMs: slowest ? slowest.end - killAt : 0,
    ...(slowest ? { slowest: slowest.name } : {}),
    before: window(first, killAt),
    after: window(killAt, endAt),
  };
}

export interface EventVerdict {
  /** Emitted by a contract (in its status) and never delivered on the lifecycle topic. */
  missing: string[];
  /** Delivered for a contract but not in its status: a step done twice under a new event id. */
  phantom: string[];
  /** The same event id delivered more than once (at-least-once: consumers drop it by id). */
  redelivered: number;
}

export function checkEvents(
  emitted: ReadonlyMap<string, readonly string[]>,
  delivered: ReadonlyMap<string, readonly string[]>,
): EventVerdict {
  const verdict: EventVerdict = { missing: [], phantom: [], redelivered: 0 };
  for (const [contractNo, ids] of emitted) {
    const seen = delivered.get(contractNo) ?? [];
    const seenSet = new Set(seen);
    verdict.redelivered += seen.length - seenSet.size;
    const own = new Set(ids);
    for (const id of ids) if (!seenSet.has(id)) verdict.missing.push(`${contractNo} ${id}`);
    for (const id of seenSet) if (!own.has(id)) verdict.phantom.push(`${contractNo} ${id}`);
  }
  return verdict;
}

/** Contracts holding another count of resources than they need ("no. held/needed"). */
export function checkAllocations(
  needed: ReadonlyMap<string, number>,
  held: ReadonlyMap<string, number>,
): string[] {
  return [...needed].flatMap(([contractNo, n]) => {
    const h = held.get(contractNo) ?? 0;
    return h === n ? [] : [`${contractNo} ${h}/${n}`];
  });
}

export interface Check {
  check: string;
  ok: boolean;
  detail: string;
}

/** The bench's failure message when a check failed (the run then exits non-zero), else undefined. */
export function lostWork(checks: readonly Check[]): string | undefined {
  const failed = checks.filter((c) => !c.ok);
  if (failed.length === 0) return undefined;
  return `lost work after SIGKILL: ${failed.map((c) => `${c.check} (${c.detail})`).join('; ')}`;
}
