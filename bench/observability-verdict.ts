/**
 * The observability section's arithmetic and verdicts, apart from the processes so they can be tested:
 * on / off ratios paired within a repeat, and the checks that "on" really was on and "off" off.
 */
import type { OtlpFigures, ScrapeFigures } from './observability-probes';
import type { Mode } from './observability-worker';
import { OBSERVABILITY_FEATURES, type ObservabilityFeature } from './options';
import { pairedRatio, spread, type Spread } from './stats';

export interface ObservabilityRun {
  pair: number;
  mode: Mode;
  /** 1 or 2: which of the pair ran first (alternated per pair, so drift moves both sides). */
  order: number;
  contracts: number;
  completed: number;
  failed: number;
  firstFailure?: string;
  /** Spawn → polling, and the CPU it took (bundling the workflows, loading modules). */
  startSeconds: number;
  startCpuSeconds: number;
  /** The measured contracts (after the warm-up): first started → last reached billing start. */
  wallSeconds: number;
  cpuSeconds: number;
  cpuMsPerContract: number;
  /** Before and end: right after a full GC in the worker (the start-up bundler's garbage gone); peak: sampled. */
  rss: { beforeMiB: number; peakMiB: number; endMiB: number; samples: number };
  /** The main thread's JS heap in use after those GCs. */
  heap: { beforeMiB: number; endMiB: number };
  /** GET /healthz once the worker polled, and GET /metrics at the end (status, or undefined: nothing answered). */
  healthz?: number;
  metricsStatus?: number;
  /** /metrics read every second (on only). */
  scrape?: ScrapeFigures;
  /** What the OTLP receiver got from this worker, counted after it exited (its exporter flushes then). */
  otlp: OtlpFigures;
  exit: string;
}

export interface ObservabilityRatios {
  cpuPerContract: Spread;
  peakRss: Spread;
  endRss: Spread;
  wallPerContract: Spread;
  /** On − off, paired the same way: what the features add in absolute terms. */
  difference: { cpuMsPerContract: Spread; peakRssMiB: Spread; endRssMiB: Spread; endHeapMiB: Spread };
}

/** On / off of each figure, paired by repeat (the two runs of a pair), then min / median / max. */
export function onOffRatios(runs: readonly ObservabilityRun[]): ObservabilityRatios {
  const pairs = [...new Set(runs.map((r) => r.pair))].sort((a, b) => a - b);
  const side = (mode: Mode) =>
    pairs.map((p) => {
      const run = runs.find((r) => r.pair === p && r.mode === mode);
      if (!run) throw new Error(`pair ${p} has no ${mode} run`);
      return run;
    });
  const on = side('on');
  const off = side('off');
  const ratio = (figure: (r: ObservabilityRun) => number) => pairedRatio(on.map(figure), off.map(figure));
  const minus = (figure: (r: ObservabilityRun) => number) =>
    spread(on.map((r, i) => figure(r) - figure(off[i]!)));
  return {
    cpuPerContract: ratio((r) => r.cpuMsPerContract),
    peakRss: ratio((r) => r.rss.peakMiB),
    endRss: ratio((r) => r.rss.endMiB),
    wallPerContract: ratio((r) => r.wallSeconds / Math.max(1, r.completed)),
    difference: {
      cpuMsPerContract: minus((r) => r.cpuMsPerContract),
      peakRssMiB: minus((r) => r.rss.peakMiB),
      endRssMiB: minus((r) => r.rss.endMiB),
      endHeapMiB: minus((r) => r.heap.endMiB),
    },
  };
}

/** Which proofs the run insists on: every feature "on" switched on must show itself. */
export interface ProofRequired {
  metrics: boolean;
  traces: boolean;
  why: string;
}

export function proofRequired(
  /** What "on" switched on: a feature left off is not asked to show itself. */
  features: readonly ObservabilityFeature[] = OBSERVABILITY_FEATURES,
): ProofRequired {
  return {
    metrics: features.includes('metrics'),
    traces: features.includes('traces'),
    why: `"on" is ${features.join(' + ')}`,
  };
}

export interface ProofCheck {
  check: string;
  ok: boolean;
  /** A check not required yet is reported, never failed. */
  required: boolean;
  detail: string;
}

export function observabilityChecks(runs: readonly ObservabilityRun[], need: ProofRequired): ProofCheck[] {
  const on = runs.filter((r) => r.mode === 'on');
  const off = runs.filter((r) => r.mode === 'off');
  const each = (rs: readonly ObservabilityRun[], show: (r: ObservabilityRun) => string) =>
    rs.map((r) => `pair ${r.pair + 1}: ${show(r)}`).join('; ');
  return [
    {
      check: 'every contract reached billing start, on and off',
      ok: runs.every((r) => r.failed === 0 && r.completed === r.contracts),
      required: true,
      detail:
        runs.find((r) => r.firstFailure)?.firstFailure?.slice(0, 200) ??
        each(runs, (r) => `${r.mode} ${r.completed}/${r.contracts}`),
    },
    {
      check: 'on: /metrics scraped every second answered',
      ok: on.length > 0 && on.every((r) => (r.scrape?.ok ?? 0) > 0),
      required: need.metrics,
      detail: each(
        on,
        (r) =>
          `${r.scrape?.ok ?? 0} ok, ${r.scrape?.failed ?? 0} failed${r.scrape?.firstFailure ? ` (${r.scrape.firstFailure})` : ''}, ${r.scrape?.series ?? 0} series (tco_ ${r.scrape?.tcoSeries ?? 0}, temporal_ ${r.scrape?.temporalSeries ?? 0})`,
      ),
    },
    {
      check: 'off: /metrics not served (METRICS_ENABLED=false)',
      ok: off.every((r) => r.metricsStatus !== 200),
      required: need.metrics,
      detail: each(off, (r) => `GET /metrics → ${r.metricsStatus ?? 'no answer'}`),
    },
    {
      check: 'on: spans received over OTLP',
      ok: on.length > 0 && on.every((r) => r.otlp.spans > 0),
      required: need.traces,
      detail: each(on, (r) => `${r.otlp.spans} spans in ${r.otlp.requests} requests, ${r.otlp.bytes} bytes`),
    },
    {
      check: 'off: no spans exported',
      ok: off.every((r) => r.otlp.requests === 0),
      required: true,
      detail: each(off, (r) => `${r.otlp.requests} requests`),
    },
  ];
}

/** The failed required checks as one line (the run's failure), or undefined when all hold. */
export function failedProof(checks: readonly ProofCheck[]): string | undefined {
  const failed = checks.filter((c) => c.required && !c.ok);
  return failed.length ? failed.map((c) => `${c.check}: ${c.detail}`).join(' | ') : undefined;
}
