/**
 * The people in the loop, scripted: a reviewer hands in the checklist and approves, field engineers
 * confirm each line, an engineer issues the completion notice, the customer signs off. The same steps
 * drive the real lifecycle (through the public ContractsApi) and the floor skeleton (through the
 * Temporal client), and both record the same timeline per contract.
 */
import type { ContractsApi, ContractStatus } from '../../clients/sdk/api-contract';
import {
  ofKind,
  owes,
  play,
  readyForFieldWork,
  type Cast,
  type ContractPort,
} from '../../clients/sdk/player';
import type { Obligation } from '../../domain/lifecycle/status';
import type { ContractSpec } from '../../domain/contract-spec';
import type { SeedContractNo } from '../../domain/seed-contracts';
import type { EventObserver } from './observer';

/** Milliseconds since the campaign started at each step of one contract. */
export interface Timeline {
  shape: SeedContractNo;
  start: number;
  onboarded: number;
  reviewOpen: number;
  approved: number;
  provisioned: number;
  noticed: number;
  signed?: number;
  billed: number;
  /** Billing-started event time (the workflow's state change), when known. */
  billingEventAt?: number;
  statusPolls: number;
}

export const STAGES: Array<{
  name: string;
  from: (t: Timeline) => number | undefined;
  to: (t: Timeline) => number | undefined;
}> = [
  { name: 'onboard call (API)', from: (t) => t.start, to: (t) => t.onboarded },
  { name: 'review opened', from: (t) => t.onboarded, to: (t) => t.reviewOpen },
  { name: 'documents + approval', from: (t) => t.reviewOpen, to: (t) => t.approved },
  { name: 'provisioning', from: (t) => t.approved, to: (t) => t.provisioned },
  { name: 'field work + notice', from: (t) => t.provisioned, to: (t) => t.noticed },
  { name: 'customer sign-off', from: (t) => t.noticed, to: (t) => t.signed },
  { name: 'to billing consumer', from: (t) => t.signed ?? t.noticed, to: (t) => t.billed },
  { name: 'end to end', from: (t) => t.start, to: (t) => t.billed },
];

/** Latency of each API call by name, for "where the time goes". */
export class CallLog {
  readonly calls = new Map<string, number[]>();
  async timed<T>(name: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } finally {
      const list = this.calls.get(name) ?? [];
      list.push(performance.now() - started);
      this.calls.set(name, list);
    }
  }
}

/** Poll a status probe with a growing interval (what a person's screen refresh amounts to), deadline 2 min. */
export async function pollUntil(
  what: string,
  probe: () => Promise<boolean>,
  onPoll: () => void,
): Promise<void> {
  const deadline = Date.now() + 120_000;
  let interval = 25;
  for (;;) {
    onPoll();
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(500, interval * 1.5);
  }
}

export const lineCount = (spec: ContractSpec) =>
  spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);
export const hasAcceptanceWindow = (spec: ContractSpec) =>
  spec.clauses.acceptance !== undefined && spec.clauses.acceptance !== null;

const CAST: Cast = { reviewer: 'reviewer-li', engineer: 'engineer-wang', customer: 'customer-zhang' };

/** One contract through the public API, from the onboarding call to billing start seen by billing. */
export async function driveContract(
  api: { sales: ContractsApi; engineer: ContractsApi },
  observer: EventObserver,
  shape: SeedContractNo,
  spec: ContractSpec,
  calls: CallLog,
  clock: () => number,
): Promise<Timeline> {
  const no = spec.contractNo;
  const t: Partial<Timeline> = { shape, start: clock(), statusPolls: 0 };
  await calls.timed('onboard', () => api.sales.onboard(spec, { requestId: `bench-${no}` }));
  t.onboarded = clock();
  await within(
    `${no} qualification-requested`,
    observer.lifecycle.next(no, 'telecom.contract.qualification-requested.v1'),
  );
  t.reviewOpen = clock();
  // The people: the shared player, one stage at a time so each stage is timed.
  const port: ContractPort = {
    get: (contractNo) => calls.timed('get', () => api.engineer.get(contractNo)),
    act: (contractNo, action, input) =>
      calls.timed(action, () => {
        clock(); // stops acting once the run's window has closed
        return api.engineer.act(contractNo, action, input);
      }),
  };
  const stage = (only: (o: Obligation) => boolean, until: (s: ContractStatus) => boolean) =>
    play(port, no, { cast: CAST, only, until, pollMs: 25 });
  await stage(ofKind('document', 'qualification-decision'), (s) => !owes('qualification-decision')(s));
  t.approved = clock();
  await pollUntil(
    `${no} provisioned`,
    async () => readyForFieldWork(await calls.timed('get', () => api.engineer.get(no))),
    () => {
      clock(); // stops polling once the run's window has closed
      t.statusPolls! += 1;
    },
  );
  t.provisioned = clock();
  await stage(
    ofKind('line-installation', 'completion-notice'),
    (s) => s.term.completionNoticeDate !== undefined,
  );
  t.noticed = clock();
  if (hasAcceptanceWindow(spec)) {
    await within(
      `${no} completion-notice-issued`,
      observer.lifecycle.next(no, 'telecom.contract.completion-notice-issued.v1'),
    );
    await stage(ofKind('acceptance'), (s) => !owes('acceptance')(s));
    t.signed = clock();
  }
  const billing = await within(
    `${no} billing-started`,
    observer.billing.next(no, 'telecom.contract.billing-started.v1'),
  );
  t.billed = clock();
  t.billingEventAt = Date.parse(billing.time);
  return t as Timeline;
}

/** Wait for an event with a deadline, so a lost event fails one contract instead of hanging the run. */
export function within<T>(what: string, wait: Promise<T>, ms = 120_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([wait, timeout]).finally(() => clearTimeout(timer));
}

/** Thrown by a run's clock once its window has closed: the contract stops where it is. */
export class Abandoned extends Error {
  override name = 'Abandoned';
}

/** Run `work` over `items` with at most `limit` in flight, starting none once `open()` turns false. */
export async function withConcurrency<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
  open: () => boolean = () => true,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length && open()) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
