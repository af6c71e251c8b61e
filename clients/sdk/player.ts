/**
 * The people around a contract — reviewer, engineers, the customer, compliance — played from the
 * contract's obligations. `movesFor` turns open obligations into the actions that discharge them;
 * `Player` performs them through any port (the API, the typed client, a Temporal handle). The demo,
 * the bench, the chaos suite, the simulator and the tests all play through here, each with its own
 * pacing and measurement around it; nothing reads the "waiting for" text.
 */
import type { ActionInput, ActionName } from '../../domain/lifecycle/actions';
import type { ContractStatus, Obligation, ObligationKind, Party } from '../../domain/lifecycle/status';

/** Who acts, and how the customer answers. Every field has a default. */
export interface Cast {
  reviewer?: string;
  engineer?: string;
  customer?: string;
  compliance?: string;
  /** The reviewer's decision once the documents are in. */
  review?: 'approve' | { reject: string };
  /** The customer's answer to the completion notice. */
  acceptance?: 'sign' | { object: string } | 'silent';
  /** Recorded against each checklist document. */
  documentRef?: (documentType: string, contractNo: string) => string;
  /** The circuit id field engineers report for a line. */
  circuitId?: (lineIndex: number, contractNo: string) => string;
  /** ICP filing number to record when the customer's filing is owed; not recorded when absent. */
  icpFilingNo?: string;
  /** Campaign script to approve when one is owed; not approved when absent. */
  campaignScriptId?: string;
  /** Remediation checks: passed or failed; not recorded when absent. */
  remediationPasses?: boolean;
}

export type Move = {
  [A in ActionName]: { obligation: Obligation; action: A; input: ActionInput<A> };
}[ActionName];

const makeMove = <A extends ActionName>(obligation: Obligation, action: A, input: ActionInput<A>): Move =>
  ({ obligation, action, input }) as Move;

/** The actions that discharge the open obligations, earliest due first; pure. */
export function movesFor(status: ContractStatus, cast: Cast = {}, only?: (o: Obligation) => boolean): Move[] {
  const no = status.contractNo;
  const reviewer = cast.reviewer ?? 'reviewer';
  const engineer = cast.engineer ?? 'engineer';
  const customer = cast.customer ?? 'customer';
  const open = status.obligations.filter((o) => !only || only(o));
  const moves: Move[] = [];
  for (const o of open) {
    const { subject } = o;
    switch (o.kind) {
      case 'document': {
        const documentType = subject.documentType!;
        const documentRef = cast.documentRef?.(documentType, no) ?? `DMS-${no}-${documentType}`;
        moves.push(makeMove(o, 'submit-document', { documentType, documentRef, submittedBy: reviewer }));
        break;
      }
      case 'qualification-decision': {
        const review = cast.review ?? 'approve';
        if (review !== 'approve')
          moves.push(makeMove(o, 'reject', { rejectedBy: reviewer, reason: review.reject }));
        // Approval needs every document: it goes after the documents of this same list.
        else if (!status.obligations.some((x) => x.kind === 'document' && !open.includes(x)))
          moves.push(makeMove(o, 'approve', { approvedBy: reviewer }));
        break;
      }
      case 'line-installation': {
        const lineIndex = subject.lineIndex!;
        const circuitId = cast.circuitId?.(lineIndex, no) ?? `CIR-${no}-${lineIndex + 1}`;
        moves.push(makeMove(o, 'confirm-installation', { lineIndex, circuitId, testedBy: engineer }));
        break;
      }
      case 'completion-notice':
        moves.push(makeMove(o, 'issue-completion-notice', { issuedBy: engineer }));
        break;
      case 'acceptance': {
        const answer = cast.acceptance ?? 'sign';
        if (answer === 'sign') moves.push(makeMove(o, 'sign-off', { signedBy: customer }));
        else if (answer !== 'silent')
          moves.push(makeMove(o, 'object', { reason: answer.object, raisedBy: customer }));
        break;
      }
      case 'icp-filing':
        if (cast.icpFilingNo)
          moves.push(makeMove(o, 'record-icp-filing', { filingNo: cast.icpFilingNo, recordedBy: engineer }));
        break;
      case 'campaign-script':
        if (cast.campaignScriptId) {
          const approvedBy = cast.compliance ?? 'compliance';
          moves.push(makeMove(o, 'approve-campaign-script', { scriptId: cast.campaignScriptId, approvedBy }));
        }
        break;
      case 'remediation':
        if (cast.remediationPasses !== undefined) {
          const input = {
            violationId: subject.violationId!,
            passed: cast.remediationPasses,
            checkedBy: cast.compliance ?? 'compliance',
          };
          moves.push(makeMove(o, 'record-remediation', input));
        }
        break;
      case 'payment': // billing's fact, not a person's action
      case 'invoice':
      case 'usage-report':
      case 'non-renewal-notice': // a right the customer may leave unused
      case 'term-end':
        break;
      default: {
        const unknown: never = o.kind;
        throw new Error(`no move for obligation kind ${String(unknown)}`);
      }
    }
  }
  return moves;
}

/** Obligations of these kinds, or owed by these parties. */
export const ofKind =
  (...kinds: ObligationKind[]) =>
  (o: Obligation): boolean =>
    kinds.includes(o.kind);
export const ofParty =
  (...parties: Party[]) =>
  (o: Obligation): boolean =>
    parties.includes(o.party);

/** How a player reaches the contract. */
export interface ContractPort {
  get(contractNo: string): Promise<ContractStatus>;
  act<A extends ActionName>(contractNo: string, action: A, input: ActionInput<A>): Promise<ContractStatus>;
}

export interface PlayOptions {
  cast?: Cast;
  /** Only these obligations (default: every one a person can discharge). */
  only?: (o: Obligation) => boolean;
  /** Stop when this holds (checked on every status seen). */
  until: (s: ContractStatus) => boolean;
  /** Give up after this long (wall clock). */
  timeoutMs?: number;
  /** Wait between looks while the contract is busy or waits on nobody we play. */
  pollMs?: number;
  /** Called after each move with the status the contract answered. */
  onMove?: (move: Move, status: ContractStatus) => void;
  /** Called on every status looked at (for measurements). */
  onStatus?: (status: ContractStatus) => void;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Discharge the obligations as they appear until `until` holds. A move the contract refuses because
 * another player (or an earlier run) already made it is skipped: the next status shows what is left.
 */
export async function play(
  port: ContractPort,
  contractNo: string,
  options: PlayOptions,
): Promise<ContractStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    let status = await port.get(contractNo);
    options.onStatus?.(status);
    if (options.until(status)) return status;
    if (status.stage === 'closed')
      throw new Error(`${contractNo} closed (${status.outcome ?? 'no outcome'})`);
    const moves = movesFor(status, options.cast, options.only);
    for (const move of moves) {
      try {
        status = await port.act(contractNo, move.action, move.input);
      } catch (err) {
        if (!isRefusal(err)) throw err;
        break; // the contract moved on: look again
      }
      options.onMove?.(move, status);
      options.onStatus?.(status);
      if (options.until(status)) return status;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${contractNo}: still ${status.stage} after ${options.timeoutMs ?? 120_000} ms, waiting for ${status.waitingFor}`,
      );
    }
    if (moves.length === 0) await delay(options.pollMs ?? 100);
  }
}

/** A 409 from the API or an Update the workflow refused. */
function isRefusal(err: unknown): boolean {
  const e = err as { status?: number; name?: string; cause?: { name?: string; type?: string } };
  return e.status === 409 || e.name === 'WorkflowUpdateFailedError' || e.cause?.type === 'ActionRefused';
}

/** The contract's status shows billing has started. */
export const billingStarted = (s: ContractStatus): boolean =>
  s.events.some((e) => e.type === 'telecom.contract.billing-started.v1');

/** The contract waits for an obligation of one of these kinds. */
export const owes =
  (...kinds: ObligationKind[]) =>
  (s: ContractStatus): boolean =>
    s.obligations.some((o) => kinds.includes(o.kind));

/** Provisioning is done on the network: field work or the completion notice is what is left. */
export const readyForFieldWork = owes('line-installation', 'completion-notice');
