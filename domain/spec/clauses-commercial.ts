/**
 * The clauses that drive dates and money: term and renewal, acceptance, activation, payment, dunning,
 * unsubscribe and early termination. Calculators live in domain/clauses/.
 */
import { z } from 'zod';
import { PlausibleDateSchema } from '../dates';
import { EndReasonSchema } from '../events/catalogue/term';
import { BasisPointsSchema, FenSchema } from '../money';
import {
  ClauseRefSchema,
  DayTypeSchema,
  DEFAULT_REF,
  nonNegativeDays,
  nonNegativeMonths,
  positiveDays,
  positiveInt,
  positiveMonths,
} from './common';

export const TermSchema = z
  .object({
    ref: ClauseRefSchema,
    /** activation = 业务实际开通日 (000 10.1); signature = both seals (002 3.1(1)); fixed = a date (001 11.1). */
    start: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('activation') }).strict(),
      z.object({ kind: z.literal('signature') }).strict(),
      z.object({ kind: z.literal('fixed'), date: PlausibleDateSchema }).strict(),
    ]),
    /** months: the term ends the day before the same day `months` later; fixed: the last day, inclusive. */
    end: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('months'), months: positiveMonths() }).strict(),
      z.object({ kind: z.literal('fixed'), date: PlausibleDateSchema }).strict(),
    ]),
  })
  .strict();

export const RenewalSchema = z
  .discriminatedUnion('mode', [
    z.object({ mode: z.literal('none'), ref: ClauseRefSchema }).strict(),
    z
      .object({
        mode: z.literal('auto'),
        ref: ClauseRefSchema,
        renewalMonths: positiveMonths(),
        /** Either side stops the renewal by written notice at least this many days before expiry… */
        nonRenewalNoticeDays: nonNegativeDays().optional(),
        /** …or this many months before it ("one month before expiry"); exactly one of the two. */
        nonRenewalNoticeMonths: positiveMonths().optional(),
        /** How the notice days count: calendar or working days. */
        noticeDayType: DayTypeSchema.default('calendar'),
        /** The renewal-due reminder goes out this many days before the notice deadline. */
        reminderLeadDays: nonNegativeDays().default(30),
        /** null = 续展次数不受限制 (unlimited). */
        maxRenewals: positiveInt().nullable(),
      })
      .strict(),
    /** Renewal possible but its length is agreed at the time (004 11.11). */
    z.object({ mode: z.literal('negotiated'), ref: ClauseRefSchema }).strict(),
  ])
  .default({ mode: 'none', ref: DEFAULT_REF });

export const AcceptanceSchema = z
  .object({
    ref: ClauseRefSchema,
    /** Days the customer has after receiving the completion notice (竣工单) to sign or object. */
    windowDays: positiveDays(),
    dayType: DayTypeSchema.default('calendar'),
    deemedAcceptedOnSilence: z.boolean(),
    /** On deemed acceptance the activation date is the one printed on the completion notice (000 3.4). */
    activationDateOnDeemed: z
      .enum(['completion-notice-date', 'deemed-date'])
      .default('completion-notice-date'),
  })
  .strict();

export const DelayPenaltySchema = z
  .object({
    ref: ClauseRefSchema,
    /** Per day late, on the one-time fees (000 7.4: 1% = 100 bp). */
    rateBpPerDay: BasisPointsSchema,
    cap: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('monthly-fee') }).strict(),
      z.object({ kind: z.literal('fixed'), amountFen: FenSchema }).strict(),
      z.object({ kind: z.literal('none') }).strict(),
    ]),
    settlement: z.literal('credit-first-month'),
    /** The customer may terminate once activation is more than this many days late. */
    customerTerminationAfterDays: positiveDays().optional(),
  })
  .strict();

export const ActivationSchema = z
  .object({
    ref: ClauseRefSchema,
    sla: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('working-days'),
          days: positiveDays(),
          from: z.enum(['resources-ready-and-order-accepted', 'signature', 'one-time-fees-paid']),
        })
        .strict(),
      z
        .object({
          kind: z.literal('negotiated'),
          from: z.enum(['signature', 'one-time-fees-paid', 'resources-ready']),
        })
        .strict(),
    ]),
    delayPenalty: DelayPenaltySchema.optional(),
    postActivationSupport: z
      .object({ ref: ClauseRefSchema, workingDays: positiveDays() })
      .strict()
      .optional(),
  })
  .strict();

/** When an instalment is due: on a date, or within N (working) days after an event of the contract. */
const after = <K extends string>(kind: K) =>
  z
    .object({ kind: z.literal(kind), days: positiveDays(), dayType: DayTypeSchema.default('calendar') })
    .strict();

export const DueRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('on-date'), date: PlausibleDateSchema }).strict(),
  after('after-signature'),
  /** Counted from the customer's acceptance (signed or deemed). */
  after('after-acceptance'),
  /** Counted from the actual activation date (业务实际开通日). */
  after('after-activation'),
  /** Counted from the invoice billing issues for the instalment (fact invoice-issued). */
  after('after-invoice'),
]);

export const PaymentPlanSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('instalments'),
      ref: ClauseRefSchema,
      instalments: z
        .array(
          z
            .object({
              amountFen: FenSchema,
              due: DueRuleSchema,
              /** When it bills again (repeat): the amount without the one-time fees billed the first time. */
              repeatAmountFen: FenSchema.optional(),
            })
            .strict(),
        )
        .min(1, 'must list at least one instalment'),
      /**
       * once: the listed instalments pay the first term only; every-term-year: again each term year,
       * dates a year later (按年); every-term: again each renewed term, dates shifted by the term.
       */
      repeat: z.enum(['once', 'every-term-year', 'every-term']).default('once'),
    })
    .strict(),
  /** Natural-month billing; month M is paid from day `windowStartDay` of M+1 to `windowEndDay` of M+2. */
  z
    .object({
      kind: z.literal('postpaid-monthly'),
      ref: ClauseRefSchema,
      windowStartDay: z.number().int().min(1, 'must be 1-28').max(28, 'must be 1-28'),
      windowEndDay: z.number().int().min(1, 'must be 1-28').max(28, 'must be 1-28'),
    })
    .strict(),
  /** Usage settled every `periodMonths` from the term start on successful deliveries (004 5.3). */
  z
    .object({
      kind: z.literal('usage-settlement'),
      ref: ClauseRefSchema,
      periodMonths: positiveMonths(),
      /** The period's bill is due this many days after the period ends (the contract is silent: 30). */
      paymentDueDays: positiveDays().default(30),
      paymentDayType: DayTypeSchema.default('calendar'),
      freeMonths: nonNegativeMonths().default(0),
      freeMonthNoticeDays: nonNegativeDays().default(0),
      freeMonthRef: ClauseRefSchema.optional(),
    })
    .strict(),
]);

export const PaymentSchema = z
  .object({
    plans: z.array(PaymentPlanSchema).default([]),
    finalSettlement: z.object({ ref: ClauseRefSchema, withinMonths: positiveMonths() }).strict().optional(),
  })
  .strict();

export const DunningSchema = z
  .object({
    lateFee: z.object({ ref: ClauseRefSchema, rateBpPerDay: BasisPointsSchema }).strict().optional(),
    suspension: z
      .discriminatedUnion('kind', [
        /** More than `days` overdue (超过…日). */
        z
          .object({
            kind: z.literal('after-overdue-days'),
            ref: ClauseRefSchema,
            days: positiveDays(),
            dayType: DayTypeSchema.default('calendar'),
          })
          .strict(),
        /** Unpaid within the due month: suspended from the 1st of the next month (002 3.3). */
        z.object({ kind: z.literal('first-of-next-month'), ref: ClauseRefSchema }).strict(),
        /** The provider "may suspend" with no time rule (000 7.3): a human decision. */
        z.object({ kind: z.literal('discretionary'), ref: ClauseRefSchema }).strict(),
      ])
      .optional(),
    termination: z
      .discriminatedUnion('kind', [
        z
          .object({
            kind: z.literal('after-suspension-days'),
            ref: ClauseRefSchema,
            days: positiveDays(),
            dayType: DayTypeSchema.default('calendar'),
          })
          .strict(),
        z
          .object({
            kind: z.literal('after-overdue-days'),
            ref: ClauseRefSchema,
            days: positiveDays(),
            dayType: DayTypeSchema.default('calendar'),
          })
          .strict(),
        z.object({ kind: z.literal('discretionary'), ref: ClauseRefSchema }).strict(),
      ])
      .optional(),
  })
  .strict()
  .default({});

export const UnsubscribeSchema = z
  .object({
    ref: ClauseRefSchema,
    /** Written notice at least this many days ahead (000 3.6: 30)… */
    minNoticeDays: positiveDays().optional(),
    /** …or this many months ahead; exactly one of the two. */
    minNoticeMonths: positiveMonths().optional(),
    /** How the notice days count: calendar, working or strictly calendar days. */
    dayType: DayTypeSchema.default('calendar'),
    /** What happens when the requested stop date comes too early. */
    shortNotice: z.discriminatedUnion('kind', [
      /** 000 3.6: the stop date becomes the N-th day after the notice. */
      z.object({ kind: z.literal('nth-day-after-notice'), day: positiveDays() }).strict(),
      z.object({ kind: z.literal('earliest-allowed') }).strict(),
    ]),
  })
  .strict();

export const EarlyTerminationSchema = z
  .object({
    ref: ClauseRefSchema,
    /** Pay back the difference between standard and discounted tariffs enjoyed so far. */
    discountClawback: z.boolean(),
    /** Share of the remaining term's fees (000: 5% = 500 bp). */
    remainingFeesBp: BasisPointsSchema.default(0),
    fixedAmountFen: FenSchema.default(0),
    /** The endings the charge applies to (000 7.3: an early unsubscribe; 001 6.2: any the customer causes). */
    appliesTo: z.array(EndReasonSchema).min(1).default(['unsubscribed']),
    /** How the remaining term is valued: by unbegun service periods, or by day where the contract says so. */
    proration: z.enum(['service-periods', 'days']).default('service-periods'),
  })
  .strict();
