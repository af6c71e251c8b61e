/**
 * The status a contract workflow reports through its `status` query (and the API's GET). Written once
 * as a zod schema: the TS types, the API's OpenAPI document and the typed client all derive from it.
 */
import { z } from 'zod';
import { EndReasonSchema } from '../events/catalogue/term';
import { RESOURCE_KINDS } from '../resource-formats';
import { STAGES } from './stages';

export const StageSchema = z.enum(STAGES);

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

export const ContractStatusSchema = z.object({
  contractNo: z.string(),
  customerName: z.string(),
  workflowId: z.string(),
  stage: StageSchema,
  outcome: EndReasonSchema.optional(),
  /** One line: what the workflow waits for and until when. */
  waitingFor: z.string(),
  deadlines: z.array(DeadlineSchema),
  checklist: z.array(ChecklistItemSchema),
  resources: z.array(HeldResourceSchema),
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
  events: z.array(z.object({ date: z.string(), type: z.string(), id: z.string() })),
});

export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type Deadline = z.infer<typeof DeadlineSchema>;
export type ContractStatus = z.infer<typeof ContractStatusSchema>;
