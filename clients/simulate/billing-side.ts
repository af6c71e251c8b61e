/**
 * The money side of a simulated contract: the customer paying its bills (on time, late or never, per
 * the scenario), and billing reporting usage (004 5.3) and issuing invoices. Bills known at signing
 * are planned at once; the others when the contract publishes them (billing start, a renewed term).
 */
import {
  addDays,
  addMonthsToMonth,
  firstDayOfMonth,
  isoDate,
  localDateOf,
  monthOf,
  type IsoDate,
} from '../../domain/calendar';
import { isMeasured } from '../../domain/clauses/charges';
import { scheduledPayments, type PaymentDemand } from '../../domain/clauses/payments';
import { firstTerm, type TermPeriod } from '../../domain/clauses/term';
import type { ContractEvent } from '../../domain/events/catalogue';
import type { ContractStatus } from '../../domain/lifecycle/status';
import type { Scenario } from './scenario';
import { ended, type Steps } from './steps';

/** A bill to pay: from the schedule (known at signing) or from the contract's payment obligations. */
type Bill = Pick<PaymentDemand, 'id' | 'dueDate' | 'amountFen'> & { knownAtSigning?: boolean };

export class BillingSide {
  /** Bills in the order the scenario counts them: the first term's schedule, then as they become known. */
  private readonly billOrder: string[];

  constructor(
    private readonly steps: Steps,
    private readonly scenario: Scenario,
  ) {
    const { spec } = steps;
    this.billOrder = scheduledPayments(spec, firstTerm(spec, { activationDate: spec.signedDate })).map(
      (b) => b.id,
    );
  }

  /** The bills known at signing. */
  plan(): void {
    const { spec } = this.steps;
    this.planPayments(scheduledPayments(spec, firstTerm(spec, { activationDate: spec.signedDate })));
  }

  /** What the contract published: a term's bills (billing start, renewal), a usage period's bill. */
  onEvent(e: ContractEvent): void {
    const today = localDateOf(Date.parse(e.time));
    const term = (p: { startDate: string; endDate: string }) => ({
      start: isoDate(p.startDate),
      end: isoDate(p.endDate),
    });
    switch (e.type) {
      case 'telecom.contract.billing-started.v1':
      case 'telecom.contract.renewed.v1':
        this.steps.agenda.add(today, () => this.planOpenBills(today));
        this.planUsage(term(e.data.agreementPeriod));
        this.planAwaitingInvoices(today);
        if (e.type === 'telecom.contract.billing-started.v1') {
          this.planFreeMonth();
          this.planExtras();
        }
        return;
      case 'telecom.contract.usage-settled.v1':
        this.steps.agenda.add(today, () => this.planOpenBills(today));
        return;
      default:
        return;
    }
  }

  private readonly plannedBills = new Set<string>();

  /** Each bill paid on its due date, late, or never (by its place in `billOrder`). */
  private planPayments(bills: readonly Bill[], notBefore?: IsoDate): void {
    const { allBills, bills: each } = this.scenario.payments;
    for (const bill of bills) {
      if (this.plannedBills.has(bill.id) || (!notBefore && !bill.knownAtSigning)) continue;
      this.plannedBills.add(bill.id);
      if (!this.billOrder.includes(bill.id)) this.billOrder.push(bill.id);
      const i = this.billOrder.indexOf(bill.id);
      const behaviour = each[i] ?? allBills;
      if (behaviour === 'never') continue;
      const paidDate = behaviour === 'on-time' ? bill.dueDate : addDays(bill.dueDate, behaviour.lateDays);
      this.steps.at(notBefore && paidDate < notBefore ? notBefore : paidDate, () =>
        this.steps.contract.payment({
          contractNo: this.steps.spec.contractNo,
          paymentId: `SIM-PAY-${i + 1}`,
          invoiceId: bill.id,
          amountFen: bill.amountFen,
          paidDate,
        }),
      );
    }
  }

  /** The bills the contract holds now: those dated by activation, a renewal, an invoice, a settlement. */
  private async planOpenBills(today: IsoDate): Promise<void> {
    const status = await this.steps.contract.status();
    const bills = status.obligations.flatMap((o): Bill[] =>
      o.kind === 'payment' && o.subject.invoiceId && o.dueDate
        ? [{ id: o.subject.invoiceId, dueDate: isoDate(o.dueDate), amountFen: o.subject.amountFen ?? 0 }]
        : [],
    );
    this.planPayments(bills, today);
  }

  private readonly reportedMonths = new Set<string>();

  /** Billing reports each month's usage early in the next month (004 5.3). */
  private planUsage(term: TermPeriod): void {
    const usage = this.scenario.usage;
    if (!usage) return;
    // Every measured item is reported each month: the contract settles a period only then (5.3).
    const measured = this.steps.spec.lineItems.filter(isMeasured).map((i) => i.id);
    for (
      let month = monthOf(term.start);
      firstDayOfMonth(month) <= term.end;
      month = addMonthsToMonth(month, 1)
    ) {
      if (this.reportedMonths.has(month)) continue; // a month two terms share is reported once
      this.reportedMonths.add(month);
      const on = addDays(firstDayOfMonth(addMonthsToMonth(month, 1)), usage.reportOnDay - 1);
      const reported = month;
      this.steps.at(on, async () => {
        for (const itemId of measured) {
          const counts = usage.items[itemId] ?? { attempted: 0, delivered: 0 };
          await this.steps.contract.usage({
            contractNo: this.steps.spec.contractNo,
            month: reported,
            itemId,
            ...counts,
          });
        }
      });
    }
  }

  /** The customer's written choice of its free month (004 5.2), once for the contract. */
  private planFreeMonth(): void {
    const free = this.scenario.freeMonth;
    if (free) {
      const on = this.steps.when(free.noticeOn);
      this.steps.at(on, () =>
        this.steps.contract
          .act('freeMonth', 'choose-free-month', { month: free.month, noticeDate: on, chosenBy: 'customer' })
          .then(() => undefined),
      );
    }
  }

  /** Billing invoices what waits for an invoice; the customer then pays the bills they date. */
  private planAwaitingInvoices(from: IsoDate): void {
    const invoices = this.scenario.invoices;
    if (!invoices) return;
    const on = addDays(from, invoices.afterDays);
    this.steps.at(on, async (status) => {
      const awaiting = status.obligations.filter((x) => x.kind === 'invoice');
      for (const o of awaiting) {
        await this.steps.contract.invoice({
          contractNo: this.steps.spec.contractNo,
          invoiceId: o.subject.invoiceId!,
          amountFen: o.subject.amountFen!,
          invoiceDate: on,
        });
      }
      await this.payOnceBilled(
        on,
        awaiting.map((o) => o.subject.invoiceId!),
      );
    });
  }

  /** Measured extras of a post-paid month (001 2.3.2), invoiced on the 1st of the next month. */
  private planExtras(): void {
    (this.scenario.invoices?.extras ?? []).forEach((extra, i) => {
      const issued = firstDayOfMonth(addMonthsToMonth(extra.month, 1));
      const invoiceId = `SIM-INV-${i + 1}`;
      this.steps.at(issued, async () => {
        await this.steps.contract.invoice({
          contractNo: this.steps.spec.contractNo,
          invoiceId,
          amountFen: extra.amountFen,
          invoiceDate: issued,
          billingMonth: extra.month,
        });
        await this.payOnceBilled(issued, [invoiceId]);
      });
    });
  }

  /** Once the contract holds the invoiced bills (the invoice is a Signal), plan paying them. */
  private async payOnceBilled(today: IsoDate, invoiceIds: string[]): Promise<void> {
    const billed = (s: ContractStatus) =>
      invoiceIds.every((id) => s.obligations.some((o) => o.kind === 'payment' && o.subject.invoiceId === id));
    await this.steps.contract.waitFor('the invoiced bills', (s) => ended(s) || billed(s));
    await this.planOpenBills(today);
  }
}
