/**
 * `npm run bench [-- --quick] [--profile dev|cluster] [--contracts N] [--scale N] [--repeats N]
 * [--observability-contracts N] [--observability-on metrics,traces] [--only a,b] [--out dir]`.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const SECTIONS = [
  'publish',
  'inventory',
  'onboarding',
  'workers',
  'scale',
  'lifetime',
  'observability',
] as const;
export type Section = (typeof SECTIONS)[number];
/** What "on" switches on in the observability section (both by default; one alone splits the cost). */
export const OBSERVABILITY_FEATURES = ['metrics', 'traces'] as const;
export type ObservabilityFeature = (typeof OBSERVABILITY_FEATURES)[number];
/** Which Temporal server the bench runs against: the SQLite dev server, or the PostgreSQL cluster. */
export const PROFILES = ['dev', 'cluster'] as const;
export type Profile = (typeof PROFILES)[number];

export interface BenchOptions {
  quick: boolean;
  /** The server scripts/bench.sh started (or found): named in the report. */
  profile: Profile;
  /** Contracts onboarded per run (and floor skeletons per run). */
  contracts: number;
  /** Contracts onboarding at once (a campaign feeding the API). */
  concurrency: number;
  /** Each onboarding run stops starting contracts after this many seconds (N or the window, first). */
  onboardingSeconds: number;
  /** Contracts held active at once in the scale test, and the time box for starting them. */
  scale: number;
  scaleSeconds: number;
  /** Worker cache size in the scale test (default: the SDK's, sized by the heap limit). */
  scaleCache?: number;
  /** The bounded cache of the scale test's second phase (evicted contracts are replayed). */
  scaleBoundedCache: number;
  /** Floor skeletons held for the memory comparison (default: as many as ours held). */
  scaleFloor?: number;
  /** Worker processes on one task queue in the workers test (one is killed with SIGKILL mid-run). */
  workers: number;
  /** Contracts driven to billing start across them. */
  workersContracts: number;
  /** Repeats of every measured figure (min/median/max). */
  repeats: number;
  /** Events per publish run; allocations per inventory run. */
  publishEvents: number;
  allocations: number;
  /** Simulated months of one contract's life on the time-skipping server. */
  lifetimeMonths: number;
  /** Contracts per run of the observability section (metrics + tracing off vs on; pairs = repeats). */
  observabilityContracts: number;
  /** What "on" means there: metrics, traces, or both (default). */
  observabilityOn: ObservabilityFeature[];
  sections: Section[];
  outDir: string;
}

const DEFAULTS = {
  contracts: 500,
  concurrency: 25,
  onboardingSeconds: 45,
  /** On the shared dev server at most ~1,000 at once; the cluster profile holds 10,000 (see below). */
  scale: 1_000,
  scaleSeconds: 600,
  scaleBoundedCache: 1_000,
  workers: 3,
  workersContracts: 60,
  repeats: 3,
  publishEvents: 2_000,
  allocations: 1_000,
  lifetimeMonths: 36,
  observabilityContracts: 30,
};
/** What the issue asks one worker to hold: the default with `--profile cluster`. */
const CLUSTER_SCALE = 10_000;
/** Long enough to place all 10,000 at the ~2 per second measured on the loaded 2-core machine. */
const CLUSTER_SCALE_SECONDS = 7_200;
const QUICK: typeof DEFAULTS = {
  contracts: 5,
  concurrency: 5,
  onboardingSeconds: 20,
  scale: 20,
  scaleSeconds: 30,
  scaleBoundedCache: 10,
  workers: 2,
  workersContracts: 10,
  repeats: 1,
  publishEvents: 100,
  allocations: 50,
  lifetimeMonths: 36,
  observabilityContracts: 5,
};

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name}: must be a whole number ≥ 1, got "${raw}"`);
  return value;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      contracts: { type: 'string' },
      concurrency: { type: 'string' },
      'onboarding-seconds': { type: 'string' },
      scale: { type: 'string' },
      'scale-seconds': { type: 'string' },
      'scale-cache': { type: 'string' },
      'scale-bounded-cache': { type: 'string' },
      'scale-floor': { type: 'string' },
      workers: { type: 'string' },
      'workers-contracts': { type: 'string' },
      profile: { type: 'string', default: 'dev' },
      repeats: { type: 'string' },
      'publish-events': { type: 'string' },
      allocations: { type: 'string' },
      'lifetime-months': { type: 'string' },
      'observability-contracts': { type: 'string' },
      'observability-on': { type: 'string', default: OBSERVABILITY_FEATURES.join(',') },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const base = values.quick ? QUICK : DEFAULTS;
  const sections = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  const unknown = sections.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length)
    throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  if (!(PROFILES as readonly string[]).includes(values.profile))
    throw new Error(`--profile: must be one of ${PROFILES.join(', ')}, got "${values.profile}"`);
  const observabilityOn = [...new Set(values['observability-on'].split(',').map((f) => f.trim()))];
  const badFeature = observabilityOn.filter(
    (f) => !(OBSERVABILITY_FEATURES as readonly string[]).includes(f),
  );
  if (badFeature.length || observabilityOn.length === 0)
    throw new Error(
      `--observability-on: choose from ${OBSERVABILITY_FEATURES.join(', ')}, got "${values['observability-on']}"`,
    );
  const workers = positive('workers', values.workers, base.workers);
  if (workers < 2) throw new Error(`--workers: must be at least 2 (one is killed), got "${workers}"`);
  const optional = (name: string, raw: string | undefined) =>
    raw === undefined ? undefined : positive(name, raw, 0);
  return {
    quick: values.quick,
    profile: values.profile as Profile,
    contracts: positive('contracts', values.contracts, base.contracts),
    concurrency: positive('concurrency', values.concurrency, base.concurrency),
    onboardingSeconds: positive('onboarding-seconds', values['onboarding-seconds'], base.onboardingSeconds),
    scale: positive(
      'scale',
      values.scale,
      values.profile === 'cluster' && !values.quick ? CLUSTER_SCALE : base.scale,
    ),
    scaleSeconds: positive(
      'scale-seconds',
      values['scale-seconds'],
      values.profile === 'cluster' && !values.quick ? CLUSTER_SCALE_SECONDS : base.scaleSeconds,
    ),
    scaleCache: optional('scale-cache', values['scale-cache']),
    scaleBoundedCache: positive('scale-bounded-cache', values['scale-bounded-cache'], base.scaleBoundedCache),
    scaleFloor: optional('scale-floor', values['scale-floor']),
    workers,
    workersContracts: positive('workers-contracts', values['workers-contracts'], base.workersContracts),
    repeats: positive('repeats', values.repeats, base.repeats),
    publishEvents: positive('publish-events', values['publish-events'], base.publishEvents),
    allocations: positive('allocations', values.allocations, base.allocations),
    lifetimeMonths: positive('lifetime-months', values['lifetime-months'], base.lifetimeMonths),
    observabilityContracts: positive(
      'observability-contracts',
      values['observability-contracts'],
      base.observabilityContracts,
    ),
    observabilityOn: observabilityOn as ObservabilityFeature[],
    sections: sections as Section[],
    outDir: values.out ?? join(__dirname, 'results'),
  };
}
