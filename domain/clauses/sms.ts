/**
 * Industry SMS money (contract 004).
 * 5.2: 0.03 per message up and down; one month of the term free, chosen by the customer with 30 days'
 * written notice. 5.3: paid every 6 months on the messages actually delivered.
 * 3.2.4: the provider guarantees success ≥ 99% OR ≤ 10 complaints in 12 consecutive months; missing both,
 * the period's fee for delivered messages is reduced by (that fee × the period's failure rate).
 */
import {
  addDays,
  firstDayOfMonth,
  lastDayOfMonth,
  minDate,
  monthOf,
  type IsoDate,
  type YearMonth,
} from '../calendar';
import type { ContractSpec } from '../contract-spec';
import { BASIS_POINTS_PER_UNIT, assertFen, mulRatio, sumFen, type Fen } from '../money';
import { termEnd } from './periods';
import type { TermPeriod } from './term';

export interface SlaFacts {
  attempted: number;
  delivered: number;
  /** Complaints in the 12 consecutive months ending with the period. */
  complaintsInWindow: number;
}

export type SmsSlaOutcome =
  | { kind: 'no-sla-clause' }
  | { kind: 'met'; ref: string }
  | { kind: 'credit'; ref: string; failed: number; attempted: number; creditFen: Fen };

/** `periodFeeFen`: the fee for the period's delivered messages. */
export function smsSlaCredit(spec: ContractSpec, periodFeeFen: Fen, facts: SlaFacts): SmsSlaOutcome {
  const sla = spec.clauses.slaCredit;
  if (!sla) return { kind: 'no-sla-clause' };
  const { attempted, delivered, complaintsInWindow } = facts;
  if (
    !Number.isSafeInteger(attempted) ||
    !Number.isSafeInteger(delivered) ||
    delivered > attempted ||
    delivered < 0
  ) {
    throw new RangeError(
      `delivered (${delivered}) must be a whole number between 0 and attempted (${attempted})`,
    );
  }
  const rateMet = delivered * BASIS_POINTS_PER_UNIT >= sla.successRateBp * attempted; // exact, no float rate
  if (attempted === 0 || rateMet || complaintsInWindow <= sla.complaintLimit)
    return { kind: 'met', ref: sla.ref };
  const failed = attempted - delivered;
  return {
    kind: 'credit',
    ref: sla.ref,
    failed,
    attempted,
    creditFen: mulRatio(periodFeeFen, failed, attempted),
  };
}

export interface SettlementPeriod {
  /** 1-based. */
  index: number;
  start: IsoDate;
  end: IsoDate;
  ref: string;
}

type UsagePlan = Extract<ContractSpec['clauses']['payment']['plans'][number], { kind: 'usage-settlement' }>;

function usagePlan(spec: ContractSpec): UsagePlan | undefined {
  return spec.clauses.payment.plans.find((p): p is UsagePlan => p.kind === 'usage-settlement');
}

/** The settlement periods of `term`, counted from its start (the last one may be short). */
export function smsSettlementPeriods(spec: ContractSpec, term: TermPeriod): SettlementPeriod[] {
  const plan = usagePlan(spec);
  if (!plan) return [];
  const periods: SettlementPeriod[] = [];
  for (let start = term.start, index = 1; start <= term.end; index++) {
    const end = minDate(termEnd(start, plan.periodMonths), term.end);
    periods.push({ index, start, end, ref: plan.ref });
    start = addDays(end, 1);
  }
  return periods;
}

export type FreeMonthChoice = { ok: true; ref: string } | { ok: false; reason: string };

/** Checks a customer's free-month notice against 5.2 (within the term, notice early enough, not used up). */
export function freeMonthChoice(
  spec: ContractSpec,
  choice: { month: YearMonth; noticeDate: IsoDate; freeMonthsUsed: number },
  term: TermPeriod,
): FreeMonthChoice {
  const plan = usagePlan(spec);
  if (!plan || plan.freeMonths === 0) return { ok: false, reason: 'the contract grants no free month' };
  const ref = plan.freeMonthRef ?? plan.ref;
  if (choice.freeMonthsUsed >= plan.freeMonths)
    return { ok: false, reason: 'the free month is already used' };
  if (choice.month < monthOf(term.start) || choice.month > monthOf(term.end)) {
    return { ok: false, reason: `${choice.month} is outside the term` };
  }
  const latestNotice = addDays(firstDayOfMonth(choice.month), -plan.freeMonthNoticeDays);
  if (choice.noticeDate > latestNotice) {
    return { ok: false, reason: `notice for ${choice.month} was due by ${latestNotice}` };
  }
  return { ok: true, ref };
}

export interface MonthlyDeliveries {
  month: YearMonth;
  /** A per-usage line item, e.g. "S-ordinary". */
  itemId: string;
  /** Messages delivered successfully, up and down. */
  delivered: number;
}

export interface SmsSettlement {
  ref: string;
  period: SettlementPeriod;
  billableMessages: number;
  freeMessages: number;
  /** Fee for the billable (non-free) deliveries. */
  feeFen: Fen;
  waivedFen: Fen;
  slaCreditFen: Fen;
  amountDueFen: Fen;
}

/** The bill for one period. The SLA credit applies to the fee actually charged (after the free month). */
export function smsSettlement(
  spec: ContractSpec,
  period: SettlementPeriod,
  deliveries: readonly MonthlyDeliveries[],
  options: { freeMonth?: YearMonth; sla?: SlaFacts } = {},
): SmsSettlement {
  const priced = deliveries.map((d) => ({ ...d, amountFen: priceOf(spec, d, period) }));
  const isFree = (d: MonthlyDeliveries) => d.month === options.freeMonth;
  const billable = priced.filter((d) => !isFree(d));
  const free = priced.filter(isFree);
  const feeFen = sumFen(billable.map((d) => d.amountFen));
  const sla = options.sla ? smsSlaCredit(spec, feeFen, options.sla) : { kind: 'no-sla-clause' as const };
  const slaCreditFen = sla.kind === 'credit' ? sla.creditFen : 0;
  return {
    ref: period.ref,
    period,
    billableMessages: billable.reduce((n, d) => n + d.delivered, 0),
    freeMessages: free.reduce((n, d) => n + d.delivered, 0),
    feeFen,
    waivedFen: sumFen(free.map((d) => d.amountFen)),
    slaCreditFen,
    amountDueFen: feeFen - slaCreditFen,
  };
}

function priceOf(spec: ContractSpec, d: MonthlyDeliveries, period: SettlementPeriod): Fen {
  const item = spec.lineItems.find((i) => i.id === d.itemId);
  if (!item || item.charge.basis !== 'per-usage')
    throw new RangeError(`${d.itemId} is not a per-usage line item`);
  if (firstDayOfMonth(d.month) > period.end || lastDayOfMonth(d.month) < period.start) {
    throw new RangeError(`${d.month} is outside settlement period ${period.start}…${period.end}`);
  }
  if (!Number.isSafeInteger(d.delivered) || d.delivered < 0)
    throw new RangeError(`bad count for ${d.itemId}`);
  return assertFen(item.unitPriceFen * d.delivered);
}
