/**
 * The simulated people and systems around a contract — reviewer, field engineers, the customer, billing,
 * compliance — as dated steps on an agenda. A step may schedule the next (approval → installations →
 * completion notice → the customer's answer); steps that depend on the term wait for billing to start.
 */
import { addDays, isoDate, localDateOf, type IsoDate } from '../../domain/calendar';
import { renewalOutlook, type TermPeriod } from '../../domain/clauses/term';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ContractEvent } from '../../domain/events/catalogue';
import type { ContractStatus } from '../../domain/lifecycle/status';
import { scheduledReceivables } from '../../workflows/lifecycle/billing';
import type { Agenda } from './agenda';
import type { ContractPort } from './contract-port';
import { ScenarioError, type Scenario, type When } from './scenario';
import { SimulationError } from './timeline';

const ended = (s: ContractStatus) => s.stage === 'closed' || s.stage === 'terminating';
const provisioned = (s: ContractStatus) =>
  ended(s) ||
  ['acceptance', 'active', 'suspended'].includes(s.stage) ||
  (s.stage === 'provisioning' && /installation|completion notice/.test(s.waitingFor));

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
    this.planPayments();
    this.planFacts();
    this.planNotices();
  }

  /** React to what the contract published: the term is known once billing starts. */
  onEvents(events: readonly ContractEvent[]): void {
    for (const e of events) {
      if (e.type === 'telecom.contract.billing-started.v1') {
        const { startDate, endDate } = e.data.agreementPeriod;
        const first = { start: isoDate(startDate), end: isoDate(endDate) };
        this.planNonRenewalByDeadline(first, localDateOf(Date.parse(e.time)));
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

  private planReview(): void {
    const r = this.scenario.reviewer;
    this.at(addDays(this.signed, r.documentsOnDay), async () => {
      const s = await this.contract.waitFor('the qualification checklist', (x) => x.checklist.length > 0);
      for (const item of s.checklist) {
        if (item.documentRef) continue;
        await this.contract.act('reviewer.documentsOnDay', 'submit-document', {
          documentType: item.documentType,
          documentRef: `SIM-${item.documentType}`,
          submittedBy: 'customer',
        });
      }
    });
    if (r.rejectOnDay !== undefined) {
      this.at(addDays(this.signed, r.rejectOnDay), async () => {
        await this.contract.act('reviewer.rejectOnDay', 'reject', {
          rejectedBy: 'reviewer',
          reason: r.rejectReason!,
        });
      });
      return;
    }
    const approveOn = addDays(this.signed, r.approveOnDay ?? r.documentsOnDay + 1);
    this.at(approveOn, async () => {
      await this.contract.act('reviewer.approveOnDay', 'approve', { approvedBy: 'reviewer' });
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
        await this.contract.act('fieldWork.installDays', 'confirm-installation', {
          lineIndex,
          circuitId: `SIM-CIRCUIT-${lineIndex + 1}`,
          testedBy: 'field-engineer',
        });
      }),
    );
    const gates = this.spec.clauses.gates;
    if (gates.icpFilingForPorts) {
      this.at(addDays(approved, work.icpFilingDays), async () => {
        await this.contract.waitFor('provisioning done', provisioned);
        await this.contract.act('fieldWork.icpFilingDays', 'record-icp-filing', {
          filingNo: 'SIM-ICP-0001',
          recordedBy: 'provider',
        });
      });
    }
    if (gates.outboundScripts) {
      this.at(addDays(approved, work.campaignScriptDays), async (s) => {
        if (!['provisioning', 'acceptance', 'active'].includes(s.stage)) return;
        await this.contract.act('fieldWork.campaignScriptDays', 'approve-campaign-script', {
          scriptId: 'SIM-SCRIPT-1',
          approvedBy: 'provider',
        });
      });
    }
    const installed = days.length ? addDays(approved, Math.max(...days)) : approved;
    this.planCompletionNotice(
      addDays(installed, work.completionNoticeDays),
      'fieldWork.completionNoticeDays',
    );
  }

  private planCompletionNotice(on: IsoDate, field: string, answered = false): void {
    this.at(on, async () => {
      await this.contract.waitFor('the completion notice', provisioned);
      await this.contract.act(field, 'issue-completion-notice', { issuedBy: 'field-engineer' });
      if (this.spec.clauses.acceptance) this.planAnswer(on, answered);
    });
  }

  /** The customer's answer within the acceptance window; a late answer finds the window closed. */
  private planAnswer(noticed: IsoDate, afterObjection: boolean): void {
    const a = this.scenario.acceptance;
    const answer = afterObjection ? a.then : a;
    const field = afterObjection ? 'acceptance.then' : 'acceptance';
    if (answer.signOnDay !== undefined) {
      this.at(addDays(noticed, answer.signOnDay), async (s) => {
        if (s.stage === 'acceptance')
          await this.contract.act(`${field}.signOnDay`, 'sign-off', { signedBy: 'customer' });
      });
    }
    if (!afterObjection && a.objectOnDay !== undefined) {
      const objected = addDays(noticed, a.objectOnDay);
      this.at(objected, async (s) => {
        if (s.stage !== 'acceptance') return;
        await this.contract.act('acceptance.objectOnDay', 'object', {
          reason: a.reason!,
          raisedBy: 'customer',
        });
        this.planCompletionNotice(addDays(objected, a.remediationDays), 'acceptance.remediationDays', true);
      });
    }
  }

  /** Each scheduled bill (instalment) paid on its due date, late, or never. */
  private planPayments(): void {
    const bills = scheduledReceivables(this.spec).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const { allBills, bills: each } = this.scenario.payments;
    bills.forEach((bill, i) => {
      const behaviour = each[i] ?? allBills;
      if (behaviour === 'never') return;
      const paidDate = behaviour === 'on-time' ? bill.dueDate : addDays(bill.dueDate, behaviour.lateDays);
      this.at(paidDate, () =>
        this.contract.payment({
          contractNo: this.spec.contractNo,
          paymentId: `SIM-PAY-${i + 1}`,
          invoiceId: bill.id,
          amountFen: bill.amountFen,
          paidDate,
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
        this.at(addDays(on, check.afterDays), async () => {
          await this.contract.act(`violations.${i}.remediation`, 'record-remediation', {
            violationId,
            passed: check.passed,
            checkedBy: 'compliance',
          });
        });
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
