/**
 * The simulated people around a contract — reviewer, field engineers, the customer's notices and
 * answers, compliance — as dated steps on an agenda (steps.ts); the money side (payments, usage,
 * invoices) is billing-side.ts. People act on the contract's obligations through the shared player
 * (clients/sdk/player.ts): on a scenario day, a step discharges the obligations of its kind. A step may
 * schedule the next (approval → installations → completion notice → the customer's answer).
 */
import { addDays, isoDate, localDateOf, type IsoDate } from '../../domain/calendar';
import { renewalOutlook, type TermPeriod } from '../../domain/clauses/term';
import type { ContractSpec } from '../../domain/contract-spec';
import type { ContractEvent } from '../../domain/events/catalogue';
import type { ContractStatus, Obligation } from '../../domain/lifecycle/status';
import { ofKind, owes, readyForFieldWork, type Cast } from '../sdk/player';
import type { Agenda } from './agenda';
import { BillingSide } from './billing-side';
import type { ContractPort } from './contract-port';
import { ScenarioError, type Scenario, type When } from './scenario';
import { ended, Steps } from './steps';
import { SimulationError } from './timeline';

const provisioned = (s: ContractStatus) =>
  ended(s) || ['acceptance', 'active', 'suspended'].includes(s.stage) || readyForFieldWork(s);

export class Counterparts {
  private readonly steps: Steps;
  private readonly billing: BillingSide;
  private readonly signed: IsoDate;

  constructor(
    private readonly spec: ContractSpec,
    private readonly scenario: Scenario,
    agenda: Agenda,
    private readonly contract: ContractPort,
  ) {
    this.signed = spec.signedDate;
    this.steps = new Steps(spec, agenda, contract);
    this.billing = new BillingSide(this.steps, scenario);
  }

  /** Everything known from the start: the reviewer's days, the bills, every dated fact or notice. */
  plan(): void {
    this.planReview();
    this.billing.plan();
    this.planFacts();
    this.planNotices();
  }

  /** React to what the contract published: the term and its bills are known once billing starts. */
  onEvents(events: readonly ContractEvent[]): void {
    for (const e of events) {
      this.billing.onEvent(e);
      if (e.type === 'telecom.contract.billing-started.v1') {
        const { startDate, endDate } = e.data.agreementPeriod;
        const first = { start: isoDate(startDate), end: isoDate(endDate) };
        this.planNonRenewalByDeadline(first, localDateOf(Date.parse(e.time)));
      }
    }
  }

  private at(date: IsoDate, step: (status: ContractStatus) => Promise<void>): void {
    this.steps.at(date, step);
  }

  private when(value: When): IsoDate {
    return this.steps.when(value);
  }

  private discharge(field: string, only: (o: Obligation) => boolean, cast: Cast = {}): Promise<void> {
    return this.steps.discharge(field, only, cast);
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

  /** Bills in the order the scenario counts them: the first term's schedule, then as they become known. */
  private billOrder: string[] = [];
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
