/**
 * Plays the people around a new contract through the public API, the way they would: the reviewer
 * hands in each checklist document and approves, field engineers confirm each dedicated line, the
 * provisioning engineer issues the completion notice, the customer's sign-off is recorded. It reads
 * the contract's status to decide the next step, so it can pick up a contract at any stage.
 */
import type { ContractSpec } from '../../domain/contract-spec';
import { ContractsApiError, type ContractsApi, type ContractStatus } from '../sdk/api-contract';

export interface DriveOptions {
  /** Give up after this long (wall clock). */
  timeoutMs?: number;
  pollMs?: number;
  /** Called after every action the driver performs. */
  onStep?(contractNo: string, step: string, status: ContractStatus): void;
}

const BILLING_STARTED = 'telecom.contract.billing-started.v1';

export const billingStarted = (s: ContractStatus): boolean =>
  s.events.some((e) => e.type === BILLING_STARTED);

export async function driveToBillingStart(
  api: ContractsApi,
  spec: ContractSpec,
  options: DriveOptions = {},
): Promise<ContractStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const no = spec.contractNo;
  const act = async (step: string, run: () => Promise<ContractStatus>) => {
    const status = await run();
    options.onStep?.(no, step, status);
    return status;
  };

  for (;;) {
    const s = await api.get(no);
    if (billingStarted(s)) return s;
    if (s.stage === 'closed' || s.stage === 'terminating') {
      throw new Error(`${no} ended before billing started: ${s.outcome ?? s.stage}`);
    }
    const pollMs = options.pollMs ?? 250;
    const answer = await nextStep(api, spec, s, act);
    if (answer) {
      // An Update answers before the workflow leaves the stage: wait until it shows something other
      // than that answer before the next decision (a second approval would rightly be refused).
      await waitUntilMoved(api, answer, deadline, pollMs);
    } else {
      if (Date.now() > deadline) throw new Error(`${no}: still ${s.stage}, waiting for ${s.waitingFor}`);
      await delay(pollMs);
    }
  }
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntilMoved(
  api: ContractsApi,
  before: ContractStatus,
  deadline: number,
  pollMs: number,
): Promise<void> {
  for (;;) {
    const now = await api.get(before.contractNo);
    if (now.stage !== before.stage || now.waitingFor !== before.waitingFor) return;
    if (Date.now() > deadline) {
      throw new Error(`${before.contractNo}: still ${now.stage}, waiting for ${now.waitingFor}`);
    }
    await delay(pollMs);
  }
}

type Act = (step: string, run: () => Promise<ContractStatus>) => Promise<ContractStatus>;

/**
 * Perform the next human step the contract waits for and return the status its last action answered;
 * undefined when it waits on a machine or a timer.
 */
async function nextStep(
  api: ContractsApi,
  spec: ContractSpec,
  s: ContractStatus,
  act: Act,
): Promise<ContractStatus | undefined> {
  const no = spec.contractNo;
  // Act only on what the workflow says it waits for: between an answer and the next stage it may be
  // busy (emitting events, starting billing) while still showing the old stage.
  if (s.stage === 'qualification' && /reviewer decision/.test(s.waitingFor)) {
    if (s.checklist.length === 0) return undefined;
    for (const item of s.checklist.filter((i) => !i.documentRef)) {
      await act(`submit ${item.documentType}`, () =>
        api.act(no, 'submit-document', {
          documentType: item.documentType,
          documentRef: `DMS-${no}-${item.documentType}`,
          submittedBy: 'reviewer-li',
        }),
      );
    }
    return act('approve qualification', () => api.act(no, 'approve', { approvedBy: 'reviewer-li' }));
  }
  if (s.stage === 'provisioning' && /^installation of/.test(s.waitingFor)) {
    const lines = spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);
    for (let lineIndex = 0; lineIndex < lines; lineIndex++) {
      await tolerateRefusal(() =>
        act(`confirm line ${lineIndex + 1}/${lines}`, () =>
          api.act(no, 'confirm-installation', {
            lineIndex,
            circuitId: `CIR-${no}-${lineIndex + 1}`,
            testedBy: 'engineer-wang',
          }),
        ),
      );
    }
  }
  if (s.stage === 'provisioning' && /^(installation of|the completion notice)/.test(s.waitingFor)) {
    return act('issue completion notice', () =>
      api.act(no, 'issue-completion-notice', { issuedBy: 'engineer-wang' }),
    );
  }
  if (s.stage === 'acceptance' && /^customer sign-off/.test(s.waitingFor)) {
    return act('customer sign-off', () => api.act(no, 'sign-off', { signedBy: 'customer-representative' }));
  }
  return undefined;
}

/** A line confirmed by an earlier (interrupted) run is refused with 409: nothing left to do for it. */
async function tolerateRefusal(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof ContractsApiError && err.status === 409)) throw err;
  }
}
