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
  problems.push(...notForThisContract(spec, scenario));
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

/** Scenario fields that cannot apply to this contract: refused with the reason, never silently ignored. */
function notForThisContract(spec: ContractSpec, scenario: Scenario): string[] {
  const no = spec.contractNo;
  const { clauses } = spec;
  const plans = clauses.payment.plans;
  const usagePlan = plans.find((p) => p.kind === 'usage-settlement');
  const problems: string[] = [];
  const a = scenario.acceptance;
  if (!clauses.acceptance) {
    for (const field of ['signOnDay', 'objectOnDay'] as const) {
      if (a[field] !== undefined)
        problems.push(`acceptance.${field}: contract ${no} has no acceptance window (no acceptance clause)`);
    }
  }
  if (scenario.unsubscribe && !clauses.unsubscribe)
    problems.push(`unsubscribe: contract ${no} has no unsubscribe clause`);
  const numbers = spec.resources.numbers.length;
  scenario.serviceRequests.forEach((_, i) => {
    if (numbers === 0) problems.push(`serviceRequests.${i}: contract ${no} holds no number to act on`);
  });
  if (scenario.usage && !usagePlan)
    problems.push(`usage: contract ${no} has no usage settlement (no usage-settlement payment plan)`);
  const measured = spec.lineItems.filter((i) => i.charge.basis === 'per-usage').map((i) => i.id);
  for (const item of Object.keys(scenario.usage?.items ?? {})) {
    if (usagePlan && !measured.includes(item))
      problems.push(
        `usage.items.${item}: not a per-usage line item of contract ${no} (${measured.join(', ')})`,
      );
  }
  if (scenario.freeMonth && !(usagePlan?.kind === 'usage-settlement' && usagePlan.freeMonths > 0))
    problems.push(`freeMonth: contract ${no} grants no free month`);
  const invoiced = plans.some(
    (p) =>
      p.kind === 'postpaid-monthly' ||
      (p.kind === 'instalments' && p.instalments.some((x) => x.due.kind === 'after-invoice')),
  );
  if (scenario.invoices && !invoiced)
    problems.push(
      `invoices: contract ${no} has no bill dated by an invoice (no after-invoice instalment, no post-paid month)`,
    );
  return problems;
}
