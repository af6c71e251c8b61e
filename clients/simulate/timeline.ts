/** What a simulation answers: the contract's events as dated entries, and how a run that cannot go on fails. */
import { addDays, addMonths, localDateOf, type IsoDate } from '../../domain/calendar';
import { firstTerm, renewalOutlook } from '../../domain/clauses/term';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ContractEvent, ContractEventType } from '../../domain/events/catalogue';

export interface TimelineEntry {
  /** Local date (Asia/Shanghai) the event was published on. */
  date: IsoDate;
  type: ContractEventType;
  data: Record<string, unknown>;
}

/** Events published before `horizon`, in publish order, without what varies between runs (ids, times of day). */
export function toTimeline(events: readonly ContractEvent[], horizon: IsoDate): TimelineEntry[] {
  return events
    .map((e) => ({ date: localDateOf(Date.parse(e.time)), type: e.type, data: e.data }))
    .filter((e) => e.date < horizon);
}

/**
 * Years that cover the first term and the whole renewed term after it (or the expiry, when the contract
 * does not renew by itself), with activation estimated 90 days after signature, plus three months.
 */
export function defaultYears(spec: ContractSpec): number {
  const first = firstTerm(spec, { activationDate: addDays(spec.signedDate, 90) });
  const outlook = renewalOutlook(spec, first);
  const until = addMonths(outlook.kind === 'auto' ? outlook.next.end : first.end, 3);
  let years = 1;
  while (addMonths(spec.signedDate, 12 * years) < until) years += 1;
  return years;
}

/**
 * The simulation cannot go on: the contract refused an action the scenario asked for, or the workflow
 * stalled. `timeline` holds what happened up to then.
 */
export class SimulationError extends Error {
  override name = 'SimulationError';
  timeline: TimelineEntry[] = [];
}
