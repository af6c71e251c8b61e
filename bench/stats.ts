/** Summaries the report shows: percentiles of one run's samples, and min/median/max over repeats. */

/** Nearest-rank percentile (p in 0..100) of unsorted samples; undefined for no samples. */
export function percentile(samples: readonly number[], p: number): number | undefined {
  if (samples.length === 0) return undefined;
  if (p < 0 || p > 100) throw new Error(`percentile ${p}: must be between 0 and 100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: readonly number[]): Percentiles | undefined {
  if (samples.length === 0) return undefined;
  return {
    count: samples.length,
    p50: percentile(samples, 50)!,
    p95: percentile(samples, 95)!,
    p99: percentile(samples, 99)!,
    max: percentile(samples, 100)!,
  };
}

/** One figure over repeated runs. */
export interface Spread {
  min: number;
  median: number;
  max: number;
  runs: number[];
}

export function spread(runs: readonly number[]): Spread {
  if (runs.length === 0) throw new Error('spread of no runs');
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { min: sorted[0]!, median, max: sorted[sorted.length - 1]!, runs: [...runs] };
}

/** Ratio of two figures run by run (same repeat index), then spread: pairs measured side by side. */
export function pairedRatio(numerators: readonly number[], denominators: readonly number[]): Spread {
  if (numerators.length !== denominators.length || numerators.length === 0) {
    throw new Error(
      `paired ratio needs equal, non-empty runs (${numerators.length} vs ${denominators.length})`,
    );
  }
  return spread(numerators.map((n, i) => n / denominators[i]!));
}

/** Round for reports: 3 significant digits, integers above 100. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}
