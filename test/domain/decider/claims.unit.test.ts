/**
 * Claims and batch line confirmation on the decider (issue #16): an engineer claims an open obligation
 * (the inbox's assignee), gives it up, and confirms the 30 lines of contract 001 in one step.
 */
import { revivedState, type ContractState } from '../../../domain/decider/state';
import { seedContract } from '../../../domain/seed-contracts';
import { Contract, types } from './support';

const s000 = seedContract('XJJCF2400252EGN00');
const s001 = seedContract('JSCZE2208138CGN00');

const lines = (from: number, to: number, prefix = 'CIR') =>
  Array.from({ length: to - from }, (_, k) => ({ lineIndex: from + k, circuitId: `${prefix}-${from + k}` }));

describe('claim: an engineer takes an open obligation', () => {
  test('given the reviewer decision open, when key eng-1 claims it, then the obligation carries eng-1 since that instant and the log names eng-1', () => {
    const c = Contract.signed(s000);
    expect(c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-1' })).toEqual([]);
    const owed = c.obligations().find((o) => o.id === 'qualification-decision');
    expect(owed?.assignee).toEqual({ by: 'eng-1', since: `${c.today}T02:00:00.000Z` });
    expect(c.state.decisions.at(-1)).toEqual({
      at: `${c.today}T02:00:00.000Z`,
      action: 'claim',
      by: 'eng-1',
      detail: 'qualification-decision: a reviewer decision',
    });
    expect(c.obligations().filter((o) => o.assignee)).toHaveLength(1);
  });

  test('given eng-1 holds it, when eng-2 claims it, then it is refused naming who holds it and since when', () => {
    const c = Contract.signed(s000);
    c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-1' });
    expect(c.refused('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-2' })).toEqual({
      kind: 'rule',
      message: `claim is refused: obligation 'qualification-decision' is already claimed by eng-1 since ${c.today}T02:00:00.000Z`,
    });
  });

  test('given eng-1 holds it, when eng-1 claims it again later, then it is accepted with no second decision and the first since kept', () => {
    const c = Contract.signed(s000);
    c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-1' });
    const since = c.state.claims['qualification-decision']!.since;
    const logged = c.state.decisions.length;
    c.after(1);
    expect(c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-1' })).toEqual([]);
    expect(c.state.decisions).toHaveLength(logged);
    expect(c.state.claims['qualification-decision']).toEqual({ by: 'eng-1', since });
  });

  test('when the obligation is not open, then the claim is refused naming the open ones a person acts on', () => {
    const c = Contract.signed(s000);
    const refusal = c.refused('claim', { obligationId: 'line:0', claimedBy: 'eng-1' });
    expect(refusal.kind).toBe('rule');
    expect(refusal.message).toMatch(
      /^claim is refused: obligation 'line:0' is not open on contract XJJCF2400252EGN00 \(open obligations a person acts on: document:[a-z-]+, .*qualification-decision\)$/,
    );
  });

  test('when the obligation is met by a fact (a payment), then it cannot be claimed', () => {
    const c = Contract.signed(s001);
    c.approve();
    c.on('2022-12-05');
    c.complete();
    const payment = c.obligations().find((o) => o.kind === 'payment')!;
    expect(c.refused('claim', { obligationId: payment.id, claimedBy: 'eng-1' }).message).toBe(
      `claim is refused: obligation '${payment.id}' is discharged by customer reporting a fact, not by a person's action: it cannot be claimed`,
    );
  });

  test('when the claim names no one or carries an unknown field, then it is bad input naming the field', () => {
    const c = Contract.signed(s000);
    expect(c.refused('claim', { obligationId: 'qualification-decision', claimedBy: '', x: 1 })).toEqual({
      kind: 'invalid-input',
      message: 'claim: invalid input: claimedBy: must name who acts; x: is not a known field',
    });
  });

  test('given eng-1 holds the reviewer decision, when the contract is approved, then the claim ends with the obligation', () => {
    const c = Contract.signed(s000);
    c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-1' });
    c.approve();
    expect(c.state.stage).toBe('provisioning');
    expect(c.state.claims).toEqual({});
  });

  test('given a claimed document handed in, when the reviewer asks for it again, then the reopened obligation starts unassigned', () => {
    const c = Contract.signed(s000);
    const document = c.obligations().find((o) => o.kind === 'document')!;
    const documentType = document.subject.documentType!;
    c.act('claim', { obligationId: document.id, claimedBy: 'eng-1' });
    c.act('submit-document', { documentType, documentRef: 'DMS-1', submittedBy: 'cust' });
    expect(c.state.claims).toEqual({});
    c.act('request-documents', { documentTypes: [documentType], reason: 'blurred', requestedBy: 'li' });
    const reopened = c.obligations().find((o) => o.id === document.id);
    expect(reopened).toBeDefined();
    expect(reopened?.assignee).toBeUndefined();
  });

  test('given a closed contract, then a claim is refused for the stage', () => {
    const c = Contract.signed(s000);
    c.act('reject', { rejectedBy: 'li', reason: 'licence expired' });
    expect(c.refused('claim', { obligationId: 'x', claimedBy: 'eng-1' }).kind).toBe('wrong-stage');
  });
});

describe('unclaim: the holder (or a colleague) gives an obligation up', () => {
  test('given eng-1 holds it, when eng-2 releases it, then it is unassigned, the log names eng-2 and whom it was held by, and eng-2 may claim it', () => {
    const c = Contract.signed(s000);
    c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-1' });
    c.after(1);
    expect(c.act('unclaim', { obligationId: 'qualification-decision', releasedBy: 'eng-2' })).toEqual([]);
    expect(c.obligations().find((o) => o.id === 'qualification-decision')?.assignee).toBeUndefined();
    expect(c.state.decisions.at(-1)).toMatchObject({
      action: 'unclaim',
      by: 'eng-2',
      detail: `qualification-decision (held by eng-1 since ${c.state.decisions.at(-2)!.at})`,
    });
    c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-2' });
    expect(c.state.claims['qualification-decision']?.by).toBe('eng-2');
  });

  test('when nobody holds it (or the id is an object key such as __proto__), then the release is refused', () => {
    const c = Contract.signed(s000);
    for (const obligationId of ['qualification-decision', '__proto__', 'constructor']) {
      expect(c.refused('unclaim', { obligationId, releasedBy: 'eng-1' })).toEqual({
        kind: 'rule',
        message: `unclaim is refused: nobody holds obligation '${obligationId}' on contract XJJCF2400252EGN00`,
      });
    }
  });
});

describe('001 1.3: confirm-installations, the 30 lines in one step', () => {
  function provisioned(): Contract {
    const c = Contract.signed(s001);
    c.approve();
    return c;
  }

  test('given 30 lines open, when all 30 are confirmed in one step, then each is line-confirmed, one decision lists them, and the completion notice is owed', () => {
    const c = provisioned();
    const logged = c.state.decisions.length;
    expect(c.act('confirm-installations', { lines: lines(0, 30), testedBy: 'eng-1' })).toEqual([]);
    expect(
      c.state.installations.every((l) => l.circuitId === `CIR-${l.lineIndex}` && l.testedBy === 'eng-1'),
    ).toBe(true);
    expect(c.state.decisions).toHaveLength(logged + 1);
    expect(c.state.decisions.at(-1)).toMatchObject({ action: 'confirm-installations', by: 'eng-1' });
    expect(c.state.decisions.at(-1)!.detail).toMatch(
      /^30 line\(s\): line 0: circuit CIR-0; .*line 29: circuit CIR-29$/,
    );
    expect(c.obligations().filter((o) => o.kind === 'line-installation')).toEqual([]);
    expect(c.obligations()[0]).toMatchObject({ id: 'completion-notice', action: 'issue-completion-notice' });
    expect(types(c.act('issue-completion-notice', { issuedBy: 'eng-1' }))).toContain(
      'completion-notice-issued',
    );
  });

  test('given the step taken, when it is sent again, then it is accepted and changes nothing', () => {
    const c = provisioned();
    c.act('confirm-installations', { lines: lines(0, 30), testedBy: 'eng-1' });
    const before: ContractState = c.state;
    expect(c.act('confirm-installations', { lines: lines(0, 30), testedBy: 'eng-2' })).toEqual([]);
    expect(c.state).toEqual(before);
  });

  test('given lines 0-9 confirmed, when 0-29 are sent, then only 10-29 are new', () => {
    const c = provisioned();
    c.act('confirm-installations', { lines: lines(0, 10), testedBy: 'eng-1' });
    c.act('confirm-installations', { lines: lines(0, 30), testedBy: 'eng-2' });
    expect(c.state.installations[9]?.testedBy).toBe('eng-1');
    expect(c.state.installations[10]?.testedBy).toBe('eng-2');
    expect(c.state.decisions.at(-1)!.detail).toMatch(/^20 line\(s\): line 10: circuit CIR-10;/);
  });

  test('given an order of 120 lines, when all are confirmed in one step, then the decision lists 50 and counts the rest, and every line keeps its circuit', () => {
    const big = {
      ...s001,
      resources: {
        ...s001.resources,
        dedicatedLines: [{ ...s001.resources.dedicatedLines[0]!, count: 120 }],
      },
    };
    const c = Contract.signed(big);
    c.approve();
    c.act('confirm-installations', { lines: lines(0, 120), testedBy: 'eng-1' });
    expect(c.state.decisions.at(-1)!.detail).toMatch(
      /^120 line\(s\): line 0: circuit CIR-0; .*line 49: circuit CIR-49; … and 70 more$/,
    );
    expect(c.state.installations.filter((l) => l.circuitId === `CIR-${l.lineIndex}`)).toHaveLength(120);
  });

  test('given line 3 confirmed as CIR-3, when a step names another circuit for it, then the whole step is refused naming lines.<i>.circuitId', () => {
    const c = provisioned();
    c.act('confirm-installation', { lineIndex: 3, circuitId: 'CIR-3', testedBy: 'eng-1' });
    const batch = [...lines(0, 3), { lineIndex: 3, circuitId: 'OTHER' }, ...lines(4, 30)];
    expect(c.refused('confirm-installations', { lines: batch, testedBy: 'eng-1' })).toEqual({
      kind: 'rule',
      message:
        'confirm-installations is refused: lines.3.circuitId: line 3 was already confirmed as circuit CIR-3',
    });
    expect(c.state.installations.filter((l) => l.circuitId)).toHaveLength(1);
  });

  test('when a step names a line the contract does not have, then it is refused naming lines.<i>.lineIndex', () => {
    const c = provisioned();
    expect(
      c.refused('confirm-installations', {
        lines: [...lines(0, 2), { lineIndex: 30, circuitId: 'X' }],
        testedBy: 'e',
      }),
    ).toEqual({
      kind: 'rule',
      message:
        'confirm-installations is refused: lines.2.lineIndex: line 30 does not exist: the contract has 30 dedicated line(s)',
    });
  });

  test('when a step repeats a line, lists none, or has a bad field, then it is bad input naming each field', () => {
    const c = provisioned();
    const repeated = [...lines(0, 2), { lineIndex: 0, circuitId: 'X' }];
    expect(c.refused('confirm-installations', { lines: repeated, testedBy: 'e' })).toEqual({
      kind: 'invalid-input',
      message:
        'confirm-installations: invalid input: lines.2.lineIndex: must not repeat line 0 (already at lines.0)',
    });
    expect(c.refused('confirm-installations', { lines: [], testedBy: 'e' }).message).toBe(
      'confirm-installations: invalid input: lines: must confirm at least one line',
    );
    expect(
      c.refused('confirm-installations', { lines: [{ lineIndex: -1, circuitId: '' }], testedBy: 'e' })
        .message,
    ).toBe(
      'confirm-installations: invalid input: lines.0.lineIndex: must not be negative; lines.0.circuitId: must not be empty',
    );
  });

  test('given eng-1 claimed line 4, when the step confirms it, then the claim ends with the line', () => {
    const c = provisioned();
    c.act('claim', { obligationId: 'line:4', claimedBy: 'eng-1' });
    c.act('claim', { obligationId: 'line:20', claimedBy: 'eng-2' });
    c.act('confirm-installations', { lines: lines(0, 10), testedBy: 'eng-1' });
    expect(c.state.claims).toEqual({ 'line:20': { by: 'eng-2', since: expect.any(String) as string } });
    expect(c.obligations().find((o) => o.id === 'line:20')?.assignee?.by).toBe('eng-2');
  });

  test('given the lines still being reserved, then the step is refused like a single confirmation', () => {
    const c = Contract.signed(s001);
    c.approve();
    c.state = { ...c.state, provisioning: { ...c.state.provisioning, activated: false } };
    expect(c.refused('confirm-installations', { lines: lines(0, 1), testedBy: 'e' }).message).toMatch(
      /^confirm-installations is refused: the resources are not active on the network yet/,
    );
  });
});

describe('a state carried over continue-as-new before claims existed', () => {
  test('given a state without claims, when revived, then nothing is claimed and a claim works', () => {
    const c = Contract.signed(s000);
    const { claims: _claims, ...older } = c.state;
    c.state = revivedState(older as ContractState);
    expect(c.state.claims).toEqual({});
    c.act('claim', { obligationId: 'qualification-decision', claimedBy: 'eng-1' });
    expect(c.obligations().find((o) => o.assignee)?.id).toBe('qualification-decision');
  });
});
