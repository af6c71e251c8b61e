/**
 * How the scale test places its book of contracts, and how it probes them. Contracts are spread over
 * the stages a region's book holds at once — in qualification (the review timer, Updates pending), in
 * provisioning (waiting for field work) and active (billing started, monthly and dunning timers) —
 * driven there through the ContractsApi with the same player the demo and the onboarding bench use.
 * The probes are what an operator's screen does to a held contract: read its status, and claim then
 * release one of its open obligations (an action that leaves the contract as it was).
 */
import type { ContractsApi, ContractStatus } from '../clients/sdk/api-contract';
import { billingStarted, ofKind, owes, play } from '../clients/sdk/player';
import type { SeedContractNo } from '../domain/seed-contracts';
import type { CampaignContract } from './onboarding/contracts';
import { percentiles, type Percentiles } from './stats';

export const HELD_STAGES = ['qualification', 'provisioning', 'active'] as const;
export type HeldStage = (typeof HELD_STAGES)[number];

/**
 * Half in qualification, a quarter in provisioning, a quarter active: a campaign's intake is mostly
 * waiting for documents, and the rest is spread over field work and billing. The pattern has 4 slots
 * and the shapes cycle every 5, so every 20 contracts hold every shape in every stage.
 */
const PATTERN: readonly HeldStage[] = ['qualification', 'provisioning', 'qualification', 'active'];

export function heldStageOf(index: number): HeldStage {
  return PATTERN[index % PATTERN.length]!;
}

/** Contracts per stage (and per shape within it) for the first `count` of a campaign. */
export function stageSpread(contracts: Array<{ shape: SeedContractNo }>): Record<HeldStage, number> {
  const spread: Record<HeldStage, number> = { qualification: 0, provisioning: 0, active: 0 };
  contracts.forEach((_, i) => (spread[heldStageOf(i)] += 1));
  return spread;
}

export const STAGE_PROPORTIONS = '2 in qualification : 1 in provisioning : 1 active (every 4th contract)';

const CAST = { reviewer: 'reviewer-scale', engineer: 'engineer-scale', customer: 'customer-scale' };
const PROBE_ACTOR = 'bench-probe';

/** What the probes need of a placed contract: its number and an obligation a person may claim. */
export interface Placed {
  contractNo: string;
  stage: HeldStage;
  /** An open obligation a person acts on, noted when placing (no status read needed to probe). */
  claimable?: string;
}

const claimableOf = (s: ContractStatus) => s.obligations.find((o) => o.action && !o.assignee)?.id;

/** Onboard one contract and drive it to its held stage. */
export async function place(
  api: ContractsApi,
  contract: CampaignContract,
  stage: HeldStage,
  onboardMs: number[],
): Promise<Placed> {
  const no = contract.spec.contractNo;
  const t0 = performance.now();
  const onboarded = await api.onboard(contract.spec, { requestId: `bench-${no}` });
  onboardMs.push(performance.now() - t0);
  let status = onboarded.status;
  // Every look is a query the worker answers: at 64 contracts in flight, a quarter-second poll was a
  // large share of the worker's work while provisioning waits on its timers.
  const options = { cast: CAST, pollMs: 1000, timeoutMs: 300_000 };
  if (stage === 'provisioning') {
    status = await play(api, no, {
      ...options,
      only: ofKind('document', 'qualification-decision'),
      until: (s) => !owes('qualification-decision')(s),
    });
  } else if (stage === 'active') {
    status = await play(api, no, { ...options, until: billingStarted });
  }
  return { contractNo: no, stage, claimable: claimableOf(status) };
}

export interface ProbeFigures {
  statusMs?: Percentiles;
  actionMs?: Percentiles;
  /** Claims the contract refused (its obligation closed meanwhile): answered, timed, not released. */
  refused: number;
}

/** Status reads on some contracts, claim (timed) + release (not timed) on others, `lanes` at a time. */
export async function probe(
  api: ContractsApi,
  forStatus: Placed[],
  forAction: Placed[],
  lanes = 4,
): Promise<ProbeFigures> {
  const statusMs: number[] = [];
  const actionMs: number[] = [];
  let refused = 0;
  const run = async <T>(items: T[], work: (item: T) => Promise<void>) => {
    let next = 0;
    const lane = async () => {
      while (next < items.length) await work(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  };
  await run(forStatus, async (p) => {
    const t0 = performance.now();
    await api.get(p.contractNo);
    statusMs.push(performance.now() - t0);
  });
  await run(
    forAction.filter((p) => p.claimable),
    async (p) => {
      const obligationId = p.claimable!;
      const t0 = performance.now();
      try {
        await api.act(p.contractNo, 'claim', { obligationId, claimedBy: PROBE_ACTOR });
      } catch (err) {
        if ((err as { status?: number }).status !== 409) throw err;
        refused += 1;
        actionMs.push(performance.now() - t0);
        return;
      }
      actionMs.push(performance.now() - t0);
      await api.act(p.contractNo, 'unclaim', { obligationId, releasedBy: PROBE_ACTOR });
    },
  );
  return { statusMs: percentiles(statusMs), actionMs: percentiles(actionMs), refused };
}

/** `count` items picked evenly across `items` (deterministic, so reruns probe alike). */
export function pickEvenly<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!);
}
