/**
 * How a term ends: auto-renewal into the next term (000 clause 10.2, 001 clause 11.1, 003 §20), or
 * termination — charge what the contract says, take the service down, release every resource into
 * quarantine (001 clause 3.2.10: 90 days), and close after final settlement.
 */
import type { IsoDate } from '../../domain/calendar';
import { earlyTerminationCharge } from './clauses/early-termination';
import { renewalOutlook } from './clauses/term';
import type { Outcome } from '../../domain/lifecycle/stages';
import { network } from './activities';
import { today } from './clock';
import type { Contract } from './contract';
import { releaseHeld } from './provisioning';
import { arrearsFen } from './state';

/** Move the state into the next term; the caller continues-as-new so history stays bounded. */
export async function renew(c: Contract): Promise<void> {
  const s = c.state;
  const outlook = renewalOutlook(c.spec, { start: s.term.start!, end: s.term.end! }, s.renewalsSoFar);
  if (outlook.kind !== 'auto')
    throw new Error(`renew called without an auto-renewal clause (${outlook.kind})`);
  s.renewalsSoFar += 1;
  s.term = { number: s.term.number + 1, start: outlook.next.start, end: outlook.next.end };
  s.nonRenewal = undefined;
  await c.emit('telecom.contract.renewed.v1', {
    agreementPeriod: { startDate: outlook.next.start, endDate: outlook.next.end },
    renewalCount: s.renewalsSoFar,
    clauseRef: outlook.ref,
  });
  c.decide('renewed', 'workflow', `term ${s.term.number}: ${outlook.next.start} – ${outlook.next.end}`);
}

export async function terminate(
  c: Contract,
  outcome: Outcome,
  stopDate: IsoDate,
  clauseRef?: string,
): Promise<void> {
  c.enter('terminating');
  const s = c.state;
  const early = s.term.end !== undefined && stopDate <= s.term.end;
  if (early && outcome === 'unsubscribed' && s.term.start && s.term.end) {
    const charge = earlyTerminationCharge(c.spec, {
      term: { start: s.term.start, end: s.term.end },
      stopDate,
    });
    if (charge) {
      await c.charge(
        'early-termination',
        charge.totalFen,
        `stopped on ${stopDate}, before the term ends on ${s.term.end}`,
        charge.ref,
        `early-termination:${s.term.number}`,
      );
    }
  }
  await c.emit('telecom.contract.terminated.v1', {
    terminatedDate: today(),
    reason: outcome,
    stopBillingDate: stopDate,
    earlyTermination: early,
    ...(clauseRef ? { clauseRef } : {}),
  });
  await network.deactivateResources({
    contractNo: c.contractNo,
    requestId: `terminate-${s.term.number}`,
    resources: s.resources,
  });
  await releaseHeld(c, outcome, c.spec.clauses.quarantine.days);
}

export async function close(c: Contract, outcome: Outcome): Promise<Outcome> {
  c.state.outcome = outcome;
  c.enter('closed');
  await c.emit('telecom.contract.closed.v1', {
    closedDate: today(),
    reason: outcome,
    outstandingFen: arrearsFen(c.state),
  });
  c.waitFor('nothing: the contract is closed');
  return outcome;
}
