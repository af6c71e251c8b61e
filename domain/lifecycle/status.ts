/**
 * The status a contract workflow reports through its `status` query (and the API's GET). Written once
 * as a zod schema: the TS types, the API's OpenAPI document and the typed client all derive from it.
 */
import { z } from 'zod';
import { ProductCodeSchema } from '../catalogue';
import { EndReasonSchema } from '../events/catalogue/term';
import { RESOURCE_KINDS } from '../resource-formats';
import { ACTION_NAMES } from './actions';
import { STAGES } from './stages';

export const StageSchema = z.enum(STAGES);

export const HEALTHS = ['ok', 'stuck'] as const;
export type Health = (typeof HEALTHS)[number];

export const ChecklistItemSchema = z.object({
  documentType: z.string(),
  /** Why this document is required (product × customer rule), for the reviewer. */
  rule: z.string(),
  documentRef: z.string().optional(),
  submittedBy: z.string().optional(),
});

export const DecisionSchema = z.object({
  /** Workflow time (ISO instant) the decision was accepted. */
  at: z.string(),
  action: z.string(),
  by: z.string(),
  detail: z.string().optional(),
});

export const DeadlineSchema = z.object({
  name: z.string(),
  /** Local date (Asia/Shanghai) the deadline falls on. */
  date: z.string(),
  clause: z.string().optional(),
});

export const HeldResourceSchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  /** The number, CIDR, circuit id, or a generated id for seats/robots/hosts. */
  value: z.string(),
  /** Bandwidth for circuits, enterprise code for SMS ports, destinations for numbers, … */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

/** Who owes an obligation. Engineers act in the API for reviewers, engineers and the customer alike. */
export const PARTIES = ['reviewer', 'engineer', 'customer', 'billing', 'compliance', 'sales'] as const;

export const OBLIGATION_KINDS = [
  'document', // 资质材料: a document of the checklist
  'qualification-decision', // 审核结论
  'line-installation', // 装机: a dedicated line installed and tested
  'completion-notice', // 竣工通知
  'icp-filing', // 网站备案 before gated ports open
  'campaign-script', // outbound script approved before calling
  'acceptance', // 验收: sign-off or written objection
  'payment', // a bill
  'invoice', // billing's invoice for an instalment due after it
  'usage-report', // billing's monthly usage of a per-usage item
  'remediation', // 整改 of a violation
  'non-renewal-notice', // the last day to stop the renewal
  'term-end', // the term runs out
] as const;

/** What follows if an obligation is not met by its due date. */
export const CONSEQUENCES = [
  'escalation',
  'delay-penalty',
  'deemed-acceptance',
  'overdue',
  'suspension',
  'termination',
  'penalty-and-termination',
  'auto-renewal',
  'expiry',
] as const;

export const ObligationSchema = z
  .object({
    /** Stable for the life of the obligation, e.g. `line:3`, `payment:4.5.1#2`. */
    id: z.string(),
    kind: z.enum(OBLIGATION_KINDS),
    party: z.enum(PARTIES),
    /** The API action that discharges it (POST …/actions/{action}), when a person discharges it. */
    action: z.enum(ACTION_NAMES).optional(),
    /** The fact from another system that discharges it (billing's payment), when no person does. */
    fact: z.enum(['payment-received', 'invoice-issued', 'usage-reported']).optional(),
    /** What exactly is owed. */
    subject: z
      .object({
        documentType: z.string().optional(),
        lineIndex: z.number().int().optional(),
        lineId: z.string().optional(),
        bandwidthMbps: z.number().optional(),
        invoiceId: z.string().optional(),
        amountFen: z.number().int().optional(),
        violationId: z.string().optional(),
        term: z.number().int().optional(),
        month: z.string().optional(),
      })
      .strict(),
    /** Last local date (Asia/Shanghai) to discharge it; absent when the contract sets none. */
    dueDate: z.string().optional(),
    /** The due date has passed. */
    overdue: z.boolean(),
    /** The clause that creates it. */
    clause: z.string().optional(),
    /** What happens, and from when, if it is still open. */
    escalation: z
      .object({ date: z.string(), consequence: z.enum(CONSEQUENCES), clause: z.string().optional() })
      .optional(),
    /** The due date depends on a year without the official working-day calendar. */
    calendarDataMissing: z.boolean().optional(),
    /** One line for people, e.g. "install line 4 (100 Mbit/s)". */
    summary: z.string(),
    /** Who has claimed it (the API key id of the `claim` action), and since when (ISO instant). */
    assignee: z.object({ by: z.string(), since: z.string() }).optional(),
  })
  .meta({ title: 'Obligation', description: 'Something a party owes the contract, with its date' });

/**
 * The signed terms a person checks first, copied from the spec (they never change over the contract's
 * life); each clause's `clause` is the contract's own number, "default" where the contract is silent.
 */
export const ContractTermsSchema = z
  .object({
    products: z.array(ProductCodeSchema),
    region: z.object({ province: z.string(), city: z.string().optional(), district: z.string().optional() }),
    /** Local date both parties signed. */
    signedDate: z.string(),
    /** When the first term starts: on activation, on signature, or on a fixed date. */
    start: z.object({ kind: z.enum(['activation', 'signature', 'fixed']), date: z.string().optional() }),
    /** When it ends: a number of months after the start, or on a fixed last day (inclusive). */
    end: z.object({
      kind: z.enum(['months', 'fixed']),
      months: z.number().int().optional(),
      date: z.string().optional(),
    }),
    termClause: z.string(),
    renewal: z.object({
      mode: z.enum(['none', 'auto', 'negotiated']),
      /** Length of each automatic renewal. */
      months: z.number().int().optional(),
      clause: z.string(),
    }),
    /** Dedicated lines the contract orders (0 when none). */
    dedicatedLines: z.number().int(),
    /** Days the customer has after the completion notice to sign off or object, when the contract sets them. */
    acceptanceWindow: z
      .object({
        days: z.number().int(),
        dayType: z.enum(['calendar', 'working', 'strict-calendar']),
        clause: z.string(),
      })
      .optional(),
  })
  .meta({ title: 'ContractTerms', description: "The contract's signed terms at a glance" });

export const ContractStatusSchema = z.object({
  contractNo: z.string(),
  customerName: z.string(),
  workflowId: z.string(),
  stage: StageSchema,
  outcome: EndReasonSchema.optional(),
  /** For display: what the contract waits for and until when, derived from `obligations`. */
  waitingFor: z.string(),
  /** Everything the contract waits for from a party, earliest due first. */
  obligations: z.array(ObligationSchema),
  /** The dated obligations as (name, date), earliest first. */
  deadlines: z.array(DeadlineSchema),
  /**
   * The next day the contract acts by itself (a deadline passing, a renewal, a bill falling due), at
   * 00:00 Asia/Shanghai; absent when it waits only for people and systems.
   */
  nextCheckpoint: z.string().optional(),
  checklist: z.array(ChecklistItemSchema),
  resources: z.array(HeldResourceSchema),
  // Optional: statuses answered by workers deployed before the field existed have none.
  terms: ContractTermsSchema.optional(),
  term: z.object({
    number: z.number().int(),
    start: z.string().optional(),
    end: z.string().optional(),
    activationDate: z.string().optional(),
    completionNoticeDate: z.string().optional(),
  }),
  balances: z.object({
    arrearsFen: z.number().int(),
    lateFeesFen: z.number().int(),
    penaltiesFen: z.number().int(),
    creditsFen: z.number().int(),
    paidFen: z.number().int(),
  }),
  flags: z.array(z.string()),
  decisions: z.array(DecisionSchema),
  /** Events emitted so far (type and local date), newest last; bounded by continue-as-new. */
  events: z.array(
    z.object({
      date: z.string(),
      type: z.string(),
      id: z.string(),
      /** What the event is about in money (a charge, a credit, a payment, a bill overdue), in fen. */
      amountFen: z.number().int().optional(),
    }),
  ),
  /**
   * `stuck`: a step failed in a way only a deploy can fix (a bug); the contract answers from its last
   * state and retries the step with backoff. Operators list them with `?health=stuck`.
   */
  // Defaulted for statuses answered by workers deployed before the field existed (a rolling deploy).
  health: z.enum(HEALTHS).default('ok'),
  /** Why it is stuck (field and rule, never personal data), since when, and the next attempt. */
  stuck: z
    .object({
      reason: z.string(),
      /** ISO instant the step first failed. */
      since: z.string(),
      attempts: z.number().int(),
      /** ISO instant of the next retry. */
      nextAttempt: z.string(),
    })
    .optional(),
});

export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type ContractTerms = z.infer<typeof ContractTermsSchema>;
export type ContractStatus = z.infer<typeof ContractStatusSchema>;
export type Obligation = z.infer<typeof ObligationSchema>;
export type Party = Obligation['party'];
export type ObligationKind = Obligation['kind'];
