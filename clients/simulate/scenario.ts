/**
 * The counterparts of a simulated contract: when the reviewer, the field engineers, the customer and
 * billing act. Every field has a default, so `{}` is a realistic happy path (documents next day, approval
 * the day after, lines installed in a week, the customer silent through the acceptance window, every bill
 * paid on its due date). Days are counted from the signing day (day 0) unless the field says otherwise.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { IsoDateSchema, YearMonthSchema } from '../../domain/dates';
import { ViolationTierSchema } from '../../domain/events/intake';

const day = z
  .number({ error: 'must be a whole number of days' })
  .int('must be a whole number of days')
  .min(0, 'must not be negative')
  .max(3650, 'must be at most 3650 days');
const text = z.string().min(1, 'must not be empty').max(500);

/** A day of the simulation: a date, or a day number counted from the signing day (0 = signing day). */
export const WhenSchema = z.union([IsoDateSchema, day], {
  error: 'must be a date (YYYY-MM-DD) or a day number counted from the signing day (0 = signing day)',
});
export type When = z.infer<typeof WhenSchema>;

/** One bill (a scheduled instalment of the contract): paid on its due date, N days late, or never. */
export const PaymentBehaviourSchema = z.union(
  [
    z.literal('on-time'),
    z.literal('never'),
    z.object({ lateDays: day.min(1, 'must be at least 1') }).strict(),
  ],
  { error: 'must be "on-time", "never" or { "lateDays": N }' },
);
export type PaymentBehaviour = z.infer<typeof PaymentBehaviourSchema>;

/** Exactly one of `keys` must be set on `value` (the variants of a choice). */
function exactlyOne(keys: readonly string[]) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const set = keys.filter((k) => value[k] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: set.length > 1 ? [set[1]!] : [],
        message: `give exactly one of ${keys.join(', ')}${set.length > 1 ? ` (found ${set.join(' and ')})` : ''}`,
      });
    }
  };
}

const ReviewerSchema = z
  .object({
    /** Day every document of the qualification checklist is handed in. */
    documentsOnDay: day.default(1),
    /** Day the reviewer approves (default 2) … */
    approveOnDay: day.optional(),
    /** … or rejects, with the reason. */
    rejectOnDay: day.optional(),
    rejectReason: text.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.approveOnDay !== undefined && r.rejectOnDay !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rejectOnDay'],
        message: 'give approveOnDay or rejectOnDay, not both',
      });
    }
    if (r.approveOnDay !== undefined && r.approveOnDay < r.documentsOnDay) {
      ctx.addIssue({
        code: 'custom',
        path: ['approveOnDay'],
        message: `must not be before documentsOnDay (${r.documentsOnDay}): approval needs every document`,
      });
    }
    if (r.rejectOnDay !== undefined && r.rejectReason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['rejectReason'], message: 'is required with rejectOnDay' });
    }
  });

const FieldWorkSchema = z
  .object({
    /** Days after approval each dedicated line is installed and tested: one number for every line, or one per line. */
    installDays: z.union([day, z.array(day).min(1, 'must list at least one line')]).default(7),
    /** Days after the last installation (or after approval, without lines) the completion notice is issued. */
    completionNoticeDays: day.default(1),
    /** Days after approval the ICP filing is recorded (contracts whose ports wait for it, 001 clause 1.5). */
    icpFilingDays: day.default(10),
    /** Days after approval the outbound campaign script is approved (contracts with a script gate). */
    campaignScriptDays: day.default(3),
  })
  .strict();

const AnswerSchema = z
  .object({
    /** The customer signs on day N of the acceptance window (0 = the completion-notice day). */
    signOnDay: day.optional(),
    /** The customer neither signs nor objects: deemed acceptance where the contract says so. */
    silent: z.literal(true, { error: 'must be true' }).optional(),
  })
  .strict()
  .superRefine(exactlyOne(['signOnDay', 'silent']));

const AcceptanceSchema = z
  .object({
    signOnDay: day.optional(),
    silent: z.literal(true, { error: 'must be true' }).optional(),
    /** A written objection on day N of the window; the provider remedies and issues a new notice. */
    objectOnDay: day.optional(),
    reason: text.optional(),
    /** Days from the objection to the new completion notice. */
    remediationDays: day.default(5),
    /** The customer's answer to the new notice. */
    then: AnswerSchema.default({ silent: true }),
  })
  .strict()
  .superRefine(exactlyOne(['signOnDay', 'silent', 'objectOnDay']))
  .superRefine((a, ctx) => {
    if (a.objectOnDay !== undefined && a.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required with objectOnDay' });
    }
  });

const ComplaintSchema = z.object({ on: WhenSchema, category: text.default('service quality') }).strict();

const ViolationSchema = z
  .object({
    on: WhenSchema,
    tier: ViolationTierSchema,
    description: text.default('simulated violation'),
    /** The provider checks the remediation N days after detection: passed, or failed. */
    remediation: z.object({ afterDays: day, passed: z.boolean() }).strict().optional(),
  })
  .strict();

const NonRenewalSchema = z
  .object({
    party: z.enum(['customer', 'provider']).default('customer'),
    /** On a given day … */
    on: WhenSchema.optional(),
    /** … or N days before the notice deadline of term `term` (0 = on the deadline). */
    daysBeforeDeadline: day.optional(),
    term: z.number().int().min(1, 'must be at least 1').max(50).default(1),
  })
  .strict()
  .superRefine(exactlyOne(['on', 'daysBeforeDeadline']));

const UnsubscribeSchema = z
  .object({
    on: WhenSchema,
    /** The stop date the customer asks for, in days after the notice (the contract may push it later). */
    stopAfterDays: day.default(30),
  })
  .strict();

/**
 * How the customer pays the contract's scheduled bills (its instalments): `allBills` for every bill, and
 * `bills` per bill where it differs, counted in the first term's due-date order and then in the order
 * later bills become known (monthly bills, renewed terms). A bare behaviour ("never") means `allBills`.
 */
const PaymentsSchema = z.preprocess(
  (v) => (typeof v === 'string' || (v && typeof v === 'object' && 'lateDays' in v) ? { allBills: v } : v),
  z
    .object({
      allBills: PaymentBehaviourSchema.default('on-time'),
      bills: z.array(PaymentBehaviourSchema).default([]),
    })
    .strict(),
);

/** Billing's monthly usage report per per-usage line item (004 5.3): the same counts every month. */
const UsageSchema = z
  .object({
    /** Messages attempted and delivered each month, per line item id (e.g. "S-ordinary"); others report 0. */
    items: z.record(
      z.string().min(1),
      z
        .object({
          attempted: z.number().int().min(0).max(1e12),
          delivered: z.number().int().min(0).max(1e12),
        })
        .strict()
        .refine((u) => u.delivered <= u.attempted, { message: 'delivered must not exceed attempted' }),
    ),
    /** Billing reports a month on this day of the next month. */
    reportOnDay: z.number().int().min(1).max(28).default(3),
  })
  .strict();

/** The free month the customer chooses (004 5.2), with the day of its written notice. */
const FreeMonthSchema = z.object({ month: YearMonthSchema, noticeOn: WhenSchema }).strict();

/** Billing's invoices: for instalments due after their invoice, and measured post-paid extras. */
const InvoicesSchema = z
  .object({
    /** Days after billing starts that billing invoices each instalment due after its invoice. */
    afterDays: day.default(5),
    /** Measured extras of a post-paid month (001 2.3.2), invoiced on the 1st of the next month. */
    extras: z
      .array(
        z
          .object({
            month: YearMonthSchema,
            amountFen: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const ServiceRequestSchema = z
  .object({ on: WhenSchema, type: z.enum(['suspend-keep-number', 'resume', 'number-change']) })
  .strict();

export const ScenarioSchema = z
  .object({
    /** Years from the signing day to simulate; the run also stops when the contract closes. */
    years: z.number().int('must be a whole number').min(1, 'must be at least 1').max(30).optional(),
    reviewer: ReviewerSchema.default({ documentsOnDay: 1 }),
    fieldWork: FieldWorkSchema.default({
      installDays: 7,
      completionNoticeDays: 1,
      icpFilingDays: 10,
      campaignScriptDays: 3,
    }),
    acceptance: AcceptanceSchema.default({ silent: true, remediationDays: 5, then: { silent: true } }),
    payments: PaymentsSchema.default({ allBills: 'on-time', bills: [] }),
    complaints: z.array(ComplaintSchema).default([]),
    violations: z.array(ViolationSchema).default([]),
    nonRenewalNotice: NonRenewalSchema.optional(),
    unsubscribe: UnsubscribeSchema.optional(),
    serviceRequests: z.array(ServiceRequestSchema).default([]),
    usage: UsageSchema.optional(),
    freeMonth: FreeMonthSchema.optional(),
    invoices: InvoicesSchema.optional(),
  })
  .strict();

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

/** Validate a scenario; the error lists every offending field with its rule. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const parsed = ScenarioSchema.safeParse(input ?? {}, { error: plainMessages });
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => `${[...i.path, k].join('.')}: is not a known field`)
      : [`${i.path.join('.') || '(root)'}: ${i.message}`],
  );
  throw new ScenarioError(`${source} is invalid: ${problems.join('; ')}`);
}

/** Read a scenario file: YAML for .yaml/.yml, JSON otherwise. */
export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ScenarioError(`cannot read scenario file ${path}: ${(err as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(
      `scenario file ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(err as Error).message}`,
    );
  }
  return parseScenario(raw, `scenario file ${path}`);
}

const plainMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${issue.expected}`;
  }
  if (issue.code === 'invalid_value') {
    return `must be one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  return undefined;
};
