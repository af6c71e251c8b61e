/**
 * The simulated people and systems around a contract — reviewer, field engineers, the customer, billing,
 * compliance — as dated steps on an agenda. People act on the contract's obligations through the shared
 * player (clients/sdk/player.ts): on a scenario day, a step discharges the obligations of its kind. A
 * step may schedule the next (approval → installations → completion notice → the customer's answer).
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
import { scheduledPayments, type PaymentDemand } from '../../domain/clauses/payments';
import { firstTerm, renewalOutlook, type TermPeriod } from '../../domain/clauses/term';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ContractEvent } from '../../domain/events/catalogue';
import type { ContractStatus, Obligation } from '../../domain/lifecycle/status';
import { movesFor, ofKind, owes, readyForFieldWork, type Cast } from '../sdk/player';
import type { Agenda } from './agenda';
import type { ContractPort } from './contract-port';
import { ScenarioError, type Scenario, type When } from './scenario';
import { SimulationError } from './timeline';

/** A bill to pay: from the schedule (known at signing) or from the contract's payment obligations. */
type Bill = Pick<PaymentDemand, 'id' | 'dueDate' | 'amountFen'> & { knownAtSigning?: boolean };

const ended = (s: ContractStatus) => s.stage === 'closed' || s.stage === 'terminating';
const provisioned = (s: ContractStatus) =>
  ended(s) || ['acceptance', 'active', 'suspended'].includes(s.stage) || readyForFieldWork(s);

/** Who the simulated people are, for the decision log. */
const CAST: Cast = {
  reviewer: 'reviewer',
  engineer: 'field-engineer',
  customer: 'customer',
  compliance: 'compliance',
  documentRef: (type) => `SIM-${type}`,
  circuitId: (lineIndex) => `SIM-CIRCUIT-${lineIndex + 1}`,
  icpFilingNo: 'SIM-ICP-0001',
  campaignScriptId: 'SIM-SCRIPT-1',
};

export class Counterparts {
  private readonly signed: IsoDate;

  constructor(
    private readonly spec: ContractSpec,
    private readonly scenario: Scenario,
    private readonly agenda: Agenda,
    private readonly contract: ContractPort,
  ) {
    this.signed = spec.signedDate;
  }

  /** Everything known from the start: the reviewer's days and every dated fact or notice. */
  plan(): void {
    this.planReview();
    this.planPayments(scheduledPayments(this.spec, firstTerm(this.spec, { activationDate: this.signed })));
    this.planFacts();
    this.planNotices();
  }

  /** React to what the contract published: the term and the bills are known once billing starts. */
  onEvents(events: readonly ContractEvent[]): void {
    for (const e of events) {
      if (e.type === 'telecom.contract.billing-started.v1') {
        const { startDate, endDate } = e.data.agreementPeriod;
        const first = { start: isoDate(startDate), end: isoDate(endDate) };
        const today = localDateOf(Date.parse(e.time));
        this.planNonRenewalByDeadline(first, today);
        this.agenda.add(today, () => this.planBillsOfTheTerm(today));
        this.planUsage(first);
        this.planInvoices(today);
      }
    }
  }

  /** A scenario day: a date as given, or a day number counted from the signing day. */
  private when(value: When): IsoDate {
    return typeof value === 'number' ? addDays(this.signed, value) : value;
  }

  /** Run `step` on `date` unless the contract has already ended. */
  private at(date: IsoDate, step: (status: ContractStatus) => Promise<void>): void {
    this.agenda.add(date, async () => {
      const status = await this.contract.status();
      if (!ended(status)) await step(status);
    });
  }

  /** Discharge the open obligations `only` selects, as the cast would; the scenario field names the step. */
  private async discharge(field: string, only: (o: Obligation) => boolean, cast: Cast = {}): Promise<void> {
    const status = await this.contract.status();
    for (const move of movesFor(status, { ...CAST, ...cast }, only)) {
      await this.contract.act(field, move.action, move.input);
    }
  }

  private planReview(): void {
    const r = this.scenario.reviewer;
    this.at(addDays(this.signed, r.documentsOnDay), async () => {
      await this.contract.waitFor('the qualification checklist', owes('qualification-decision'));
      await this.discharge('reviewer.documentsOnDay', ofKind('document'));
    });
    if (r.rejectOnDay !== undefined) {
      this.at(addDays(this.signed, r.rejectOnDay), () =>
        this.discharge('reviewer.rejectOnDay', ofKind('qualification-decision'), {
          review: { reject: r.rejectReason! },
        }),
      );
      return;
    }
    const approveOn = addDays(this.signed, r.approveOnDay ?? r.documentsOnDay + 1);
    this.at(approveOn, async () => {
      await this.discharge('reviewer.approveOnDay', ofKind('qualification-decision'));
      this.planFieldWork(approveOn);
    });
  }

  private planFieldWork(approved: IsoDate): void {
    const work = this.scenario.fieldWork;
    const lines = this.spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);
    const days =
      typeof work.installDays === 'number' ? Array<number>(lines).fill(work.installDays) : work.installDays;
    days.forEach((d, lineIndex) =>
      this.at(addDays(approved, d), async () => {
        await this.contract.waitFor('field work', provisioned);
        await this.discharge(
          'fieldWork.installDays',
          (o) => o.kind === 'line-installation' && o.subject.lineIndex === lineIndex,
        );
      }),
    );
    if (this.spec.clauses.gates.icpFilingForPorts) {
      this.at(addDays(approved, work.icpFilingDays), async () => {
        await this.contract.waitFor('provisioning done', provisioned);
        await this.discharge('fieldWork.icpFilingDays', ofKind('icp-filing'));
      });
    }
    if (this.spec.clauses.gates.outboundScripts) {
      this.at(addDays(approved, work.campaignScriptDays), () =>
        this.discharge('fieldWork.campaignScriptDays', ofKind('campaign-script')),
      );
    }
    const installed = days.length ? addDays(approved, Math.max(...days)) : approved;
    this.planCompletionNotice(
      addDays(installed, work.completionNoticeDays),
      'fieldWork.completionNoticeDays',
    );
  }

  private planCompletionNotice(on: IsoDate, field: string, answered = false): void {
    this.at(on, async () => {
      await this.contract.waitFor('the completion notice', owes('completion-notice'));
      await this.discharge(field, ofKind('completion-notice'));
      if (this.spec.clauses.acceptance) this.planAnswer(on, answered);
    });
  }

  /** The customer's answer within the acceptance window; a late answer finds the window closed. */
  private planAnswer(noticed: IsoDate, afterObjection: boolean): void {
    const a = this.scenario.acceptance;
    const answer = afterObjection ? a.then : a;
    const field = afterObjection ? 'acceptance.then' : 'acceptance';
    if (answer.signOnDay !== undefined) {
      this.at(addDays(noticed, answer.signOnDay), () =>
        this.discharge(`${field}.signOnDay`, ofKind('acceptance'), { acceptance: 'sign' }),
      );
    }
    if (!afterObjection && a.objectOnDay !== undefined) {
      const objected = addDays(noticed, a.objectOnDay);
      this.at(objected, async (s) => {
        if (!owes('acceptance')(s)) return;
        await this.discharge('acceptance.objectOnDay', ofKind('acceptance'), {
          acceptance: { object: a.reason! },
        });
        this.planCompletionNotice(addDays(objected, a.remediationDays), 'acceptance.remediationDays', true);
      });
    }
  }

  private readonly plannedBills = new Set<string>();

  /** Each bill paid on its due date, late, or never (by its place in the contract's schedule). */
  private planPayments(bills: readonly Bill[], notBefore?: IsoDate): void {
    const { allBills, bills: each } = this.scenario.payments;
    const all = scheduledPayments(this.spec, firstTerm(this.spec, { activationDate: this.signed }));
    for (const bill of bills) {
      if (this.plannedBills.has(bill.id) || (!notBefore && !bill.knownAtSigning)) continue;
      this.plannedBills.add(bill.id);
      const i = Math.max(
        0,
        all.findIndex((b) => b.id === bill.id),
      );
      const behaviour = each[i] ?? allBills;
      if (behaviour === 'never') continue;
      const paidDate = behaviour === 'on-time' ? bill.dueDate : addDays(bill.dueDate, behaviour.lateDays);
      this.at(notBefore && paidDate < notBefore ? notBefore : paidDate, () =>
        this.contract.payment({
          contractNo: this.spec.contractNo,
          paymentId: `SIM-PAY-${i + 1}`,
          invoiceId: bill.id,
          amountFen: bill.amountFen,
          paidDate,
        }),
      );
    }
  }

  /** Bills whose dates depend on the activation (monthly bills) are known once billing starts. */
  private async planBillsOfTheTerm(today: IsoDate): Promise<void> {
    const status = await this.contract.status();
    const bills = status.obligations.flatMap((o): Bill[] =>
      o.kind === 'payment' && o.subject.invoiceId && o.dueDate
        ? [{ id: o.subject.invoiceId, dueDate: isoDate(o.dueDate), amountFen: o.subject.amountFen ?? 0 }]
        : [],
    );
    this.planPayments(bills, today);
  }

  /** Billing reports each month's usage early in the next month (004 5.3). */
  private planUsage(term: TermPeriod): void {
    const usage = this.scenario.usage;
    if (!usage) return;
    for (
      let month = monthOf(term.start);
      firstDayOfMonth(month) <= term.end;
      month = addMonthsToMonth(month, 1)
    ) {
      const on = addDays(firstDayOfMonth(addMonthsToMonth(month, 1)), usage.reportOnDay - 1);
      const reported = month;
      this.at(on, async () => {
        for (const [itemId, counts] of Object.entries(usage.items)) {
          await this.contract.usage({ contractNo: this.spec.contractNo, month: reported, itemId, ...counts });
        }
      });
    }
    const free = this.scenario.freeMonth;
    if (free) {
      const on = this.when(free.noticeOn);
      this.at(on, () =>
        this.contract
          .act('freeMonth', 'choose-free-month', { month: free.month, noticeDate: on, chosenBy: 'customer' })
          .then(() => undefined),
      );
    }
  }

  /** Billing invoices what waits for an invoice, and the measured extras of post-paid months. */
  private planInvoices(billingStarted: IsoDate): void {
    const invoices = this.scenario.invoices;
    if (!invoices) return;
    const on = addDays(billingStarted, invoices.afterDays);
    this.at(on, async (status) => {
      for (const o of status.obligations.filter((x) => x.kind === 'invoice')) {
        await this.contract.invoice({
          contractNo: this.spec.contractNo,
          invoiceId: o.subject.invoiceId!,
          amountFen: o.subject.amountFen!,
          invoiceDate: on,
        });
      }
    });
    invoices.extras.forEach((extra, i) => {
      const issued = firstDayOfMonth(addMonthsToMonth(extra.month, 1));
      this.at(issued, () =>
        this.contract.invoice({
          contractNo: this.spec.contractNo,
          invoiceId: `SIM-INV-${i + 1}`,
          amountFen: extra.amountFen,
          invoiceDate: issued,
          billingMonth: extra.month,
        }),
      );
    });
  }

  private planFacts(): void {
    const contractNo = this.spec.contractNo;
    this.scenario.complaints.forEach((c, i) => {
      const on = this.when(c.on);
      this.at(on, () =>
        this.contract.complaint({
          contractNo,
          complaintId: `SIM-C-${i + 1}`,
          receivedDate: on,
          category: c.category,
        }),
      );
    });
    this.scenario.violations.forEach((v, i) => {
      const on = this.when(v.on);
      const violationId = `SIM-V-${i + 1}`;
      this.at(on, () =>
        this.contract.violation({
          contractNo,
          violationId,
          tier: v.tier,
          detectedDate: on,
          description: v.description,
        }),
      );
      const check = v.remediation;
      if (check) {
        this.at(addDays(on, check.afterDays), () =>
          this.discharge(
            `violations.${i}.remediation`,
            (o) => o.kind === 'remediation' && o.subject.violationId === violationId,
            { remediationPasses: check.passed },
          ),
        );
      }
    });
  }

  private planNotices(): void {
    const { unsubscribe, nonRenewalNotice, serviceRequests } = this.scenario;
    if (unsubscribe) {
      const on = this.when(unsubscribe.on);
      this.at(on, async () => {
        await this.contract.act('unsubscribe', 'unsubscribe', {
          noticeDate: on,
          requestedStopDate: addDays(on, unsubscribe.stopAfterDays),
          givenBy: 'customer',
        });
      });
    }
    if (nonRenewalNotice?.on !== undefined) this.planNonRenewal(this.when(nonRenewalNotice.on));
    serviceRequests.forEach((r, i) => {
      this.at(this.when(r.on), async () => {
        await this.contract.act(`serviceRequests.${i}`, 'service-request', {
          type: r.type,
          requestedBy: 'customer',
        });
      });
    });
  }

  /** `daysBeforeDeadline` of term N: the deadline is known once the first term is. */
  private planNonRenewalByDeadline(first: TermPeriod, today: IsoDate): void {
    const notice = this.scenario.nonRenewalNotice;
    if (notice?.daysBeforeDeadline === undefined) return;
    let term = first;
    for (let n = 1; ; n++) {
      const outlook = renewalOutlook(this.spec, term, n - 1);
      if (outlook.kind !== 'auto') {
        throw new ScenarioError(
          `nonRenewalNotice.term: term ${n} of contract ${this.spec.contractNo} does not renew automatically (${outlook.kind}, clause ${outlook.ref})`,
        );
      }
      if (n === notice.term) {
        const on = addDays(outlook.nonRenewalNoticeDeadline, -notice.daysBeforeDeadline);
        if (on < today) {
          throw new SimulationError(
            `nonRenewalNotice: term ${n}'s notice day ${on} had passed when billing started on ${today}`,
          );
        }
        return this.planNonRenewal(on);
      }
      term = outlook.next;
    }
  }

  private planNonRenewal(on: IsoDate): void {
    const party = this.scenario.nonRenewalNotice!.party;
    this.at(on, async () => {
      await this.contract.act('nonRenewalNotice', 'non-renewal-notice', {
        party,
        noticeDate: on,
        givenBy: party,
      });
    });
  }
}
