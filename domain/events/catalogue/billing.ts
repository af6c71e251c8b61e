/** What billing acts on: the rating basis at activation, one-off charges and credits, payments, dunning. */
import { z } from 'zod';
import {
  agreementPeriod,
  base,
  clauseRef,
  code,
  count,
  fen,
  identifier,
  instalment,
  localDate,
  text,
} from '../fields';
import { defineEvents } from './define';

const lineBase = {
  itemId: identifier.describe('Line id, stable for the life of the contract'),
  product: code.describe('What is rated, e.g. agent-seat, cloud-dedicated-line, number-occupancy'),
  unitPriceFen: fen,
};

/** TMF622 productOrderItem flattened to one price each; priceType + period is the charge basis. */
const ratingLine = z.discriminatedUnion('priceType', [
  z.object({ ...lineBase, priceType: z.literal('oneTime'), quantity: count.min(1) }).strict(),
  z
    .object({
      ...lineBase,
      priceType: z.literal('recurring'),
      quantity: count.min(1),
      recurringChargePeriod: z.enum(['month', 'year']),
    })
    .strict(),
  z
    .object({
      ...lineBase,
      priceType: z.literal('usage'),
      quantity: count.describe('Prepaid units (e.g. 1,380,000 notifications), 0 when billed on actuals'),
      unitOfMeasure: code.describe('e.g. message, voice-notification'),
    })
    .strict(),
]);

const positiveFen = fen.min(1, 'must be positive');

export const billingEvents = defineEvents({
  'telecom.contract.billing-started.v1': {
    meaning:
      'Fees run from the actual activation date: the rating lines, the term, and the first-month credit for any activation-delay penalty.',
    billing: true,
    keyFields: ['activationDate', 'agreementPeriod', 'productOrderItem', 'firstMonthCreditFen'],
    schema: z
      .object({
        ...base,
        activationDate: localDate.describe('Actual activation date; fees run from it'),
        agreementPeriod: agreementPeriod.describe(
          'The term: e.g. 36 months from activation, or 12 months from signing',
        ),
        billingCycle: z.enum(['monthly', 'half-yearly', 'yearly', 'prepaid']),
        productOrderItem: z
          .array(ratingLine)
          .describe(
            'Rating lines; empty when the contract itself sets no prices (003: tariff per service request form)',
          ),
        firstMonthCreditFen: fen.describe(
          'Activation-delay penalty deducted from the first bill (000 clause 7.4); the only place it is booked',
        ),
        instalments: z
          .array(instalment)
          .min(1)
          .optional()
          .describe('Agreed payment schedule, when the contract fixes one'),
      })
      .strict(),
  },
  'telecom.contract.charge-applied.v1': {
    meaning:
      'The customer owes a one-off amount: late fee, early-termination charge, violation penalty, discount claw-back.',
    billing: true,
    keyFields: ['chargeType', 'amountFen', 'reason', 'clauseRef'],
    schema: z
      .object({
        ...base,
        chargeId: identifier.describe('Stable id: billing books each chargeId once'),
        chargeType: z.enum([
          'late-fee',
          'early-termination',
          'violation-penalty',
          'discount-clawback',
          'service-fee',
        ]),
        amountFen: positiveFen,
        reason: text(),
        clauseRef,
        chargeDate: localDate,
        invoiceId: identifier.optional().describe('TMF678 customerBill the charge relates to (late fees)'),
        periodStartDate: localDate.optional(),
        periodEndDate: localDate.optional(),
      })
      .strict(),
  },
  'telecom.contract.credit-applied.v1': {
    meaning: 'The provider owes the customer: SLA credit, free month, a penalty the provider pays.',
    billing: true,
    keyFields: ['creditType', 'amountFen', 'reason', 'clauseRef'],
    schema: z
      .object({
        ...base,
        creditId: identifier.describe('Stable id: billing books each creditId once'),
        // The activation-delay penalty is not a credit event: it is booked once, as
        // billing-started.firstMonthCreditFen, so billing cannot count it twice.
        creditType: z.enum(['sla-credit', 'free-month', 'provider-penalty']),
        amountFen: positiveFen,
        reason: text(),
        clauseRef,
        creditDate: localDate,
        periodStartDate: localDate.optional(),
        periodEndDate: localDate.optional(),
      })
      .strict(),
  },
  'telecom.contract.payment-received.v1': {
    meaning: 'The contract recorded a payment reported by billing (TMF670 payment).',
    billing: true,
    keyFields: ['paymentId', 'amountFen', 'paidDate'],
    schema: z
      .object({
        ...base,
        paymentId: identifier,
        invoiceId: identifier.optional(),
        amountFen: positiveFen,
        paidDate: localDate,
      })
      .strict(),
  },
  'telecom.contract.usage-settled.v1': {
    meaning:
      'A usage period was settled on the messages actually delivered (004 5.3): the fee, the free month waived, the SLA credit already deducted (3.2.4), and the bill it makes.',
    billing: true,
    keyFields: [
      'invoiceId',
      'periodStartDate',
      'periodEndDate',
      'feeFen',
      'slaCreditFen',
      'amountDueFen',
      'dueDate',
    ],
    schema: z
      .object({
        ...base,
        invoiceId: identifier.describe('The bill this settlement makes; payments name it'),
        periodStartDate: localDate,
        periodEndDate: localDate,
        billableMessages: count,
        freeMessages: count.describe('Delivered in the free month the customer chose (5.2)'),
        feeFen: fen.describe('Delivered messages × unit price, free month excluded'),
        waivedFen: fen.describe('What the free month would have cost'),
        slaCreditFen: fen.describe(
          'SLA credit: fee × failure rate when the SLA was missed (3.2.4); deducted below',
        ),
        amountDueFen: fen.describe('feeFen − slaCreditFen: what the customer owes for the period'),
        dueDate: localDate,
        clauseRef,
      })
      .strict()
      .refine((d) => d.amountDueFen === d.feeFen - d.slaCreditFen, {
        message: 'must equal feeFen − slaCreditFen',
        path: ['amountDueFen'],
      }),
  },
  'telecom.contract.payment-overdue.v1': {
    meaning: 'A bill is unpaid past its due date; dunning started (late fees accrue, suspension may follow).',
    billing: true,
    keyFields: ['invoiceId', 'amountDueFen', 'dueDate', 'overdueDays', 'suspensionFromDate'],
    schema: z
      .object({
        ...base,
        invoiceId: identifier.describe('TMF678 customerBill id'),
        amountDueFen: positiveFen,
        dueDate: localDate,
        asOfDate: localDate,
        overdueDays: count,
        lateFeeAccruedFen: fen.optional(),
        suspensionFromDate: localDate
          .optional()
          .describe('When the service will be suspended if still unpaid'),
      })
      .strict(),
  },
});
