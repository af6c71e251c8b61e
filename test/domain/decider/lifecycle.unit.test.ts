/**
 * The decider across contracts: qualification review (000 3.1, 002 9.6), the provisioning saga and its
 * compensation, refusals, facts that arrive before billing, and the purity of decide and evolve.
 */
import { decide } from '../../../domain/decider/decide';
import type { Effect } from '../../../domain/decider/effects';
import { evolve } from '../../../domain/decider/evolve';
import { nextDeadline, obligations } from '../../../domain/decider/obligations';
import { revivedState, type ContractState } from '../../../domain/decider/state';
import { seedContract } from '../../../domain/seed-contracts';
import { Contract, healthyWorld, types, type World } from './support';

const s000 = seedContract('XJJCF2400252EGN00');
const s001 = seedContract('JSCZE2208138CGN00');
const s002 = seedContract('SNSGS2500554EGN00');

describe('qualification review (000 3.1, 002 9.6)', () => {
  test('given 000 signed on 2024-04-01, then six documents and the decision are owed by 2024-04-09 (5 working days, Qingming skipped)', () => {
    const c = Contract.signed(s000);
    expect(c.last('qualification-requested').data).toMatchObject({
      requestedDate: '2024-04-01',
      dueDate: '2024-04-09',
    });
    const owed = c.obligations();
    expect(owed.map((o) => o.id)).toEqual([
      'document:business-licence',
      'document:legal-representative-id',
      'document:agent-id',
      'document:authorisation-letter',
      'document:special-number-approval',
      'document:security-commitment',
      'qualification-decision',
    ]);
    expect(owed.at(-1)).toMatchObject({
      party: 'reviewer',
      action: 'approve',
      dueDate: '2024-04-09',
      escalation: { date: '2024-04-10', consequence: 'escalation' },
    });
    expect(nextDeadline(owed)).toBe('2024-04-09');
  });

  test('given 002 (a type 1, non-operating customer), then its seven documents of 9.6 are asked for', () => {
    expect(Contract.signed(s002).last('qualification-requested').data.requiredDocuments).toEqual([
      'business-licence',
      'legal-representative-id',
      'bank-account-licence',
      'general-taxpayer-proof',
      'agent-id',
      'authorisation-letter',
      'security-commitment',
    ]);
  });

  test('when no decision comes by 2024-04-09, then the review is escalated once on 2024-04-10 and still waits', () => {
    const c = Contract.signed(s000);
    expect(c.on('2024-04-09')).toEqual([]);
    expect(types(c.on('2024-04-10'))).toEqual(['qualification-escalated']);
    expect(c.on('2024-05-10')).toEqual([]);
    expect(c.obligations().at(-1)).toMatchObject({
      summary: 'a reviewer decision (escalated)',
      overdue: true,
    });
  });

  test('when approval comes with documents missing, then it is refused naming them; a rejection closes the contract', () => {
    const c = Contract.signed(s000);
    expect(c.refused('approve', { approvedBy: 'li' })).toEqual({
      kind: 'rule',
      message: expect.stringMatching(
        /^approve is refused: documents still missing: business-licence, /,
      ) as string,
    });
    expect(types(c.act('reject', { rejectedBy: 'li', reason: 'licence expired' }))).toEqual([
      'qualification-rejected',
      'closed',
    ]);
    expect(c.state).toMatchObject({ stage: 'closed', outcome: 'qualification-rejected' });
  });

  test('when the reviewer asks for a further document, then it joins the checklist and is owed', () => {
    const c = Contract.signed(s000);
    c.act('request-documents', {
      documentTypes: ['icp-licence'],
      reason: 'serves others',
      requestedBy: 'li',
    });
    expect(c.obligations().some((o) => o.id === 'document:icp-licence')).toBe(true);
  });
});

describe('provisioning saga: a failed step undoes every step before it, carrying on past a failed undo', () => {
  const failing =
    (...kinds: Effect['kind'][]): World =>
    (effect) =>
      kinds.includes(effect.kind) ? { ok: false, error: `${effect.kind} down` } : healthyWorld(effect);

  test('when the commit fails, then the reservation is released (quarantine 0) and the contract closes as provisioning-failed', () => {
    const c = Contract.signed(s001, failing('commit-reservation'));
    const events = c.approve();
    expect(c.effects.map((e) => e.kind)).toEqual([
      'reserve-resources',
      'commit-reservation',
      'release-resources',
    ]);
    expect(c.effects.at(-1)).toMatchObject({ quarantineDays: 0, purpose: { kind: 'compensate' } });
    expect(types(events)).toEqual([
      'qualification-approved',
      'resource-reserved',
      'resource-released',
      'closed',
    ]);
    expect(c.state.decisions.map((d) => d.action)).toContain('provisioning-failed');
  });

  test('when the release fails too, then the failure is reported, nothing claims the resources came back, and it still closes', () => {
    const c = Contract.signed(s001, failing('activate-network', 'release-resources'));
    const events = c.approve();
    expect(types(events)).toEqual([
      'qualification-approved',
      'resource-reserved',
      'resource-committed',
      'closed',
    ]);
    expect(c.state.flags).toContain('compensation-failed:release-resources');
    expect(c.state.decisions.find((d) => d.action === 'compensation-failed')?.detail).toBe(
      'release-resources: release-resources down',
    );
  });
});

describe('inputs the decider refuses or holds', () => {
  test('an action in the wrong stage is refused with the stage and where it belongs', () => {
    const c = Contract.signed(s000);
    expect(c.refused('sign-off', { signedBy: 'zhang' })).toEqual({
      kind: 'wrong-stage',
      message: `sign-off is refused: contract ${s000.contractNo} is in stage 'qualification', and sign-off is only possible in 'acceptance'`,
    });
  });

  test('malformed input is refused with every field and rule', () => {
    const c = Contract.signed(s000);
    expect(c.refused('submit-document', { documentType: '', extra: 1 })).toEqual({
      kind: 'invalid-input',
      message: expect.stringMatching(/documentRef: is required.*extra: is not a known field/) as string,
    });
  });

  test('a payment before billing starts waits for it, then settles the first instalment (000 4.5.1)', () => {
    const c = Contract.signed(s000);
    c.approve();
    expect(c.pay('4.5.1#1', 2_754_000, '2024-04-02')).toEqual([]);
    c.after(1);
    c.complete();
    const signed = c.signOff();
    expect(types(signed)).toEqual(['acceptance-signed', 'billing-started', 'payment-received']);
    expect(c.state.receivables[0]).toMatchObject({ id: '4.5.1#1', paidFen: 2_754_000 });
  });

  test('decide and evolve are pure: the same input on the same state gives the same decision and leaves the state alone', () => {
    const c = Contract.signed(s000);
    const frozen = JSON.stringify(c.state);
    const input = {
      kind: 'action' as const,
      action: 'reject' as const,
      payload: { rejectedBy: 'li', reason: 'x' },
      at: 'now',
    };
    const first = decide(s000, c.state, input, c.today);
    expect(decide(s000, c.state, input, c.today)).toEqual(first);
    first.events.reduce(evolve, c.state);
    expect(JSON.stringify(c.state)).toBe(frozen);
  });
});

describe('a state carried over continue-as-new by an earlier version', () => {
  test('given 000 in service carried without the fields added since, when revived, then they start empty and the rest is kept', () => {
    const c = Contract.signed(s000);
    const { awaitingInvoices: _invoices, usage: _usage, ...older } = c.state;
    const revived = revivedState(older as ContractState);
    expect(revived.awaitingInvoices).toEqual([]);
    expect(revived.usage).toEqual([]);
    expect(revived.checklist).toEqual(c.state.checklist);
    expect(revived.events).toEqual(c.state.events);
    expect(obligations(s000, revived, c.today)).toEqual(c.obligations());
  });
});
