/**
 * The clauses about conduct and service quality: compliance limits, violation tiers, SLA credit,
 * resource quarantine, VAT and the gates that hold an action until a condition is met.
 */
import { z } from 'zod';
import { EndReasonSchema } from '../events/catalogue/term';
import { BasisPointsSchema, FenSchema } from '../money';
import {
  ClauseRefSchema,
  DayTypeSchema,
  DEFAULT_REF,
  nonNegativeDays,
  nonNegativeInt,
  nonNegativeMonths,
  positiveDays,
  positiveInt,
  positiveMonths,
  text,
} from './common';

/** 004 7.3.1–7.3.2: remediation window with the port blocked; unremedied → termination + penalty. */
const RemediateTier = z
  .object({
    response: z.literal('remediate'),
    remediationDays: positiveDays(),
    remediationDayType: DayTypeSchema.default('calendar'),
    portBlocked: z.boolean(),
    newApplicationsPaused: z.boolean(),
    penaltyIfUnremediedFen: FenSchema,
  })
  .strict();

/** 004 7.3.3: that business stops at once, no new applications for a while, penalty due. */
const TerminateBusinessTier = z
  .object({
    response: z.literal('terminate-business'),
    newApplicationBanMonths: nonNegativeMonths(),
    penaltyFen: FenSchema,
    contractTerminable: z.boolean(),
  })
  .strict();

export const ViolationTierRuleSchema = z.discriminatedUnion('response', [
  RemediateTier,
  TerminateBusinessTier,
]);

export const ViolationTiersSchema = z
  .object({
    ref: ClauseRefSchema,
    general: ViolationTierRuleSchema, // 一般
    serious: ViolationTierRuleSchema, // 严重
    major: ViolationTierRuleSchema, // 重大
    /** Complaints about messages sent without consent: ≤ seriousAbove general, ≤ majorAbove serious, else major. */
    unconsentedComplaints: z
      .object({ seriousAbove: positiveInt(), majorAbove: positiveInt() })
      .strict()
      .optional(),
  })
  .strict();

export const TerminationPenaltySchema = z
  .object({
    ref: ClauseRefSchema,
    trigger: text(300),
    /** The endings that book it automatically; empty when a person decides (the trigger is a judgement). */
    appliesTo: z.array(EndReasonSchema).default([]),
    amount: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('percent-of-remaining-fees'), bp: BasisPointsSchema }).strict(),
      z.object({ kind: z.literal('percent-of-contract-value'), bp: BasisPointsSchema }).strict(),
      z.object({ kind: z.literal('fixed'), amountFen: FenSchema }).strict(),
    ]),
  })
  .strict();

const RefOnly = z.object({ ref: ClauseRefSchema }).strict();

export const ComplianceSchema = z
  .object({
    /** 同一自然日内对同一号码拨打次数 (002 4.1). */
    maxCallsPerNumberPerDay: z.object({ ref: ClauseRefSchema, calls: positiveInt() }).strict().optional(),
    complaintThresholds: z
      .array(
        z
          .object({
            ref: ClauseRefSchema,
            /** Reached at this many complaints in a natural month (达到或超过). */
            perMonth: positiveInt(),
            action: z.enum(['may-stop-service', 'may-terminate']),
            /** What the contract does when reached: stop (suspend until the next month) or end the service, or only flag it for a person. Defaults to what `action` allows. */
            response: z.enum(['suspend', 'terminate', 'flag']).optional(),
          })
          .strict(),
      )
      .default([]),
    violationTiers: ViolationTiersSchema.optional(),
    terminationPenalties: z.array(TerminationPenaltySchema).default([]),
    /** Changes of scope/use/time filed this many working days ahead (002 2.1.6). */
    changeNoticeWorkingDays: z.object({ ref: ClauseRefSchema, days: positiveDays() }).strict().optional(),
    /** Send only to recipients who consented, with proof (004 3.1.7). */
    recipientConsentRequired: RefOnly.optional(),
    /** Keep sending logs this many months (004 3.1.11). */
    logRetentionMonths: z.object({ ref: ClauseRefSchema, months: positiveMonths() }).strict().optional(),
    /** Answer a complaint handed over by the provider within this many hours (004 4.3.1). */
    complaintResponseHours: z.object({ ref: ClauseRefSchema, hours: positiveInt() }).strict().optional(),
    /** Listed as dishonest / fraud risk → provider may suspend or terminate (000 7.5). */
    fraudRiskListTermination: RefOnly.optional(),
  })
  .strict()
  .default({ complaintThresholds: [], terminationPenalties: [] });

/** 004 3.2.4: success ≥ threshold OR complaints ≤ limit in the window; otherwise fee × failure rate is credited. */
export const SlaCreditSchema = z
  .object({
    ref: ClauseRefSchema,
    successRateBp: BasisPointsSchema.max(10_000, 'must be ≤ 10000 (100%)'),
    complaintLimit: nonNegativeInt(),
    complaintWindowMonths: positiveMonths(),
    evaluationEveryMonths: positiveMonths().optional(),
  })
  .strict();

/** Released numbers and IP addresses are not given to anyone else for this many days (001 3.2.10). */
export const QuarantineSchema = z
  .object({ ref: ClauseRefSchema, days: nonNegativeDays(), dayType: DayTypeSchema.default('calendar') })
  .strict()
  .default({ ref: DEFAULT_REF, days: 90, dayType: 'calendar' });

export const VatSchema = z.object({ ref: ClauseRefSchema, rateBp: BasisPointsSchema }).strict();

export const GatesSchema = z
  .object({
    /** Ports stay closed until the website filing (ICP 备案) is done and opening requested (001 1.5). */
    icpFilingForPorts: z
      .object({
        ref: ClauseRefSchema,
        ports: z.array(z.number().int().min(1, 'must be a port').max(65_535, 'must be a port')).min(1),
      })
      .strict()
      .optional(),
    /** The number may not be advertised before activation and hand-over (003 §11). */
    noPublicationBeforeActivation: RefOnly.optional(),
    /** Outbound scripts: filed with the provider, or approved before any call (002 4.4). */
    outboundScripts: z
      .object({
        ref: ClauseRefSchema,
        mode: z.enum(['filing', 'approval-before-calling']),
        changeReportDays: positiveDays().optional(),
      })
      .strict()
      .optional(),
    /** Public-security filing after network access (001 annex 1 §8). */
    securityFiling: z
      .object({
        ref: ClauseRefSchema,
        submitWithinWorkingDays: positiveDays(),
        completeWithinWorkingDays: positiveDays(),
      })
      .strict()
      .optional(),
    /** 网络及信息安全承诺书 signed before service. */
    securityCommitment: RefOnly.optional(),
  })
  .strict()
  .default({});
