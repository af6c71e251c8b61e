/**
 * 计费开始 — billing starts on the actual activation date (000 clause 3.5), or at signature where the
 * term runs from signing (002 clause 3.1(1)). The billing-started event carries what billing rates:
 * the lines, the term, the agreed instalments and the first-month credit for activation delay.
 */
import { addWorkingDays, addDays, type IsoDate } from '../../domain/calendar';
import { firstTerm } from './clauses/term';
import type { ContractSpec } from '../../domain/contract-spec';
import type { LineItem } from '../../domain/spec/line-items';
import type { Contract } from './contract';
import type { Receivable } from './state';

function ratingLine(item: LineItem) {
  const base = { itemId: item.id, product: item.catalogueCode, unitPriceFen: item.unitPriceFen };
  switch (item.charge.basis) {
    case 'one-time':
      return { ...base, priceType: 'oneTime' as const, quantity: item.quantity };
    case 'monthly':
      return {
        ...base,
        priceType: 'recurring' as const,
        quantity: item.quantity,
        recurringChargePeriod: 'month' as const,
      };
    case 'yearly':
      return {
        ...base,
        priceType: 'recurring' as const,
        quantity: item.quantity,
        recurringChargePeriod: 'year' as const,
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

/** The agreed instalments as receivables with their due dates (clause 2.2 of 001, 3.2 of 002, 4.5.1 of 000). */
export function scheduledReceivables(spec: ContractSpec): Receivable[] {
  return spec.clauses.payment.plans.flatMap((plan) =>
    plan.kind !== 'instalments'
      ? []
      : plan.instalments.map((inst, i) => {
          const due = inst.due;
          const dueDate: IsoDate =
            due.kind === 'on-date'
              ? due.date
              : due.dayType === 'working'
                ? addWorkingDays(spec.signedDate, due.days).date
                : addDays(spec.signedDate, due.days);
          return {
            id: `${plan.ref}#${i + 1}`,
            amountFen: inst.amountFen,
            dueDate,
            paidFen: 0,
            overdue: false,
            lateFeeFen: 0,
          };
        }),
  );
}

export async function startBilling(c: Contract, activationDate: IsoDate): Promise<void> {
  c.state.activationDate = activationDate;
  const term = firstTerm(c.spec, { activationDate });
  c.state.term = { number: 1, start: term.start, end: term.end };
  c.state.receivables = scheduledReceivables(c.spec);
  const billedFrom = c.spec.clauses.term.start.kind === 'signature' ? c.spec.signedDate : activationDate;
  const lines = c.spec.lineItems.map(ratingLine);
  await c.emit('telecom.contract.billing-started.v1', {
    activationDate: billedFrom,
    agreementPeriod: { startDate: term.start, endDate: term.end },
    billingCycle: billingCycle(c.spec),
    productOrderItem: lines,
    firstMonthCreditFen: c.state.activation.penaltyFen,
    ...(c.state.receivables.length
      ? { instalments: c.state.receivables.map((r) => ({ dueDate: r.dueDate, amountFen: r.amountFen })) }
      : {}),
  });
  c.state.balances.creditsFen += c.state.activation.penaltyFen;
  c.decide('billing-started', 'workflow', `fees from ${billedFrom}, term ${term.start} – ${term.end}`);
}
