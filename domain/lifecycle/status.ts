/** The status a contract workflow reports through its `status` query (and the API's GET). */
import type { Outcome, Stage } from './stages';
import type { HeldResource } from './resources';

export interface ChecklistItem {
  documentType: string;
  /** Why this document is required (product × customer rule), for the reviewer. */
  rule: string;
  documentRef?: string;
  submittedBy?: string;
}

export interface Decision {
  /** Workflow time (ISO instant) the decision was accepted. */
  at: string;
  action: string;
  by: string;
  detail?: string;
}

export interface Deadline {
  name: string;
  /** Local date (Asia/Shanghai) the deadline falls on. */
  date: string;
  clause?: string;
}

export interface ContractStatus {
  contractNo: string;
  customerName: string;
  workflowId: string;
  stage: Stage;
  outcome?: Outcome;
  /** One line: what the workflow waits for and until when. */
  waitingFor: string;
  deadlines: Deadline[];
  checklist: ChecklistItem[];
  resources: HeldResource[];
  term: {
    number: number;
    start?: string;
    end?: string;
    activationDate?: string;
    completionNoticeDate?: string;
  };
  balances: {
    arrearsFen: number;
    lateFeesFen: number;
    penaltiesFen: number;
    creditsFen: number;
    paidFen: number;
  };
  flags: string[];
  decisions: Decision[];
  /** Events emitted so far (type and local date), newest last; bounded by continue-as-new. */
  events: Array<{ date: string; type: string; id: string }>;
}
