/**
 * The billing schedule a contract's rating lines give over its term: one-time fees at activation,
 * recurring fees at the start of each month or year, prepaid usage up front. Usage billed on actuals
 * is not scheduled. Periods starting on or after the stop-billing date are dropped (no proration here:
 * a billing team adds its own proration rule).
 */
import type { BillingTerms, RatingLine } from './ledger';

export interface ScheduledCharge {
  dueDate: string;
  itemId: string;
  product: string;
  periodStart: string;
  periodEnd: string;
  amountFen: number;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const parse = (s: string) => new Date(`${s}T00:00:00Z`);

/** Calendar arithmetic on dates; the 31st plus a month is the last day of the next month. */
export function addMonths(date: string, months: number): string {
  const d = parse(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return iso(target);
}

export function addDays(date: string, days: number): string {
  const d = parse(date);
  d.setUTCDate(d.getUTCDate() + days);
  return iso(d);
}

function periodsOf(
  line: RatingLine,
  start: string,
  end: string,
  stop: string | undefined,
): ScheduledCharge[] {
  const base = { itemId: line.itemId, product: line.product, amountFen: line.quantity * line.unitPriceFen };
  if (line.priceType !== 'recurring') {
    if (line.priceType === 'usage' && line.quantity === 0) return [];
    return [{ ...base, dueDate: start, periodStart: start, periodEnd: end }];
  }
  const step = line.recurringChargePeriod === 'year' ? 12 : 1;
  const charges: ScheduledCharge[] = [];
  for (let i = 0; ; i += 1) {
    const periodStart = addMonths(start, i * step);
    if (periodStart > end || (stop !== undefined && periodStart >= stop)) return charges;
    const periodEnd = addDays(addMonths(start, (i + 1) * step), -1);
    charges.push({
      ...base,
      dueDate: periodStart,
      periodStart,
      periodEnd: periodEnd > end ? end : periodEnd,
    });
  }
}

export function billingSchedule(terms: BillingTerms): ScheduledCharge[] {
  const start = terms.activationDate ?? terms.termStart;
  if (!start || !terms.termEnd || !terms.ratingLines) return [];
  return terms.ratingLines
    .flatMap((line) => periodsOf(line, start, terms.termEnd!, terms.stopBillingDate))
    .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.itemId.localeCompare(b.itemId));
}
