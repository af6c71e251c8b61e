/**
 * The bills the payment clauses demand, with their due dates:
 * - instalments by date or N (working) days after signing, acceptance, activation or the invoice
 *   (000 4.5.1, 001 2.2, 002 3.2), once, again every term year (001 2.2, 按年分两次) or again
 *   every renewed term (000 10: renewed "for another 36 months" on the same terms);
 * - natural-month post-paid bills paid in a window, the 6th of M+1 to the 5th of M+2 (001 2.3.2).
 * Every due date after an event is a period (arts. 201, 203, 204: periods.ts).
 */
import {
  addMonths,
  addMonthsToMonth,
  defaultCalendar,
  monthOf,
  type CalendarFlags,
  type IsoDate,
  type WorkingCalendar,
  type YearMonth,
} from '../calendar';
import type { ContractSpec } from '../contract-spec';
import { sumFen, type Fen } from '../money';
import { assertNever } from '../never';
import { isUpFront, lineTotalFen, recurringChargeFen } from './charges';
import { endOfPeriod, restDayExtended, type DatedResult, type DayType } from './periods';
import { monthsInPeriod, type TermPeriod } from './term';

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

/** An instalment due N days after its invoice: billing's invoice sets its due date. */
export interface AwaitingInvoice {
  id: string;
  amountFen: Fen;
  days: number;
  dayType: DayType;
  ref: string;
}

/** What the contract cannot know in advance but some due dates depend on. */
export interface PaymentFacts {
  acceptanceDate?: IsoDate;
  activationDate?: IsoDate;
  /** The first term's first day: recurring instalments repeat from it, one-off ones belong to it. */
  firstTermStart?: IsoDate;
}

type Plan = ContractSpec['clauses']['payment']['plans'][number];
type Instalments = Extract<Plan, { kind: 'instalments' }>;
type DueRule = Instalments['instalments'][number]['due'];
type Postpaid = Extract<Plan, { kind: 'postpaid-monthly' }>;

/** The due date of one instalment, shifted by `months` when it bills again in a later term (year). */
export function instalmentDueDate(
  spec: ContractSpec,
  due: DueRule,
  facts: PaymentFacts = {},
  months = 0,
  calendar: WorkingCalendar = defaultCalendar,
): DatedResult | undefined {
  const shifted = (d: IsoDate) => addMonths(d, months);
  const after = (anchor: IsoDate | undefined, days: number, dayType: DayType) =>
    anchor === undefined ? undefined : endOfPeriod(shifted(anchor), days, dayType, calendar);
  switch (due.kind) {
    case 'on-date':
      return { date: shifted(due.date), calendarDataMissing: false, missingYears: [] };
    case 'after-signature':
      return after(spec.signedDate, due.days, due.dayType);
    case 'after-acceptance':
      return after(facts.acceptanceDate, due.days, due.dayType);
    case 'after-activation':
      return after(facts.activationDate, due.days, due.dayType);
    case 'after-invoice':
      return undefined; // billing's invoice dates it: see instalmentsAwaitingInvoice
    default:
      return assertNever(due, 'due rule');
  }
}

/** 001 2.3.2: month M is paid from the 6th of M+1 to the 5th of M+2 (a last day on a rest day moves, art. 203). */
export function postpaidWindow(plan: Postpaid, month: YearMonth): { opens: IsoDate; due: DatedResult } {
  const day = (m: YearMonth, d: number) => `${m}-${String(d).padStart(2, '0')}` as IsoDate;
  return {
    opens: day(addMonthsToMonth(month, 1), plan.windowStartDay),
    due: restDayExtended(day(addMonthsToMonth(month, 2), plan.windowEndDay)),
  };
}

/** One time an instalment plan bills: its dates shifted by `months`, its ids and labels marked. */
interface Round {
  months: number;
  idSuffix: string;
  label: string;
}

const FIRST_ROUND: Round = { months: 0, idSuffix: '', label: '' };

const amountIn = (round: Round, instalment: Instalments['instalments'][number]): Fen =>
  round === FIRST_ROUND ? instalment.amountFen : (instalment.repeatAmountFen ?? instalment.amountFen);

/** Whole months from `from` to `to` (both the same day of month, as term starts are). */
function monthsBetween(from: IsoDate, to: IsoDate): number {
  let months = 0;
  while (addMonths(from, months + 1) <= to) months += 1;
  return months;
}

/**
 * When an instalment plan bills in `term`: once (the first term only), again every term year counted
 * from the first term's start (按年), or again every term, shifted by the months since the first.
 */
function planRounds(plan: Instalments, term: TermPeriod, facts: PaymentFacts): Round[] {
  const first = facts.firstTermStart ?? term.start;
  const since = monthsBetween(first, term.start);
  switch (plan.repeat) {
    case 'once':
      return isFirstTerm(term, facts) ? [FIRST_ROUND] : [];
    case 'every-term-year': {
      const years = Math.max(1, Math.ceil((monthsInPeriod(term) ?? 12) / 12));
      const offset = Math.floor(since / 12);
      return Array.from({ length: years }, (_, y) => offset + y).map((year) =>
        year === 0
          ? FIRST_ROUND
          : { months: 12 * year, idSuffix: `/y${year + 1}`, label: `, term year ${year + 1}` },
      );
    }
    case 'every-term': {
      if (isFirstTerm(term, facts)) return [FIRST_ROUND];
      const termNo = Math.round(since / (monthsInPeriod(term) ?? 12)) + 1;
      return [{ months: since, idSuffix: `/t${termNo}`, label: `, term ${termNo}` }];
    }
    default:
      return assertNever(plan.repeat, 'instalment repeat');
  }
}

const isFirstTerm = (term: TermPeriod, facts: PaymentFacts) =>
  facts.firstTermStart === undefined || facts.firstTermStart === term.start;

/** The bills the payment clauses demand over `term` with a known due date, earliest first. */
export function scheduledPayments(
  spec: ContractSpec,
  term: TermPeriod,
  facts: PaymentFacts = {},
  calendar: WorkingCalendar = defaultCalendar,
): PaymentDemand[] {
  const { plans } = spec.clauses.payment;
  const hasInstalments = plans.some((p) => p.kind === 'instalments');
  const demands = plans.flatMap((plan): PaymentDemand[] => {
    switch (plan.kind) {
      case 'instalments':
        return planRounds(plan, term, facts).flatMap((round) =>
          plan.instalments.flatMap((instalment, i) => {
            const due = instalmentDueDate(spec, instalment.due, facts, round.months, calendar);
            if (!due) return [];
            const { date, ...flags } = due;
            const knownAtSigning = ['on-date', 'after-signature'].includes(instalment.due.kind);
            return [
              {
                id: `${plan.ref}#${i + 1}${round.idSuffix}`,
                dueDate: date,
                amountFen: amountIn(round, instalment),
                ref: plan.ref,
                label: `instalment ${i + 1} of ${plan.instalments.length}${round.label}`,
                knownAtSigning,
                ...flags,
              },
            ];
          }),
        );
      case 'postpaid-monthly':
        // With instalments in place the post-paid window only governs measured extras (001 2.3.2),
        // billed by billing's invoices.
        return hasInstalments ? [] : monthlyBills(spec, plan, term, isFirstTerm(term, facts));
      case 'usage-settlement':
        return []; // amounts known only after each period: the usage settlement bills them
      default:
        return assertNever(plan, 'payment plan');
    }
  });
  return demands.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}

/** Instalments of `term` that are due N days after their invoice, until billing invoices them. */
export function instalmentsAwaitingInvoice(
  spec: ContractSpec,
  term: TermPeriod,
  facts: PaymentFacts = {},
): AwaitingInvoice[] {
  return spec.clauses.payment.plans.flatMap((plan) =>
    plan.kind !== 'instalments'
      ? []
      : planRounds(plan, term, facts).flatMap((round) =>
          plan.instalments.flatMap((instalment, i) =>
            instalment.due.kind === 'after-invoice'
              ? [
                  {
                    id: `${plan.ref}#${i + 1}${round.idSuffix}`,
                    amountFen: amountIn(round, instalment),
                    days: instalment.due.days,
                    dayType: instalment.due.dayType,
                    ref: plan.ref,
                  },
                ]
              : [],
          ),
        ),
  );
}

/** One bill per service month, billed in the natural month the service month starts in. */
function monthlyBills(
  spec: ContractSpec,
  plan: Postpaid,
  term: TermPeriod,
  firstTerm: boolean,
): PaymentDemand[] {
  const months = monthsInPeriod(term);
  if (months === null) return [];
  return Array.from({ length: months }, (_, k) => {
    const items = spec.lineItems.map((item) =>
      isUpFront(item) ? (k === 0 && firstTerm ? lineTotalFen(item) : 0) : recurringChargeFen(item, k, k + 1),
    );
    const month = monthOf(addMonths(term.start, k));
    const { date, ...flags } = postpaidWindow(plan, month).due;
    return {
      id: `${plan.ref}#${month}`,
      dueDate: date,
      amountFen: sumFen(items),
      ref: plan.ref,
      label: `service month ${k + 1} (billed as ${month})`,
      knownAtSigning: false,
      ...flags,
    };
  }).filter((bill) => bill.amountFen > 0);
}
