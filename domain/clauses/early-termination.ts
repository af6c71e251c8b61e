/**
 * What the customer owes when the service ends before the term does, and for which endings.
 * 000 7.3 (2nd): pay back the discount enjoyed (standard tariff − discounted tariff over the service
 * used) plus 5% of the fees of the remaining term. 001 6.2: pay back all discounts enjoyed plus 10,000,
 * on any termination the customer causes (appliesTo).
 *
 * The remaining term's fees follow the billing schedule: the fees of the service periods (a year for a
 * yearly price, a month for a monthly one) that have not begun by the stop date; a period begun is
 * performed. A remaining service year is worth exactly its annual fee, across leap years too. Day
 * proration applies only where the clause says so (proration: days).
 */
import { addMonths, addDays, daysBetween, maxDate, minDate, type IsoDate } from '../calendar';
import type { ContractSpec } from '../contract-spec';
import { applyBasisPoints, mulRatio, sumFen, type Fen } from '../money';
import { standardUnitPrice, type LineItem } from '../spec/line-items';
import { isMeasured, isRecurring, recurringChargeFen } from './charges';
import { monthsInPeriod, type TermPeriod } from './term';

export interface EarlyTerminationFacts {
  /** The term being cut short. */
  term: TermPeriod;
  /** First day no longer billed (退订日 / termination date). */
  stopDate: IsoDate;
  /** Units used so far of per-usage items billed in arrears, by line item id (e.g. lines connected). */
  usage?: Readonly<Record<string, number>>;
}

export interface ClawbackLine {
  itemId: string;
  amountFen: Fen;
}

export interface EarlyTerminationCharge {
  ref: string;
  clawbackFen: Fen;
  clawbackLines: ClawbackLine[];
  remainingFeesFen: Fen;
  remainingFeesChargeFen: Fen;
  fixedFen: Fen;
  totalFen: Fen;
}

/** The clause's charge for ending on `stopDate` with `outcome`; null when it has none for that ending. */
export function earlyTerminationCharge(
  spec: ContractSpec,
  facts: EarlyTerminationFacts & { outcome?: string },
): EarlyTerminationCharge | null {
  const clause = spec.clauses.earlyTermination;
  if (!clause) return null;
  if (facts.outcome !== undefined && !(clause.appliesTo as readonly string[]).includes(facts.outcome))
    return null;
  const used = usedShare(facts.term, facts.stopDate, clause.proration);
  const clawbackLines = clause.discountClawback
    ? spec.lineItems
        .map((item) => ({ itemId: item.id, amountFen: discountEnjoyed(item, used, facts.usage ?? {}) }))
        .filter((line) => line.amountFen > 0)
    : [];
  const remainingFeesFen = remainingFees(spec.lineItems, facts.term, facts.stopDate, clause.proration);
  const remainingFeesChargeFen = applyBasisPoints(remainingFeesFen, clause.remainingFeesBp);
  const clawbackFen = sumFen(clawbackLines.map((l) => l.amountFen));
  return {
    ref: clause.ref,
    clawbackFen,
    clawbackLines,
    remainingFeesFen,
    remainingFeesChargeFen,
    fixedFen: clause.fixedAmountFen,
    totalFen: sumFen([clawbackFen, remainingFeesChargeFen, clause.fixedAmountFen]),
  };
}

type Proration = 'service-periods' | 'days';

/** Months in one service period of a recurring item: a year for a yearly price, a month for a monthly one. */
const periodMonths = (item: LineItem) => (item.charge.basis === 'yearly' ? 12 : 1);

/** Months of `item`'s service performed by `stopDate`: whole service periods begun before it. */
function performedMonths(item: LineItem, term: TermPeriod, months: number, stopDate: IsoDate): number {
  const step = periodMonths(item);
  let begun = 0;
  while (begun < months && addMonths(term.start, begun) < stopDate) begun += step;
  return Math.min(begun, months);
}

/** The fees of the unperformed rest of the term, by service period (or by day where the clause says so). */
export function remainingFees(
  items: readonly LineItem[],
  term: TermPeriod,
  stopDate: IsoDate,
  proration: Proration = 'service-periods',
): Fen {
  const months = termMonthsOf(term);
  const recurring = items.filter(isRecurring);
  if (proration === 'days') {
    const share = dayShare(term, stopDate);
    const total = sumFen(recurring.map((i) => recurringChargeFen(i, 0, months)));
    return mulRatio(total, share.termDays - share.usedDays, share.termDays);
  }
  return sumFen(
    recurring.map((i) => recurringChargeFen(i, performedMonths(i, term, months, stopDate), months)),
  );
}

/** Whole months of the term; a term of odd dates counts the months it begins (the last one partly). */
function termMonthsOf(term: TermPeriod): number {
  const whole = monthsInPeriod(term);
  if (whole !== null) return whole;
  let months = 1;
  while (addMonths(term.start, months) <= term.end) months += 1;
  return months;
}

function dayShare(term: TermPeriod, stopDate: IsoDate): { termDays: number; usedDays: number } {
  const stop = minDate(maxDate(stopDate, term.start), addDays(term.end, 1));
  return { termDays: daysBetween(term.start, term.end) + 1, usedDays: daysBetween(term.start, stop) };
}

/** How much of each recurring item's term was used: performed months, or days where prorated. */
interface UsedShare {
  term: TermPeriod;
  stopDate: IsoDate;
  proration: Proration;
}

function usedShare(term: TermPeriod, stopDate: IsoDate, proration: Proration): UsedShare {
  return { term, stopDate, proration };
}

/** Standard minus agreed price, over what was actually enjoyed; never negative. */
function discountEnjoyed(item: LineItem, used: UsedShare, usage: Readonly<Record<string, number>>): Fen {
  const perUnit = Math.max(0, standardUnitPrice(item) - item.unitPriceFen);
  if (perUnit === 0) return 0;
  if (isMeasured(item)) return perUnit * (usage[item.id] ?? 0);
  if (!isRecurring(item)) return perUnit * item.quantity;
  const months = termMonthsOf(used.term);
  const standardItem = { ...item, unitPriceFen: perUnit };
  if (used.proration === 'days') {
    const share = dayShare(used.term, used.stopDate);
    return mulRatio(recurringChargeFen(standardItem, 0, months), share.usedDays, share.termDays);
  }
  return recurringChargeFen(standardItem, 0, performedMonths(item, used.term, months, used.stopDate));
}
