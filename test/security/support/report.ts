/**
 * Fuzz figures per run, written to test/reports/fuzz-<suite>.json (git-ignored) for the chaos report:
 * how many hostile inputs each family tried, how they ended, and how long it took.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUZZ_RUNS, FUZZ_SEED } from './hostile';

export const REPORTS_DIR = process.env.CHAOS_REPORT_DIR ?? join(__dirname, '../../reports');

export interface FamilyFigures {
  inputs: number;
  outcomes: Record<string, number>;
  durationMs: number;
}

export class FuzzReport {
  private readonly families: Record<string, FamilyFigures> = {};
  /** Known gaps seen during the run, by kind: how many inputs showed each. */
  private readonly findings: Record<string, Record<string, number>> = {};
  private readonly startedAt = new Date();

  constructor(private readonly suite: string) {}

  /** Count one input's outcome (e.g. `400`, `dead-lettered`, `signalled`) in its family. */
  record(family: string, outcome: string | number): void {
    const figures = (this.families[family] ??= { inputs: 0, outcomes: {}, durationMs: 0 });
    figures.inputs += 1;
    figures.outcomes[outcome] = (figures.outcomes[outcome] ?? 0) + 1;
  }

  /** Count an input that showed a known gap (reported, not failed). */
  finding(kind: string, label: string): void {
    const seen = (this.findings[kind] ??= {});
    seen[label] = (seen[label] ?? 0) + 1;
  }

  async time<T>(family: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      const figures = (this.families[family] ??= { inputs: 0, outcomes: {}, durationMs: 0 });
      figures.durationMs += Math.round(performance.now() - started);
    }
  }

  figures(family: string): FamilyFigures | undefined {
    return this.families[family];
  }

  write(extra: Record<string, unknown> = {}): string {
    mkdirSync(REPORTS_DIR, { recursive: true });
    const file = join(REPORTS_DIR, `fuzz-${this.suite}.json`);
    const families = Object.values(this.families);
    const report = {
      suite: this.suite,
      startedAt: this.startedAt.toISOString(),
      runsPerFamily: FUZZ_RUNS,
      seed: FUZZ_SEED,
      totalInputs: families.reduce((n, f) => n + f.inputs, 0),
      durationMs: families.reduce((n, f) => n + f.durationMs, 0),
      families: this.families,
      findings: this.findings,
      ...extra,
    };
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    return file;
  }
}
