/**
 * Everything a contract remembers, as one plain serialisable object. Only `evolve` writes it; the
 * workflow carries it across continue-as-new, and the status query and obligations are read from it.
 */
import type { IsoDate, YearMonth } from '../calendar';
import type { ViolationTier } from '../events/intake';
import type { HeldResource } from '../lifecycle/resources';
import type { Outcome, Stage } from '../lifecycle/stages';
import type { ChecklistItem, Decision } from '../lifecycle/status';
import type { AwaitingInvoice } from '../clauses/payments';
import type { Effect } from './effects';
import type { Fact } from './inputs';

/** Money the customer owes: a scheduled instalment or bill, or an invoice billing reported overdue. */
export interface Receivable {
  id: string;
  amountFen: number;
  dueDate: IsoDate;
  paidFen: number;
  /** Set once the due date passed unpaid (the payment-overdue event went out). */
  overdue: boolean;
  /** The due date was computed without the working-day calendar of a year it depends on. */
  calendarDataMissing?: boolean;
  ref?: string;
}

/** An obligation claimed: the API key id that claimed it, and the instant (ISO) it did. */
export interface Claim {
  by: string;
  since: string;
}

export interface OpenViolation {
  violationId: string;
  tier: ViolationTier;
  detectedDate: IsoDate;
  remediateBy?: IsoDate;
  status: 'remediating' | 'remediated' | 'failed' | 'terminating';
}

export interface ContractState {
  /** Shape version, so a run can tell carried state of this code from a legacy run's. */
  version: 2;
  stage: Stage;
  outcome?: Outcome;
  review: { openedOn?: IsoDate; dueDate?: IsoDate; calendarDataMissing?: boolean; escalatedOn?: IsoDate };
  checklist: ChecklistItem[];
  qualification?: { decision: 'approved' | 'rejected'; by: string; date: IsoDate; reason?: string };
  /** 订单正式受理: the date the activation SLA counts from. */
  orderAcceptedDate?: IsoDate;
  resources: HeldResource[];
  reservationId?: string;
  /** Where the provisioning saga stands; `activated` once the network carries the resources. */
  provisioning: { reserved: boolean; committed: boolean; activated: boolean; failed?: string };
  /** Dedicated lines waiting for field installation, by line index. */
  installations: Array<{ lineIndex: number; circuitId?: string; testedBy?: string }>;
  icpFilingNo?: string;
  campaignScriptId?: string;
  activation: {
    deadline?: IsoDate;
    calendarDataMissing?: boolean;
    daysLate: number;
    penaltyFen: number;
    terminationRightRaised: boolean;
  };
  completionNoticeDate?: IsoDate;
  acceptanceWindow?: {
    ref: string;
    lastDayToRespond: IsoDate;
    deemedAcceptedOn: IsoDate | null;
    activationDateIfDeemed: IsoDate | null;
    calendarDataMissing: boolean;
  };
  acceptance?: { kind: 'signed' | 'deemed'; date: IsoDate; by?: string };
  objection?: { date: IsoDate; reason: string };
  activationDate?: IsoDate;
  term: { number: number; start?: IsoDate; end?: IsoDate };
  /** The first term's first day: instalments that repeat every term year count from it. */
  firstTermStart?: IsoDate;
  renewalsSoFar: number;
  /** Term number whose renewal-due reminder went out. */
  renewalDueSentFor?: number;
  nonRenewal?: { party: 'customer' | 'provider'; noticeDate: IsoDate };
  unsubscribe?: { noticeDate: IsoDate; stopDate: IsoDate };
  receivables: Receivable[];
  /** Usage billing reported for months not settled yet (004 5.3). */
  usage: Array<{ month: YearMonth; itemId: string; attempted: number; delivered: number }>;
  /** Last day of the last usage period settled. */
  usageSettledUntil?: IsoDate;
  /** The free month the customer chose (004 5.2). */
  freeMonth?: YearMonth;
  /** Instalments due N days after their invoice, until billing invoices them. */
  awaitingInvoices: AwaitingInvoice[];
  /** Facts from billing and compliance that arrived before billing started; applied when it starts. */
  parkedFacts: Fact[];
  paymentIds: string[];
  complaints: { ids: string[]; byMonth: Record<string, number> };
  suspension?: { since: IsoDate; reason: 'arrears' | 'customer-request' | 'violation' | 'complaints' };
  violations: OpenViolation[];
  /** Terminate on this date (dunning, violation, customer notice), with the outcome it leads to. */
  scheduledTermination?: { date: IsoDate; outcome: Outcome; clause?: string };
  /** Set when the contract is being ended: how, from when billing stops, under which clause. */
  ending?: {
    outcome: Outcome;
    stopDate: IsoDate;
    clause?: string;
    /** Booked at the end, for the final settlement. */
    lateFeesFen: number;
    chargesFen: number;
    creditsFen: number;
  };
  balances: { paidFen: number; lateFeesFen: number; penaltiesFen: number; creditsFen: number };
  flags: string[];
  /**
   * Who works on which open obligation (by obligation id): the key that claimed it, since when. A
   * claim ends when released or when its obligation is discharged, so a later obligation with the
   * same id starts unassigned.
   */
  claims: Record<string, Claim>;
  decisions: Decision[];
  /** Events published so far (type, local date, id), newest last; bounded. */
  /** Published events, newest last; `amountFen` when the event is about money (a charge, a payment). */
  events: Array<{ date: IsoDate; type: string; id: string; amountFen?: number }>;
  /** Effects requested and not yet answered, oldest first. */
  pending: Effect[];
  /** Effects requested so far, for their ids. */
  effectCount: number;
}

export function initialState(): ContractState {
  return {
    version: 2,
    stage: 'qualification',
    review: {},
    checklist: [],
    resources: [],
    provisioning: { reserved: false, committed: false, activated: false },
    installations: [],
    activation: { daysLate: 0, penaltyFen: 0, terminationRightRaised: false },
    term: { number: 1 },
    renewalsSoFar: 0,
    receivables: [],
    awaitingInvoices: [],
    usage: [],
    parkedFacts: [],
    paymentIds: [],
    complaints: { ids: [], byMonth: {} },
    violations: [],
    balances: { paidFen: 0, lateFeesFen: 0, penaltiesFen: 0, creditsFen: 0 },
    flags: [],
    claims: {},
    decisions: [],
    events: [],
    pending: [],
    effectCount: 0,
  };
}

/**
 * A state carried over continue-as-new by an earlier version of this code: the fields added since get
 * their initial value, what it holds is kept.
 */
export function revivedState(carried: ContractState): ContractState {
  return { ...initialState(), ...carried };
}

/** The claim on an obligation, if any (own keys only: the id may come from a request). */
export function claimOf(state: ContractState, obligationId: string): Claim | undefined {
  return Object.prototype.hasOwnProperty.call(state.claims, obligationId)
    ? state.claims[obligationId]
    : undefined;
}

/** What is overdue and unpaid now. */
export const arrearsFen = (s: ContractState): number =>
  s.receivables.filter((r) => r.overdue).reduce((sum, r) => sum + r.amountFen - r.paidFen, 0);

export const openReceivables = (s: ContractState): Receivable[] =>
  s.receivables.filter((r) => r.paidFen < r.amountFen);

/** The customer's account is clear of overdue bills. */
export const arrearsCleared = (s: ContractState): boolean =>
  s.receivables.every((r) => !r.overdue || r.paidFen >= r.amountFen);
