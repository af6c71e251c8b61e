/**
 * Usage settlement (004 5.2–5.3, 3.2.4): billing reports, month by month, the messages attempted and
 * delivered per per-usage line item; when a period has ended and every month of it is reported, the
 * contract settles it (smsSettlement): the fee for delivered messages, the free month the customer chose
 * waived, the SLA credit deducted when both the success rate and the complaint count missed (smsSlaCredit),
 * and a bill due after the period.
 */
import { addMonthsToMonth, firstDayOfMonth, monthOf, type IsoDate, type YearMonth } from '../calendar';
import { isMeasured } from '../clauses/charges';
import { endOfPeriod } from '../clauses/periods';
import { freeMonthChoice, smsSettlement, smsSettlementPeriods, type SettlementPeriod } from '../clauses/sms';
import type { UsageReported } from '../events/intake';
import type { ActionInput } from '../lifecycle/actions';
import { noticeDateProblem } from './notice-dates';
import type { Draft } from './draft';
import type { ContractState } from './state';

type UsagePlan = Extract<Draft['spec']['clauses']['payment']['plans'][number], { kind: 'usage-settlement' }>;

const usagePlan = (d: Draft): UsagePlan | undefined =>
  d.spec.clauses.payment.plans.find((p): p is UsagePlan => p.kind === 'usage-settlement');

const measuredItems = (d: Draft) => d.spec.lineItems.filter(isMeasured).map((i) => i.id);

/** The natural months a period covers. */
function monthsOf(period: SettlementPeriod): YearMonth[] {
  const months: YearMonth[] = [];
  for (let m = monthOf(period.start); firstDayOfMonth(m) <= period.end; m = addMonthsToMonth(m, 1))
    months.push(m);
  return months;
}

/** Periods of the current term that have ended and are not settled yet. */
export function unsettledPeriods(d: Draft): SettlementPeriod[] {
  const { term, usageSettledUntil } = d.state;
  if (!usagePlan(d) || !term.start || !term.end) return [];
  return smsSettlementPeriods(d.spec, { start: term.start, end: term.end }).filter(
    (p) => p.end < d.today && (!usageSettledUntil || p.end > usageSettledUntil),
  );
}

/** Months of `period` still missing a usage report, with the line items missing. */
export function missingUsage(
  d: Draft,
  period: SettlementPeriod,
): Array<{ month: YearMonth; itemId: string }> {
  const reported = (month: YearMonth, itemId: string) =>
    d.state.usage.some((u) => u.month === month && u.itemId === itemId);
  return monthsOf(period).flatMap((month) =>
    measuredItems(d)
      .filter((itemId) => !reported(month, itemId))
      .map((itemId) => ({ month, itemId })),
  );
}

export function recordUsage(d: Draft, u: UsageReported): void {
  const { month, itemId, attempted, delivered } = u;
  if (!measuredItems(d).includes(itemId)) return d.flag(`usage-for-unknown-item:${itemId}`);
  if (d.state.usageSettledUntil && firstDayOfMonth(month) <= d.state.usageSettledUntil) return; // settled
  d.emit({ type: 'usage-recorded', usage: { month, itemId, attempted, delivered } });
}

/** Settle every ended period whose months are all reported, oldest first. */
export function settleUsage(d: Draft): void {
  const plan = usagePlan(d);
  if (!plan || (d.state.stage !== 'active' && d.state.stage !== 'suspended')) return;
  for (const period of unsettledPeriods(d)) {
    if (missingUsage(d, period).length > 0) return;
    settle(d, plan, period);
  }
}

function settle(d: Draft, plan: UsagePlan, period: SettlementPeriod): void {
  const months = monthsOf(period);
  const usage = d.state.usage.filter((u) => months.includes(u.month));
  const sla = d.spec.clauses.slaCredit;
  const settlement = smsSettlement(
    d.spec,
    period,
    usage.map(({ month, itemId, delivered }) => ({ month, itemId, delivered })),
    {
      ...(d.state.freeMonth ? { freeMonth: d.state.freeMonth } : {}),
      sla: {
        attempted: usage.reduce((n, u) => n + u.attempted, 0),
        delivered: usage.reduce((n, u) => n + u.delivered, 0),
        complaintsInWindow: complaintsInWindow(
          d.state,
          monthOf(period.end),
          sla?.complaintWindowMonths ?? 12,
        ),
      },
    },
  );
  const due = endOfPeriod(period.end, plan.paymentDueDays, plan.paymentDayType);
  const invoiceId = `${plan.ref}#${period.start}`;
  d.publish('telecom.contract.usage-settled.v1', {
    invoiceId,
    periodStartDate: period.start,
    periodEndDate: period.end,
    billableMessages: settlement.billableMessages,
    freeMessages: settlement.freeMessages,
    feeFen: settlement.feeFen,
    waivedFen: settlement.waivedFen,
    slaCreditFen: settlement.slaCreditFen,
    amountDueFen: settlement.amountDueFen,
    dueDate: due.date,
    clauseRef: plan.ref,
    ...(due.calendarDataMissing ? { calendarDataMissing: true } : {}),
  });
  if (settlement.amountDueFen > 0) {
    d.emit({
      type: 'receivable-added',
      receivable: {
        id: invoiceId,
        amountFen: settlement.amountDueFen,
        dueDate: due.date,
        paidFen: 0,
        overdue: false,
        ref: plan.ref,
        ...(due.calendarDataMissing ? { calendarDataMissing: true } : {}),
      },
    });
  }
}

/** Complaints in the `months` natural months ending with `last` (3.2.4: 12 consecutive months). */
function complaintsInWindow(s: ContractState, last: YearMonth, months: number): number {
  let total = 0;
  for (let i = 0; i < months; i++) total += s.complaints.byMonth[addMonthsToMonth(last, -i)] ?? 0;
  return total;
}

/** The day after the next period to settle ends: when the contract looks for its usage. */
export function usageWakes(d: Draft): IsoDate[] {
  const { term, usageSettledUntil } = d.state;
  if (!usagePlan(d) || !term.start || !term.end) return [];
  const next = smsSettlementPeriods(d.spec, { start: term.start, end: term.end }).find(
    (p) => !usageSettledUntil || p.end > usageSettledUntil,
  );
  return next ? [endOfPeriod(next.end, 1, 'strict-calendar').date] : [];
}

export function freeMonthRule(d: Draft, i: ActionInput<'choose-free-month'>): string | undefined {
  const { term } = d.state;
  if (!term.start || !term.end) return 'the term has not started yet';
  const dated = noticeDateProblem(d, 'noticeDate', i.noticeDate);
  if (dated) return dated;
  const choice = freeMonthChoice(
    d.spec,
    { month: i.month, noticeDate: i.noticeDate, freeMonthsUsed: d.state.freeMonth ? 1 : 0 },
    { start: term.start, end: term.end },
  );
  return choice.ok ? undefined : choice.reason;
}

/** 004 5.2: the month the customer chose is not billed. */
export function chooseFreeMonth(d: Draft, i: ActionInput<'choose-free-month'>): void {
  d.note('choose-free-month', i.chosenBy, `${i.month}, notice of ${i.noticeDate}`);
  d.emit({ type: 'free-month-chosen', month: i.month });
}
