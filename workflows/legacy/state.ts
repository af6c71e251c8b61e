/**
 * Everything a contract workflow remembers, as one plain serialisable object: it is the status query's
 * source and what continue-as-new carries into the next run.
 */
import type { IsoDate } from '../../domain/calendar';
import type { ViolationTier } from '../../domain/events/intake';
import type { Outcome, Stage } from '../../domain/lifecycle/stages';
import type { ChecklistItem, Deadline, Decision } from '../../domain/lifecycle/status';
import type { HeldResource } from '../../domain/lifecycle/resources';

/** Money the customer owes: a scheduled instalment or an invoice billing reported overdue. */
export interface Receivable {
  id: string;
  amountFen: number;
  dueDate: IsoDate;
  paidFen: number;
  /** Set once the due date passed unpaid (the payment-overdue event went out). */
  overdue: boolean;
  lateFeeFen: number;
}

export interface OpenViolation {
  violationId: string;
  tier: ViolationTier;
  detectedDate: IsoDate;
  remediateBy?: IsoDate;
  status: 'remediating' | 'remediated' | 'failed' | 'terminating';
}

export interface ContractState {
  stage: Stage;
  outcome?: Outcome;
  waitingFor: string;
  deadlines: Deadline[];
  checklist: ChecklistItem[];
  qualification?: { decision: 'approved' | 'rejected'; by: string; date: IsoDate; reason?: string };
  /** 订单正式受理: the date the activation SLA counts from. */
  orderAcceptedDate?: IsoDate;
  resources: HeldResource[];
  /** Dedicated lines still waiting for field installation, by line index. */
  installations: Array<{ lineIndex: number; circuitId?: string; testedBy?: string }>;
  icpFilingNo?: string;
  campaignScriptId?: string;
  activation: { deadline?: IsoDate; daysLate: number; penaltyFen: number; terminationRightRaised: boolean };
  completionNoticeDate?: IsoDate;
  acceptance?: { kind: 'signed' | 'deemed'; date: IsoDate; by?: string };
  objection?: { date: IsoDate; reason: string };
  activationDate?: IsoDate;
  term: { number: number; start?: IsoDate; end?: IsoDate };
  renewalsSoFar: number;
  nonRenewal?: { party: 'customer' | 'provider'; noticeDate: IsoDate };
  unsubscribe?: { noticeDate: IsoDate; stopDate: IsoDate };
  receivables: Receivable[];
  suspension?: { since: IsoDate; reason: 'arrears' | 'customer-request' | 'violation' };
  violations: OpenViolation[];
  complaintsByMonth: Record<string, number>;
  /** Terminate on this date (dunning, violation, customer notice), with the outcome it leads to. */
  scheduledTermination?: { date: IsoDate; outcome: Outcome; clause: string };
  balances: { paidFen: number; lateFeesFen: number; penaltiesFen: number; creditsFen: number };
  flags: string[];
  decisions: Decision[];
  events: Array<{ date: IsoDate; type: string; id: string }>;
}

export function initialState(): ContractState {
  return {
    stage: 'qualification',
    waitingFor: 'starting',
    deadlines: [],
    checklist: [],
    resources: [],
    installations: [],
    activation: { daysLate: 0, penaltyFen: 0, terminationRightRaised: false },
    term: { number: 1 },
    renewalsSoFar: 0,
    receivables: [],
    violations: [],
    complaintsByMonth: {},
    balances: { paidFen: 0, lateFeesFen: 0, penaltiesFen: 0, creditsFen: 0 },
    flags: [],
    decisions: [],
    events: [],
  };
}

export const arrearsFen = (s: ContractState): number =>
  s.receivables.filter((r) => r.overdue).reduce((sum, r) => sum + r.amountFen - r.paidFen, 0);
