/**
 * Human actions on a contract (engineers, the customer's sign-off, notices). Each is a workflow Update
 * whose validator parses its input with the schema here, so the API, the CLI and the workflow refuse
 * the same bad input with the same message.
 *
 * Fields that an event publishes use the event's own field schema (document types, reason codes), so an
 * accepted action can always be published; text is printable (domain/text.ts) and dates fall within
 * the plausible years (domain/dates.ts). Free-text reasons stay in the workflow history; the events
 * carry the optional `reasonCode` instead (domain/events/reason-codes.ts).
 */
import { z } from 'zod';
import { PlausibleDateSchema, PlausibleMonthSchema } from '../dates';
import {
  AcceptanceObjectedReasonSchema,
  DocumentsRequestedReasonSchema,
  QualificationRejectedReasonSchema,
} from '../events/reason-codes';
import { ActorSchema, DocumentTypeSchema, freeText, IdentifierSchema, ReasonSchema, safeText } from '../text';
import type { Stage } from './stages';

const localDate = PlausibleDateSchema;
const actor = ActorSchema;
const reason = ReasonSchema;
const id = IdentifierSchema;
const lineIndex = z
  .number()
  .int('must be a whole number')
  .nonnegative('must not be negative')
  .max(999, 'must be at most 999');

export const ActionSchemas = {
  /** 资质审核: a document of the checklist handed in (or replaced). */
  'submit-document': z
    .object({
      documentType: DocumentTypeSchema,
      documentRef: safeText(200),
      submittedBy: actor,
    })
    .strict(),
  'request-documents': z
    .object({
      documentTypes: z.array(DocumentTypeSchema).min(1, 'must name at least one document'),
      reason,
      reasonCode: DocumentsRequestedReasonSchema.optional(),
      requestedBy: actor,
    })
    .strict(),
  approve: z.object({ approvedBy: actor, note: freeText(2000).optional() }).strict(),
  reject: z
    .object({ rejectedBy: actor, reason, reasonCode: QualificationRejectedReasonSchema.optional() })
    .strict(),
  /** Field work done: a dedicated line installed and tested end to end. */
  'confirm-installation': z.object({ lineIndex, circuitId: id, testedBy: actor }).strict(),
  /**
   * Several dedicated lines installed and tested, in one step (the checklist of a 30-line order). A
   * line already confirmed with the same circuit id is skipped, so a retried request changes nothing.
   */
  'confirm-installations': z
    .object({
      lines: z
        .array(z.object({ lineIndex, circuitId: id }).strict())
        .min(1, 'must confirm at least one line')
        .max(999, 'must list at most 999 lines')
        .superRefine((lines, ctx) => {
          const first = new Map<number, number>();
          lines.forEach(({ lineIndex: n }, i) => {
            const earlier = first.get(n);
            if (earlier === undefined) first.set(n, i);
            else
              ctx.addIssue({
                code: 'custom',
                path: [i, 'lineIndex'],
                message: `must not repeat line ${n} (already at lines.${earlier})`,
              });
          });
        }),
      testedBy: actor,
    })
    .strict(),
  /** Take an open obligation that a person discharges, so colleagues see who works on it. */
  claim: z.object({ obligationId: id, claimedBy: actor }).strict(),
  /** Give a claimed obligation up (its holder, or a colleague taking over for someone away). */
  unclaim: z.object({ obligationId: id, releasedBy: actor }).strict(),
  /** ICP filing (网站备案) recorded: ports 80/8080/443 may open (contract 001 clause 1.5). */
  'record-icp-filing': z.object({ filingNo: id, recordedBy: actor }).strict(),
  /** Outbound campaign script filed and approved (contract 002 clause 4.4). */
  'approve-campaign-script': z.object({ scriptId: id, approvedBy: actor }).strict(),
  /** 竣工通知: provisioning done, the customer's acceptance window opens. */
  'issue-completion-notice': z.object({ issuedBy: actor }).strict(),
  /** 验收签字 by the customer within the window. */
  'sign-off': z.object({ signedBy: actor }).strict(),
  /** Written objection within the window: back to provisioning for remediation. */
  object: z
    .object({ reason, reasonCode: AcceptanceObjectedReasonSchema.optional(), raisedBy: actor })
    .strict(),
  /** Written notice not to renew, from either side, before expiry − notice days. */
  'non-renewal-notice': z
    .object({ party: z.enum(['customer', 'provider']), noticeDate: localDate, givenBy: actor })
    .strict(),
  /** 退订: the customer stops the service (stop date by the unsubscribe rule). */
  unsubscribe: z.object({ noticeDate: localDate, requestedStopDate: localDate, givenBy: actor }).strict(),
  /** 004 5.2: the customer chooses its free month, by written notice 30 days ahead. */
  'choose-free-month': z
    .object({ month: PlausibleMonthSchema, noticeDate: localDate, chosenBy: actor })
    .strict(),
  /** Compliance remediation checked by the provider: passed unblocks, failed terminates. */
  'record-remediation': z.object({ violationId: id, passed: z.boolean(), checkedBy: actor }).strict(),
  /** 400-number service requests (contract 003 annex 2). */
  'service-request': z.discriminatedUnion('type', [
    z.object({ type: z.literal('suspend-keep-number'), requestedBy: actor }).strict(),
    z.object({ type: z.literal('resume'), requestedBy: actor }).strict(),
    z
      .object({
        type: z.literal('number-change'),
        requestedBy: actor,
        preferredNumber: z
          .string()
          .regex(/^\d{3,20}$/, 'must be 3-20 digits')
          .optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal('destination-change'),
        requestedBy: actor,
        destinations: z
          .array(z.string().regex(/^\d{5,15}$/, 'must be 5-15 digits'))
          .min(1)
          .max(3, 'at most 3 destination numbers'),
      })
      .strict(),
    z
      .object({
        type: z.literal('customer-data-change'),
        requestedBy: actor,
        fields: z.record(safeText(100), safeText(500)),
      })
      .strict(),
    z
      .object({
        type: z.literal('service-data-change'),
        requestedBy: actor,
        fields: z.record(safeText(100), safeText(500)),
      })
      .strict(),
  ]),
} as const;

/**
 * The field naming who acts, per action. The HTTP API fills it from the caller's API key id (a value
 * sent is replaced), so the decision log always names the key that really acted.
 */
export const ACTOR_FIELDS = {
  'submit-document': 'submittedBy',
  'request-documents': 'requestedBy',
  approve: 'approvedBy',
  reject: 'rejectedBy',
  'confirm-installation': 'testedBy',
  'confirm-installations': 'testedBy',
  claim: 'claimedBy',
  unclaim: 'releasedBy',
  'record-icp-filing': 'recordedBy',
  'approve-campaign-script': 'approvedBy',
  'issue-completion-notice': 'issuedBy',
  'sign-off': 'signedBy',
  object: 'raisedBy',
  'non-renewal-notice': 'givenBy',
  unsubscribe: 'givenBy',
  'choose-free-month': 'chosenBy',
  'record-remediation': 'checkedBy',
  'service-request': 'requestedBy',
} as const satisfies { [A in keyof typeof ActionSchemas]: string };

export type ActionName = keyof typeof ActionSchemas;
export type ActionInput<A extends ActionName> = z.infer<(typeof ActionSchemas)[A]>;
export const ACTION_NAMES = Object.keys(ActionSchemas) as ActionName[];

/** Stages in which each action makes sense; anything else is refused with the reason. */
export const ACTION_STAGES: Record<ActionName, readonly Stage[]> = {
  'submit-document': ['qualification'],
  'request-documents': ['qualification'],
  approve: ['qualification'],
  reject: ['qualification'],
  'confirm-installation': ['provisioning'],
  'confirm-installations': ['provisioning'],
  // Whoever works on an obligation may say so in any stage that still has obligations.
  claim: ['qualification', 'provisioning', 'acceptance', 'active', 'suspended', 'terminating'],
  unclaim: ['qualification', 'provisioning', 'acceptance', 'active', 'suspended', 'terminating'],
  'record-icp-filing': ['provisioning', 'acceptance', 'active', 'suspended'],
  'approve-campaign-script': ['provisioning', 'acceptance', 'active'],
  'issue-completion-notice': ['provisioning'],
  'sign-off': ['acceptance'],
  object: ['acceptance'],
  'non-renewal-notice': ['active', 'suspended'],
  unsubscribe: ['active', 'suspended'],
  'choose-free-month': ['active', 'suspended'],
  'record-remediation': ['active', 'suspended'],
  'service-request': ['active', 'suspended'],
};

/** Parse an action's input; the message lists every offending field and rule. */
export function parseAction<A extends ActionName>(action: A, input: unknown): ActionInput<A> {
  const parsed = ActionSchemas[action].safeParse(input, { error: plainMessages });
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => `${[...i.path, k].join('.')}: is not a known field`)
        : [`${i.path.join('.') || '(input)'}: ${i.message}`],
    );
    throw new InvalidActionError(`${action}: invalid input: ${problems.join('; ')}`);
  }
  return parsed.data as ActionInput<A>;
}

/** Messages for the generic failures, phrased like the field rules ("must …"). */
const plainMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type')
    return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
  if (issue.code === 'invalid_value')
    return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  return undefined;
};

export class InvalidActionError extends Error {
  override name = 'InvalidActionError';
}
