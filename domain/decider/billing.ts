/**
 * 计费开始 — billing starts on the actual activation date (000 3.5), or at signature where the term
 * runs from signing (002 3.1(1)). The billing-started event carries what billing rates: the lines, the
 * term, the agreed payment schedule and the first-month credit for activation delay (000 7.4). Facts
 * that arrived before billing started (an early payment) are applied now, in their order.
 */
import type { IsoDate } from '../calendar';
import {
  instalmentsAwaitingInvoice,
  scheduledPayments,
  type AwaitingInvoice,
  type PaymentDemand,
} from '../clauses/payments';
import { firstTerm, type TermPeriod } from '../clauses/term';
import type { ContractSpec } from '../contract-spec';
import type { LineItem } from '../spec/line-items';
import type { Draft } from './draft';
import { applyFact } from './facts';

function ratingLine(item: LineItem) {
  const base = { itemId: item.id, product: item.catalogueCode, unitPriceFen: item.unitPriceFen };
  switch (item.charge.basis) {
    case 'one-time':
      return { ...base, priceType: 'oneTime' as const, quantity: item.quantity };
    case 'monthly':
    case 'yearly':
      return {
        ...base,
        priceType: 'recurring' as const,
        quantity: item.quantity,
        recurringChargePeriod: item.charge.basis === 'monthly' ? ('month' as const) : ('year' as const),
      };
    case 'per-usage':
      return {
        ...base,
        priceType: 'usage' as const,
        quantity: item.quantity,
        unitOfMeasure: item.charge.usageUnit,
      };
  }
}

function billingCycle(spec: ContractSpec): 'monthly' | 'half-yearly' | 'yearly' | 'prepaid' {
  const plans = spec.clauses.payment.plans;
  if (plans.some((p) => p.kind === 'postpaid-monthly')) return 'monthly';
  const usage = plans.find((p) => p.kind === 'usage-settlement');
  if (usage?.kind === 'usage-settlement' && usage.periodMonths === 6) return 'half-yearly';
  if (plans.some((p) => p.kind === 'instalments')) return 'prepaid';
  return spec.lineItems.some((i) => i.charge.basis === 'monthly') ? 'monthly' : 'yearly';
}

export function startBilling(d: Draft, activationDate: IsoDate): void {
  const { spec } = d;
  const term = firstTerm(spec, { activationDate });
  const billedFrom = spec.clauses.term.start.kind === 'signature' ? spec.signedDate : activationDate;
  const facts = { activationDate, acceptanceDate: d.state.acceptance?.date, firstTermStart: term.start };
  const bills = scheduledPayments(spec, term, facts);
  d.publish('telecom.contract.billing-started.v1', {
    activationDate: billedFrom,
    agreementPeriod: { startDate: term.start, endDate: term.end },
    billingCycle: billingCycle(spec),
    productOrderItem: spec.lineItems.map(ratingLine),
    firstMonthCreditFen: d.state.activation.penaltyFen,
    ...(bills.length ? { instalments: bills.map(asInstalment) } : {}),
    ...(bills.some((b) => b.calendarDataMissing) ? { calendarDataMissing: true } : {}),
  });
  d.emit({ type: 'first-term-started', start: term.start });
  scheduleBills(d, bills, instalmentsAwaitingInvoice(spec, term, facts));
  d.note('billing-started', 'workflow', `fees from ${billedFrom}, term ${term.start} – ${term.end}`);
  const parked = d.state.parkedFacts;
  if (parked.length === 0) return;
  d.emit({ type: 'parked-facts-released' });
  for (const fact of parked) applyFact(d, fact);
}

type Instalment = { invoiceId: string; dueDate: IsoDate; amountFen: number };
const asInstalment = (b: PaymentDemand): Instalment => ({
  invoiceId: b.id,
  dueDate: b.dueDate,
  amountFen: b.amountFen,
});

/**
 * A renewed term bills what its payment clauses demand again (instalments every term or term year,
 * monthly bills); returns the instalments for the renewal event.
 */
export function billRenewedTerm(d: Draft, term: TermPeriod): { instalments?: Instalment[] } {
  const facts = {
    activationDate: d.state.activationDate,
    acceptanceDate: d.state.acceptance?.date,
    firstTermStart: d.state.firstTermStart,
  };
  const bills = scheduledPayments(d.spec, term, facts);
  scheduleBills(d, bills, instalmentsAwaitingInvoice(d.spec, term, facts));
  return bills.length ? { instalments: bills.map(asInstalment) } : {};
}

function scheduleBills(d: Draft, bills: PaymentDemand[], awaiting: AwaitingInvoice[]): void {
  if (bills.length > 0) {
    d.emit({
      type: 'receivables-scheduled',
      receivables: bills.map((b) => ({
        id: b.id,
        amountFen: b.amountFen,
        dueDate: b.dueDate,
        paidFen: 0,
        overdue: false,
        ref: b.ref,
        ...(b.calendarDataMissing ? { calendarDataMissing: true } : {}),
      })),
    });
  }
  if (awaiting.length > 0) d.emit({ type: 'invoices-awaited', invoices: awaiting });
}
