/** FROZEN with workflows/legacy (see its lifecycle.ts): the calculators as they were before the decider. */
/**
 * What the customer owes when the service ends before the term does.
 * 000 7.3 (2nd): pay back the discount enjoyed (standard tariff − discounted tariff over the period used;
 * the standard tariff is the contract's, else the provider's list price at signing) plus 5% of the fees
 * of the remaining term.
 * 001 6.2: pay back all discounts enjoyed (access and usage fees) plus 10,000.
 *
 * The contracts do not say how a part month counts, so time shares are pro rata by calendar day.
 */
import { daysBetween, maxDate, minDate, addDays, type IsoDate } from '../../../domain/calendar';
import type { ContractSpec } from '../../../domain/contract-spec';
import { applyBasisPoints, mulRatio, sumFen, type Fen } from '../../../domain/money';
import { standardUnitPrice, type LineItem } from '../../../domain/spec/line-items';
import { isMeasured, isRecurring, recurringChargeFen } from '../../../domain/clauses/charges';
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

export function earlyTerminationCharge(
  spec: ContractSpec,
  facts: EarlyTerminationFacts,
): EarlyTerminationCharge | null {
  const clause = spec.clauses.earlyTermination;
  if (!clause) return null;
  const share = timeShares(facts.term, facts.stopDate);
  const clawbackLines = clause.discountClawback
    ? spec.lineItems
        .map((item) => ({ itemId: item.id, amountFen: discountEnjoyed(item, share, facts.usage ?? {}) }))
        .filter((line) => line.amountFen > 0)
    : [];
  const recurringFen = sumFen(
    spec.lineItems.filter(isRecurring).map((i) => recurringChargeFen(i, 0, share.months)),
  );
  const remainingFeesFen = mulRatio(recurringFen, share.remainingDays, share.termDays);
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

interface TimeShares {
  months: number;
  termDays: number;
  usedDays: number;
  remainingDays: number;
}

function timeShares(term: TermPeriod, stopDate: IsoDate): TimeShares {
  const months = monthsInPeriod(term);
  if (months === null) throw new RangeError(`term ${term.start}…${term.end} is not a whole number of months`);
  const stop = minDate(maxDate(stopDate, term.start), addDays(term.end, 1));
  const termDays = daysBetween(term.start, term.end) + 1;
  const usedDays = daysBetween(term.start, stop);
  return { months, termDays, usedDays, remainingDays: termDays - usedDays };
}

/** Standard minus agreed price, over what was actually enjoyed; never negative. */
function discountEnjoyed(item: LineItem, share: TimeShares, usage: Readonly<Record<string, number>>): Fen {
  const perUnit = Math.max(0, standardUnitPrice(item) - item.unitPriceFen);
  if (perUnit === 0) return 0;
  if (isMeasured(item)) return perUnit * (usage[item.id] ?? 0);
  if (!isRecurring(item)) return perUnit * item.quantity;
  const standardItem = { ...item, unitPriceFen: perUnit };
  return mulRatio(recurringChargeFen(standardItem, 0, share.months), share.usedDays, share.termDays);
}
