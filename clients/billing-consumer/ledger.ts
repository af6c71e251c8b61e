/**
 * What a billing system does with each billing event, as plain data: ledger entries to book and
 * changes to the contract's billing terms. No I/O here, so the rules are easy to read and test.
 * Sign convention: positive = the customer owes it, negative = in the customer's favour.
 */
import type { ContractEvent } from '../../domain/events/catalogue';

export type RatingLine = Extract<
  ContractEvent,
  { type: 'telecom.contract.billing-started.v1' }
>['data']['productOrderItem'][number];

export interface LedgerEntry {
  /** Business id (chargeId, creditId, paymentId…): booked once per contract even if re-announced. */
  entryId: string;
  entryDate: string;
  kind: 'charge' | 'credit' | 'payment';
  amountFen: number;
  description: string;
  clauseRef?: string;
}

export type BillingStatus = 'pending' | 'active' | 'suspended' | 'terminated' | 'closed';

/** The billing terms a contract's events have established so far. */
export interface BillingTerms {
  status?: BillingStatus;
  activationDate?: string;
  termStart?: string;
  termEnd?: string;
  billingCycle?: string;
  /** First day not billed. */
  stopBillingDate?: string;
  firstMonthCreditFen?: number;
  ratingLines?: RatingLine[];
}

export interface BillingEffects {
  entries: LedgerEntry[];
  terms: BillingTerms;
}

const none: BillingEffects = { entries: [], terms: {} };

function started(
  event: Extract<ContractEvent, { type: 'telecom.contract.billing-started.v1' }>,
): BillingEffects {
  const d = event.data;
  const entries: LedgerEntry[] =
    d.firstMonthCreditFen > 0
      ? [
          {
            entryId: 'activation-delay-credit',
            entryDate: d.activationDate,
            kind: 'credit',
            amountFen: -d.firstMonthCreditFen,
            description: 'Activation-delay penalty, deducted from the first month',
          },
        ]
      : [];
  const terms: BillingTerms = {
    status: 'active',
    activationDate: d.activationDate,
    termStart: d.agreementPeriod.startDate,
    termEnd: d.agreementPeriod.endDate,
    billingCycle: d.billingCycle,
    firstMonthCreditFen: d.firstMonthCreditFen,
    ratingLines: d.productOrderItem,
  };
  return { entries, terms };
}

export function billingEffects(event: ContractEvent): BillingEffects {
  switch (event.type) {
    case 'telecom.contract.billing-started.v1':
      return started(event);
    case 'telecom.contract.charge-applied.v1': {
      const d = event.data;
      const entry = {
        entryId: d.chargeId,
        entryDate: d.chargeDate,
        kind: 'charge' as const,
        amountFen: d.amountFen,
      };
      return {
        entries: [{ ...entry, description: `${d.chargeType}: ${d.reason}`, clauseRef: d.clauseRef }],
        terms: {},
      };
    }
    case 'telecom.contract.credit-applied.v1': {
      const d = event.data;
      const entry = {
        entryId: d.creditId,
        entryDate: d.creditDate,
        kind: 'credit' as const,
        amountFen: -d.amountFen,
      };
      return {
        entries: [{ ...entry, description: `${d.creditType}: ${d.reason}`, clauseRef: d.clauseRef }],
        terms: {},
      };
    }
    case 'telecom.contract.payment-received.v1': {
      const d = event.data;
      const description = d.invoiceId ? `payment for ${d.invoiceId}` : 'payment';
      return {
        entries: [
          {
            entryId: d.paymentId,
            entryDate: d.paidDate,
            kind: 'payment',
            amountFen: -d.amountFen,
            description,
          },
        ],
        terms: {},
      };
    }
    case 'telecom.contract.service-suspended.v1':
      return { entries: [], terms: { status: 'suspended' } };
    case 'telecom.contract.service-resumed.v1':
      return { entries: [], terms: { status: 'active' } };
    case 'telecom.contract.renewed.v1':
      return {
        entries: [],
        terms: { termEnd: event.data.agreementPeriod.endDate, stopBillingDate: undefined },
      };
    case 'telecom.contract.unsubscribe-noticed.v1':
      return { entries: [], terms: { stopBillingDate: event.data.stopBillingDate } };
    case 'telecom.contract.terminated.v1':
      return { entries: [], terms: { status: 'terminated', stopBillingDate: event.data.stopBillingDate } };
    case 'telecom.contract.closed.v1':
      return { entries: [], terms: { status: 'closed' } };
    default:
      // Informational for billing (dunning, notices, penalties accruing): kept in the event log only.
      return none;
  }
}
