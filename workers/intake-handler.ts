/**
 * What the intake does with one inbound message, independent of Kafka and Temporal clients (they are
 * ports): authenticate → decode → onboard or signal → or dead-letter with the reason. Known permanent
 * problems end in the dead-letter topic at once; anything thrown goes back to the consumer, which
 * retries an outage in place and dead-letters anything else after a short budget (intake-failures.ts).
 */
import { isGrpcServiceError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { decodeIntakeMessage, type IntakeFact, type IntakeTopic } from '../domain/events/intake-facts';
import { ContractsApiError } from '../clients/sdk/api-contract';
import type { IntakeVerifier } from '../platform/intake-signature';
import type { Logger } from '../platform/logger';

export interface SpecProblem {
  path: string;
  message: string;
}

/** Validation of the contract carried by an onboarding request (wired to parseContractSpec). */
export type ValidateContract = (
  raw: unknown,
) => { ok: true; spec: unknown } | { ok: false; problems: SpecProblem[] };

/** What a message must pass before it reaches Temporal. */
export interface IntakeChecks {
  /** The producer's signature and role (platform/intake-signature.ts). */
  authenticate: IntakeVerifier;
  validateContract: ValidateContract;
}

export type SignalFact = Exclude<IntakeFact, { type: 'telecom.sales.onboarding-requested.v1' }>;

export interface InboundMessage {
  topicKey: IntakeTopic;
  /** The full topic name (with any prefix), for the dead-letter headers. */
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, unknown>;
}

/** Who asked for the onboarding: recorded on the contract, and the key of its idempotent start. */
export interface OnboardingRequest {
  requestId: string;
  /** The key id that signed the request, never what the message says about itself. */
  requestedBy: string;
}

export interface IntakePorts {
  /**
   * Start the contract's workflow (the same update-with-start as the API). Resolves 'already-started'
   * when it runs with the same terms; throws a ContractsApiError with status 409 for other terms.
   */
  startContract(
    contractNo: string,
    spec: unknown,
    request: OnboardingRequest,
  ): Promise<'started' | 'already-started'>;
  /** Signal the contract's workflow; throws WorkflowNotFoundError if there is none (or it is closed). */
  signalContract(fact: SignalFact): Promise<void>;
  deadLetter(message: InboundMessage, reason: string): Promise<void>;
}

export type IntakeOutcome = 'started' | 'already-started' | 'signalled' | 'dead-lettered';

const MAX_REASON = 1_000;

// gRPC status codes (see @grpc/grpc-js `status`): the request itself is wrong, retrying cannot help.
const PERMANENT_GRPC_CODES: readonly number[] = [3 /* INVALID_ARGUMENT */, 11 /* OUT_OF_RANGE */];

function rejectedByTemporal(err: unknown): string | undefined {
  const grpc = [err, (err as { cause?: unknown })?.cause].find(isGrpcServiceError);
  if (grpc && PERMANENT_GRPC_CODES.includes(grpc.code)) return grpc.details;
  return undefined;
}

async function onboard(
  fact: Extract<IntakeFact, { type: 'telecom.sales.onboarding-requested.v1' }>,
  signedBy: string,
  ports: IntakePorts,
  validate: ValidateContract,
): Promise<IntakeOutcome | { reason: string }> {
  // The contract belongs to whoever signed: a message naming another sales system is a forgery attempt
  // (or a misconfigured producer), refused rather than silently re-attributed. Its text is not quoted.
  if (fact.data.requestedBy !== signedBy) {
    return { reason: `forbidden: data.requestedBy must be the signing key id '${signedBy}'` };
  }
  const checked = validate(fact.data.contract);
  if (!checked.ok) {
    const problems = checked.problems.map((p) => `data.contract.${p.path}: ${p.message}`).join('; ');
    return { reason: `invalid-contract: ${problems}` };
  }
  const specContractNo = (checked.spec as { contractNo?: unknown }).contractNo;
  if (specContractNo !== undefined && specContractNo !== fact.contractNo) {
    return {
      reason: `subject-mismatch: subject ${fact.contractNo} but contract.contractNo ${JSON.stringify(specContractNo)}`,
    };
  }
  try {
    const request = { requestId: fact.data.requestId, requestedBy: signedBy };
    return await ports.startContract(fact.contractNo, checked.spec, request);
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-started';
    // Refused on its merits (different terms under a used number, a closed contract): retrying cannot help.
    if (err instanceof ContractsApiError && err.status >= 400 && err.status < 500) {
      return { reason: `refused: ${err.problem.detail ?? err.problem.title}` };
    }
    const rejected = rejectedByTemporal(err);
    if (rejected !== undefined) return { reason: `rejected-by-temporal: ${rejected}` };
    throw err;
  }
}

async function signal(fact: SignalFact, ports: IntakePorts): Promise<IntakeOutcome | { reason: string }> {
  try {
    await ports.signalContract(fact);
    return 'signalled';
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      return { reason: `workflow-not-found: no running workflow for contract ${fact.contractNo}` };
    }
    const rejected = rejectedByTemporal(err);
    if (rejected !== undefined) return { reason: `rejected-by-temporal: ${rejected}` };
    throw err;
  }
}

/** Process one message. Resolves once it is fully handled (safe to commit); throws when worth retrying. */
export async function processIntakeMessage(
  message: InboundMessage,
  ports: IntakePorts,
  checks: IntakeChecks,
  log: Logger,
): Promise<IntakeOutcome> {
  const where = {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: message.key?.toString(),
  };
  // Authenticate before parsing: nobody unknown gets their bytes interpreted.
  const signer = checks.authenticate(message.topicKey, message.value, message.headers);
  const decoded = signer.ok
    ? decodeIntakeMessage(message.topicKey, message.value?.toString() ?? null)
    : { ok: false as const, reason: signer.reason };
  const result = !decoded.ok
    ? { reason: decoded.reason }
    : decoded.fact.type === 'telecom.sales.onboarding-requested.v1'
      ? await onboard(decoded.fact, (signer as { keyId: string }).keyId, ports, checks.validateContract)
      : await signal(decoded.fact, ports);
  if (typeof result === 'string') {
    log.info(
      {
        ...where,
        outcome: result,
        type: decoded.ok ? decoded.fact.type : undefined,
        signedBy: signer.ok ? signer.keyId : undefined,
      },
      'intake message processed',
    );
    return result;
  }
  // The value may carry personal data (contract contacts): log where it is and why, never the value.
  // Reasons quote field names from the input; clip them so a hostile key cannot make the dead-letter
  // message (value + reason header) larger than the broker accepts, which would stall the partition.
  const reason =
    result.reason.length > MAX_REASON ? `${result.reason.slice(0, MAX_REASON - 1)}…` : result.reason;
  log.warn({ ...where, reason }, 'intake message dead-lettered');
  await ports.deadLetter(message, reason);
  return 'dead-lettered';
}
