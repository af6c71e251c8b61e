/** What a simulation answers: the contract's events as dated entries, and how a run that cannot go on fails. */
import { localDateOf, type IsoDate } from '../../domain/calendar';
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
 * The simulation cannot go on: the contract refused an action the scenario asked for, or the workflow
 * stalled. `timeline` holds what happened up to then.
 */
export class SimulationError extends Error {
  override name = 'SimulationError';
  timeline: TimelineEntry[] = [];
}
