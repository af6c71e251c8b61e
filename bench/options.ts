/** `npm run bench [-- --quick] [--contracts N] [--scale N] [--repeats N] [--only a,b] [--out dir]`. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export const SECTIONS = ['publish', 'inventory', 'onboarding', 'scale', 'lifetime'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
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
  /** Repeats of every measured figure (min/median/max). */
  repeats: number;
  /** Events per publish run; allocations per inventory run. */
  publishEvents: number;
  allocations: number;
  /** Simulated months of one contract's life on the time-skipping server. */
  lifetimeMonths: number;
  sections: Section[];
  outDir: string;
}

const DEFAULTS = {
  contracts: 500,
  concurrency: 25,
  onboardingSeconds: 45,
  scale: 2_000,
  scaleSeconds: 60,
  repeats: 3,
  publishEvents: 2_000,
  allocations: 1_000,
  lifetimeMonths: 36,
};
const QUICK: typeof DEFAULTS = {
  contracts: 5,
  concurrency: 5,
  onboardingSeconds: 20,
  scale: 20,
  scaleSeconds: 10,
  repeats: 1,
  publishEvents: 100,
  allocations: 50,
  lifetimeMonths: 36,
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
      repeats: { type: 'string' },
      'publish-events': { type: 'string' },
      allocations: { type: 'string' },
      'lifetime-months': { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const base = values.quick ? QUICK : DEFAULTS;
  const sections = values.only ? values.only.split(',').map((s) => s.trim()) : [...SECTIONS];
  const unknown = sections.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length)
    throw new Error(`--only: unknown section(s) ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
  return {
    quick: values.quick,
    contracts: positive('contracts', values.contracts, base.contracts),
    concurrency: positive('concurrency', values.concurrency, base.concurrency),
    onboardingSeconds: positive('onboarding-seconds', values['onboarding-seconds'], base.onboardingSeconds),
    scale: positive('scale', values.scale, base.scale),
    scaleSeconds: positive('scale-seconds', values['scale-seconds'], base.scaleSeconds),
    scaleCache:
      values['scale-cache'] === undefined ? undefined : positive('scale-cache', values['scale-cache'], 0),
    repeats: positive('repeats', values.repeats, base.repeats),
    publishEvents: positive('publish-events', values['publish-events'], base.publishEvents),
    allocations: positive('allocations', values.allocations, base.allocations),
    lifetimeMonths: positive('lifetime-months', values['lifetime-months'], base.lifetimeMonths),
    sections: sections as Section[],
    outDir: values.out ?? join(__dirname, 'results'),
  };
}
