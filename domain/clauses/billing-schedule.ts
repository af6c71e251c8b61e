/**
 * What is charged when over a contract's first term: the charges that accrue per service year (fees
 * run from the term start, 000 3.5) and the payment demands the payment clauses turn them into.
 * 000 4.5.1: 27,540 within 15 days of signing, 25,540 by 2025-04-30, 25,540 by 2026-03-31.
 * 001 2.2: 359,600 by 2022-12-31 and 90,400 by 2023-06-01; other fees post-paid monthly (2.3.2).
 * 002 3.2: 249,000 in one payment within 15 working days of signing.
 * 004 5.3: usage settled every 6 months on delivered messages.
 */
import {
  addMonths,
  combineFlags,
  defaultCalendar,
  monthOf,
  type CalendarFlags,
  type IsoDate,
  type WorkingCalendar,
  type YearMonth,
  addMonthsToMonth,
} from '../calendar';
import type { ContractSpec } from '../contract-spec';
import { sumFen, type Fen } from '../money';
import { assertNever } from '../never';
import {
  chargesByServiceYear,
  isMeasured,
  isUpFront,
  lineTotalFen,
  recurringChargeFen,
  type ServiceYearCharges,
} from './charges';
import { endOfPeriod, type DatedResult } from './days';
import { smsSettlementPeriods, type SettlementPeriod } from './sms';
import { firstTerm, monthsInPeriod, type TermFacts, type TermPeriod } from './term';

export interface PaymentDemand extends CalendarFlags {
  /** Stable within the contract: the bill's id in dunning and payments (e.g. "4.5.1#2"). */
  id: string;
  dueDate: IsoDate;
  amountFen: Fen;
  ref: string;
  label: string;
  /** The due date follows from the contract and its signing alone (not from activation or the term). */
  knownAtSigning: boolean;
}

export interface BillingSchedule extends CalendarFlags {
  contractNo: string;
  term: TermPeriod;
  serviceYears: ServiceYearCharges[];
  termTotalFen: Fen;
  payments: PaymentDemand[];
  /** Usage billed per period once the deliveries are known (004). */
  usageSettlements: SettlementPeriod[];
  /** Line items billed on measured usage, outside the schedule (SMS, relocations). */
  measuredItemIds: string[];
}

type Plan = ContractSpec['clauses']['payment']['plans'][number];
type DueRule = Extract<Plan, { kind: 'instalments' }>['instalments'][number]['due'];

export function instalmentDueDate(spec: ContractSpec, due: DueRule, calendar = defaultCalendar): DatedResult {
  switch (due.kind) {
    case 'on-date':
      return { date: due.date, calendarDataMissing: false, missingYears: [] };
    case 'after-signature':
      return endOfPeriod(spec.signedDate, due.days, due.dayType, calendar);
    default:
      return assertNever(due, 'due rule');
  }
}

/** 001 2.3.2: the fees of month M are paid from the 6th of M+1 to the 5th of M+2. */
export function postpaidWindow(
  plan: Extract<Plan, { kind: 'postpaid-monthly' }>,
  month: YearMonth,
): { opens: IsoDate; due: IsoDate } {
  const day = (m: YearMonth, d: number) => `${m}-${String(d).padStart(2, '0')}` as IsoDate;
  return {
    opens: day(addMonthsToMonth(month, 1), plan.windowStartDay),
    due: day(addMonthsToMonth(month, 2), plan.windowEndDay),
  };
}

export function billingSchedule(
  spec: ContractSpec,
  facts: TermFacts = {},
  calendar: WorkingCalendar = defaultCalendar,
): BillingSchedule {
  const term = firstTerm(spec, facts);
  const months = monthsInPeriod(term);
  if (months === null) throw new RangeError(`term ${term.start}…${term.end} is not a whole number of months`);
  const serviceYears = chargesByServiceYear(spec.lineItems, months);
  const payments = scheduledPayments(spec, term, calendar);
  return {
    contractNo: spec.contractNo,
    term,
    serviceYears,
    termTotalFen: sumFen(serviceYears.map((y) => y.amountFen)),
    payments,
    usageSettlements: smsSettlementPeriods(spec, facts),
    measuredItemIds: spec.lineItems.filter(isMeasured).map((i) => i.id),
    ...combineFlags(...payments),
  };
}

/** The bills the payment clauses demand over `term`, earliest first, each with its calendar flags. */
export function scheduledPayments(
  spec: ContractSpec,
  term: TermPeriod,
  calendar: WorkingCalendar = defaultCalendar,
): PaymentDemand[] {
  const { plans } = spec.clauses.payment;
  const hasInstalments = plans.some((p) => p.kind === 'instalments');
  const months = monthsInPeriod(term);
  const demands = plans.flatMap((plan): PaymentDemand[] => {
    switch (plan.kind) {
      case 'instalments':
        return plan.instalments.map((instalment, i) => {
          const { date, ...flags } = instalmentDueDate(spec, instalment.due, calendar);
          const label = `instalment ${i + 1} of ${plan.instalments.length}`;
          const id = `${plan.ref}#${i + 1}`;
          const knownAtSigning = true;
          return {
            id,
            dueDate: date,
            amountFen: instalment.amountFen,
            ref: plan.ref,
            label,
            knownAtSigning,
            ...flags,
          };
        });
      case 'postpaid-monthly':
        // With instalments in place the post-paid window only governs measured extras (001 2.3.2).
        return hasInstalments || months === null ? [] : monthlyBills(spec, plan, term, months);
      case 'usage-settlement':
        return []; // amounts known only after each period: see usageSettlements
      default:
        return assertNever(plan, 'payment plan');
    }
  });
  return demands.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/** One bill per service month, billed in the natural month the service month starts in. */
function monthlyBills(
  spec: ContractSpec,
  plan: Extract<Plan, { kind: 'postpaid-monthly' }>,
  term: TermPeriod,
  months: number,
): PaymentDemand[] {
  return Array.from({ length: months }, (_, k) => {
    const items = spec.lineItems.map((item) =>
      isUpFront(item) ? (k === 0 ? lineTotalFen(item) : 0) : recurringChargeFen(item, k, k + 1),
    );
    const month = monthOf(addMonths(term.start, k));
    return {
      id: `${plan.ref}#${month}`,
      dueDate: postpaidWindow(plan, month).due,
      amountFen: sumFen(items),
      ref: plan.ref,
      label: `service month ${k + 1} (billed as ${month})`,
      knownAtSigning: false,
      calendarDataMissing: false,
      missingYears: [],
    };
  });
}
