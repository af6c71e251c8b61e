/**
 * The chaos report: what was done (faults, inputs) and what held (invariant checks), per scenario.
 * Always printed; written to test/reports/chaos-<timestamp>.json and .md when CHAOS_REPORT_DIR is set
 * (npm run chaos sets it).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check, RunFacts } from './invariants';
import type { ChaosProfile } from './profile';

export interface Fault {
  kind: 'worker-kill' | 'broker-outage' | 'database-outage' | 'temporal-restart';
  /** ms since the scenario began. */
  atMs: number;
  durationMs?: number;
  /** Worker kills: the phases of the steps in flight, and which steps. */
  phases?: string[];
  detail: string;
}

export interface ScenarioResult {
  name: string;
  durationMs: number;
  contracts: Array<{ contractNo: string; kind: string; steps: number }>;
  faults: Fault[];
  /** Inputs sent (Updates and Signals), counting resends after a failed call. */
  inputs: number;
  checks: Check[];
  facts: Omit<RunFacts, 'checks'>;
  notes: string[];
}

export interface ChaosReport {
  profile: ChaosProfile;
  startedAt: string;
  durationMs: number;
  scenarios: ScenarioResult[];
  /** Hostile-input runs (test/security fuzz suites) written to the report folder before this run. */
  fuzz?: FuzzFigures[];
}

/** The part of a fuzz suite's report (test/security/support/report.ts) the chaos report quotes. */
export interface FuzzFigures {
  suite: string;
  startedAt: string;
  runsPerFamily: number;
  seed: number;
  totalInputs: number;
  durationMs: number;
  families: Record<string, { inputs: number; outcomes: Record<string, number> }>;
}

function fuzzSection(fuzz: FuzzFigures[] | undefined): string[] {
  if (!fuzz?.length) return [];
  return [
    '## Hostile inputs (fuzz)',
    '',
    '| suite | inputs | per family | how they ended | runtime | FUZZ_SEED |',
    '| --- | --- | --- | --- | --- | --- |',
    ...fuzz.map((f) => {
      const ended = new Map<string, number>();
      for (const fam of Object.values(f.families)) {
        for (const [o, n] of Object.entries(fam.outcomes)) ended.set(o, (ended.get(o) ?? 0) + n);
      }
      const outcomes = [...ended].map(([o, n]) => `${o} ${n}`).join(', ');
      return `| ${f.suite} | ${f.totalInputs} | ${f.runsPerFamily} | ${outcomes} | ${(f.durationMs / 1000).toFixed(1)} s | ${f.seed} |`;
    }),
    '',
  ];
}

/** Fuzz reports in `dir` (fuzz-<suite>.json), oldest suite first. */
export function readFuzzFigures(dir: string): FuzzFigures[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^fuzz-.*\.json$/.test(f))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as FuzzFigures);
}

export function summary(report: ChaosReport): string {
  const all = report.scenarios.flatMap((s) => s.checks);
  const faults = report.scenarios.flatMap((s) => s.faults);
  const kills = faults.filter((f) => f.kind === 'worker-kill');
  const byPhase = new Map<string, number>();
  for (const k of kills) for (const p of new Set(k.phases)) byPhase.set(p, (byPhase.get(p) ?? 0) + 1);
  const lines = [
    `# Chaos run ${report.startedAt} (profile ${report.profile.name}, CHAOS_SEED=${report.profile.seed})`,
    '',
    `Runtime ${(report.durationMs / 1000).toFixed(0)} s. Invariant checks passed: ${all.filter((c) => c.passed).length}/${all.length}.`,
    `Worker kills (kill -9): ${kills.length} — by phase in flight: ${[...byPhase].map(([p, n]) => `${p} ${n}`).join(', ')}.`,
    '',
    '| scenario | contracts | faults | inputs | checks passed | duplicates dropped by the consumer | runtime |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...report.scenarios.map((s) => {
      const f = s.faults
        .map((x) => (x.durationMs ? `${x.kind} ${(x.durationMs / 1000).toFixed(0)} s` : x.kind))
        .reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
      const faultText = [...f].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join(', ');
      const passed = s.checks.filter((c) => c.passed).length;
      return `| ${s.name} | ${s.contracts.length} | ${faultText} | ${s.inputs} | ${passed}/${s.checks.length} | ${s.facts.duplicatesDropped} | ${(s.durationMs / 1000).toFixed(0)} s |`;
    }),
    '',
    ...report.scenarios.flatMap((s) => [
      `## ${s.name}`,
      '',
      ...s.notes.map((n) => `- ${n}`),
      ...s.faults.map(
        (f) =>
          `- ${f.kind} at +${(f.atMs / 1000).toFixed(1)} s${f.durationMs ? ` for ${(f.durationMs / 1000).toFixed(1)} s` : ''}: ${f.detail}`,
      ),
      ...s.checks.filter((c) => !c.passed).map((c) => `- FAILED ${c.name}: ${c.detail}`),
      '',
    ]),
    ...fuzzSection(report.fuzz),
  ];
  return lines.join('\n');
}

export function writeReport(report: ChaosReport): string | undefined {
  const dir = process.env.CHAOS_REPORT_DIR;
  if (dir) report.fuzz = readFuzzFigures(dir);
  const text = summary(report);
  console.log(text);
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const base = join(dir, `chaos-${stamp}`);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
  writeFileSync(`${base}.md`, `${text}\n`);
  return base;
}
