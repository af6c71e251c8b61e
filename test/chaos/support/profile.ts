/**
 * How hard a chaos run hits: the fast profile runs inside `npm test`, the full one under `npm run
 * chaos` (CHAOS_PROFILE=full). Every random choice comes from one seeded generator; CHAOS_SEED
 * replays a run.
 */
export interface ChaosProfile {
  name: 'fast' | 'full';
  seed: number;
  /** Worker kills (kill -9) across provisioning, acceptance, dunning and renewal. */
  kills: number;
  /** Contracts of each kind in the worker-kill run. */
  killContracts: { onboard: number; dunning: number; renewal: number };
  brokerOutageMs: number;
  brokerBatch: number;
  databaseOutageMs: number;
  databaseBatch: number;
  temporalDownMs: number;
  temporalBatch: number;
}

export function chaosProfile(env: NodeJS.ProcessEnv = process.env): ChaosProfile {
  const seed = env.CHAOS_SEED ? Number(env.CHAOS_SEED) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`CHAOS_SEED: must be a whole number ≥ 0`);
  if (env.CHAOS_PROFILE === 'full') {
    return {
      name: 'full',
      seed,
      kills: Number(env.CHAOS_KILLS ?? 24),
      killContracts: { onboard: 6, dunning: 3, renewal: 2 },
      brokerOutageMs: 60_000,
      brokerBatch: 8,
      databaseOutageMs: 30_000,
      databaseBatch: 6,
      temporalDownMs: 10_000,
      temporalBatch: 5,
    };
  }
  return {
    name: 'fast',
    seed,
    kills: Number(env.CHAOS_KILLS ?? 4),
    killContracts: { onboard: 2, dunning: 1, renewal: 1 },
    brokerOutageMs: 15_000,
    brokerBatch: 3,
    databaseOutageMs: 10_000,
    databaseBatch: 2,
    temporalDownMs: 3_000,
    temporalBatch: 3,
  };
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

export const between = (random: () => number, min: number, max: number): number =>
  Math.round(min + random() * (max - min));
