/**
 * What line items cost over a stretch of service. Shared by the billing schedule, the delay penalty cap,
 * early termination and the spec's own consistency rule (instalments must add up to the term's charges).
 */
import { assertFen, mulRatio, sumFen, type Fen } from '../money';
import { assertNever } from '../never';
import type { LineItem } from '../spec/line-items';

export function lineTotalFen(item: LineItem): Fen {
  return assertFen(item.unitPriceFen * item.quantity, `line item ${item.id} total`);
}

export function isRecurring(item: LineItem): boolean {
  return item.charge.basis === 'monthly' || item.charge.basis === 'yearly';
}

/** Charged once, at the start: one-time fees and prepaid usage bundles (002's 1,380,000 notifications). */
export function isUpFront(item: LineItem): boolean {
  const { charge } = item;
  return (
    charge.basis === 'one-time' || (charge.basis === 'per-usage' && charge.settlement === 'prepaid-quota')
  );
}

/** Billed on measured usage after the fact (004's SMS, 001's relocations): outside any schedule. */
export function isMeasured(item: LineItem): boolean {
  return item.charge.basis === 'per-usage' && item.charge.settlement === 'in-arrears';
}

/**
 * A recurring item's charge for months (from, to] of the service, counted from the term start. Yearly
 * prices are spread by cumulative rounding, so the pieces of a year always add up to the yearly price.
 */
export function recurringChargeFen(item: LineItem, fromMonth: number, toMonth: number): Fen {
  const total = lineTotalFen(item);
  switch (item.charge.basis) {
    case 'monthly':
      return assertFen(total * (toMonth - fromMonth));
    case 'yearly':
      return mulRatio(total, toMonth, 12) - mulRatio(total, fromMonth, 12);
    case 'one-time':
    case 'per-usage':
      return 0;
    default:
      return assertNever(item.charge, 'charge basis');
  }
}

/** Everything scheduled (not measured) over the first `months` of service. */
export function scheduledChargeFen(item: LineItem, months: number): Fen {
  if (isUpFront(item)) return lineTotalFen(item);
  return recurringChargeFen(item, 0, months);
}

export function termScheduledFen(items: readonly LineItem[], months: number): Fen {
  return sumFen(items.map((item) => scheduledChargeFen(item, months)));
}

/** 一次性费用: the basis of 000 clause 7.4's delay penalty. */
export function oneTimeFeesFen(items: readonly LineItem[]): Fen {
  return sumFen(items.filter((i) => i.charge.basis === 'one-time').map(lineTotalFen));
}

/** Recurring fees for one year of service. */
export function annualRecurringFen(items: readonly LineItem[]): Fen {
  return sumFen(items.filter(isRecurring).map((item) => recurringChargeFen(item, 0, 12)));
}

/**
 * 月服务费: the recurring fees of one month, a twelfth of the annual recurring fees rounded half-up
 * (000 has yearly prices and one monthly one; 7.4 caps the delay penalty at "the monthly fee").
 */
export function monthlyFeeFen(items: readonly LineItem[]): Fen {
  return mulRatio(annualRecurringFen(items), 1, 12);
}
