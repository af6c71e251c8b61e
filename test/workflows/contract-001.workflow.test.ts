/**
 * Contract 001 (30 dedicated lines, JSCZE2208138CGN00): ports 80/8080/443 closed until the ICP filing
 * (clause 1.5); an unpaid instalment suspends service after more than 30 days overdue and terminates
 * it 60 days after suspension (2.3.4); the IP block and circuits go into 90-day quarantine (3.2.10).
 */
import { addDays, isoDate, localDateOf } from '../../domain/calendar';
import { contractHistory } from '../../inventory/queries';
import { quarantineReleaseDate } from '../../domain/clauses/compliance';
import { dunningLadder, type DunningStep } from '../../domain/clauses/dunning';
import { seedContract } from '../../domain/seed-contracts';
import { ContractDriver } from '../support/contract-driver';
import { useLifecycleHarness, withContract } from '../support/lifecycle-harness';

const harness = useLifecycleHarness(() => ContractDriver.terminateAll());

const day = (s: string, n = 0) => addDays(isoDate(s), n);
const stepDate = (step: DunningStep) => {
  if (step.kind !== 'from-date') throw new Error(`no date: ${step.kind}`);
  return step.date;
};

test('unpaid instalment: suspended after 30 days overdue, terminated on the 61st day after suspension, resources reused only after 90 days (3.2.10)', async () => {
  await withContract(harness(), seedContract('JSCZE2208138CGN00'), async (c, { store, network }) => {
    await c.passQualification();
    await c.installAllLines();
    const configured = network
      .callsFor(c.spec.contractNo)
      .filter((call) => call.operation === 'configureCircuit');
    expect(configured).toHaveLength(30);
    expect(configured.every((call) => JSON.stringify(call.detail.closedPorts) === '[80,8080,443]')).toBe(
      true,
    );

    await c.act('record-icp-filing', { filingNo: '苏ICP备2022000001号', recordedBy: 'engineer-wang' });
    expect(network.callsFor(c.spec.contractNo).filter((call) => call.operation === 'openPorts')).toHaveLength(
      30,
    );
    await c.act('issue-completion-notice', { issuedBy: 'engineer-wang' });
    await c.waitForEvent('telecom.contract.billing-started.v1');

    // First instalment 359,600.00 due on 31 December; nobody pays.
    const dueDate = day(`${c.spec.signedDate.slice(0, 4)}-12-31`);
    await c.skipTo(day(dueDate, 130));

    // The dates are the calculators' (their rules are tested on the decider); here: the wiring carries them.
    const suspendOn = stepDate(dunningLadder(c.spec, dueDate).suspension);
    const overdue = await c.waitForEvent('telecom.contract.payment-overdue.v1');
    expect(overdue.data).toMatchObject({
      amountDueFen: 35_960_000,
      dueDate,
      asOfDate: day(dueDate, 1),
      suspensionFromDate: suspendOn,
    });
    const suspended = await c.waitForEvent('telecom.contract.service-suspended.v1');
    expect(suspended.data).toMatchObject({ suspendedDate: suspendOn, reason: 'arrears', clauseRef: '2.3.4' });
    const terminateOn = stepDate(dunningLadder(c.spec, dueDate, suspendOn).termination);
    const terminated = await c.waitForEvent('telecom.contract.terminated.v1');
    expect(terminated.data).toMatchObject({ terminatedDate: terminateOn, reason: 'arrears' });
    const quarantined = await c.waitForEvent('telecom.contract.resource-quarantined.v1');
    expect(quarantined.data.quarantinedDate).toBe(terminateOn);
    // 3.2.10: reassigned "only after 90 days" — the 90 days follow the release day.
    const reusable = quarantineReleaseDate(c.spec, terminateOn).date;
    expect(quarantined.data.availableFromDate).toBe(reusable);
    expect(quarantined.data.clauseRef).toBe('3.2.10');
    expect(quarantined.data.resources.filter((r) => r.resourceType === 'ipv4-block')).toHaveLength(1);
    expect(quarantined.data.resources.filter((r) => r.resourceType === 'circuit')).toHaveLength(30);
    await c.waitForEvent('telecom.contract.closed.v1');

    // The inventory agrees: 31 resources rest in quarantine until 00:00 Shanghai of the same day.
    const toQuarantine = (await contractHistory(store.db, c.spec.contractNo)).filter(
      (e) => e.toState === 'quarantined',
    );
    expect(toQuarantine).toHaveLength(31);
    const rows = await store.db
      .selectFrom('resource')
      .select(['value', 'state', 'quarantine_until'])
      .where(
        'value',
        'in',
        toQuarantine.map((e) => e.value),
      )
      .execute();
    expect(rows.every((r) => r.state === 'quarantined')).toBe(true);
    expect(new Set(rows.map((r) => localDateOf(new Date(r.quarantine_until!))))).toEqual(new Set([reusable]));
    await c.saveHistory('001-arrears-termination');
  });
});
