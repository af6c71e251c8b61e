/**
 * The counterparts' diary: dated steps, run in time order (then in the order they were written down).
 * Everyone acts at 10:00 Shanghai time, after the workflow's midnight deadlines of that day.
 */
import { startOfLocalDay, type IsoDate } from '../../domain/calendar';

const ACT_AT_HOUR = 10;

export interface Step {
  at: number;
  seq: number;
  run: () => Promise<void>;
}

/** Steps by time, then by the order they were added. */
export class Agenda {
  private readonly steps: Step[] = [];
  private seq = 0;

  add(date: IsoDate, run: () => Promise<void>): void {
    this.steps.push({ at: startOfLocalDay(date) + ACT_AT_HOUR * 3_600_000, seq: this.seq++, run });
    this.steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  peek(): Step | undefined {
    return this.steps[0];
  }

  shift(): Step | undefined {
    return this.steps.shift();
  }
}
