/**
 * The scenario checked against the contract it will drive, before anything starts: dates on or after
 * the signing day, one installation day per dedicated line, no more bills than the contract schedules,
 * a notice tied to a renewal deadline only where the contract renews by itself.
 */
import type { ContractSpec } from '../../domain/contract-spec';
import { scheduledPayments } from '../../domain/clauses/payments';
import { firstTerm } from '../../domain/clauses/term';
import { ScenarioError, type Scenario, type When } from './scenario';

export function checkScenarioFits(spec: ContractSpec, scenario: Scenario): void {
  const problems: string[] = [];
  const when = (value: When | undefined, field: string) => {
    if (typeof value === 'string' && value < spec.signedDate) {
      problems.push(`${field}: ${value} is before the signing day ${spec.signedDate}`);
    }
  };
  scenario.complaints.forEach((c, i) => when(c.on, `complaints.${i}.on`));
  scenario.violations.forEach((v, i) => when(v.on, `violations.${i}.on`));
  scenario.serviceRequests.forEach((r, i) => when(r.on, `serviceRequests.${i}.on`));
  when(scenario.unsubscribe?.on, 'unsubscribe.on');
  when(scenario.nonRenewalNotice?.on, 'nonRenewalNotice.on');

  const lines = spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);
  const { installDays } = scenario.fieldWork;
  if (Array.isArray(installDays) && installDays.length !== lines) {
    problems.push(
      `fieldWork.installDays: lists ${installDays.length} line(s), contract ${spec.contractNo} has ${lines} dedicated line(s)`,
    );
  }
  // How many bills does not depend on the activation day: count them as if activated at signing.
  const bills = scheduledPayments(spec, firstTerm(spec, { activationDate: spec.signedDate })).length;
  if (scenario.payments.bills.length > bills) {
    problems.push(
      `payments.bills: lists ${scenario.payments.bills.length} bill(s), contract ${spec.contractNo} schedules ${bills}`,
    );
  }
  const renewal = spec.clauses.renewal;
  if (scenario.nonRenewalNotice?.daysBeforeDeadline !== undefined && renewal.mode !== 'auto') {
    problems.push(
      `nonRenewalNotice.daysBeforeDeadline: contract ${spec.contractNo} does not renew automatically (renewal ${renewal.mode}, clause ${renewal.ref})`,
    );
  }
  if (problems.length) {
    throw new ScenarioError(`the scenario does not fit contract ${spec.contractNo}: ${problems.join('; ')}`);
  }
}
