/**
 * Issue #15: an action the decider accepts can always be published (action and event fields share one
 * definition), free-text reasons never reach an event (a reason code does), and notice dates are
 * checked against the contract. Every published event is checked against its catalogue schema.
 */
import {
  CONTRACT_EVENT_TYPES,
  checkContractEvent,
  type ContractEventType,
} from '../../../domain/events/catalogue';
import { buildEvent } from '../../../domain/events/build-event';
import { parseAction } from '../../../domain/lifecycle/actions';
import { seedContract } from '../../../domain/seed-contracts';
import { Contract, type Published } from './support';

const s000 = seedContract('XJJCF2400252EGN00');

/** The decider publishes the newest version of each event; tests read short names. */
const newest = (short: string): ContractEventType =>
  CONTRACT_EVENT_TYPES.filter((t) => t.replace(/^telecom\.contract\./, '').replace(/\.v\d+$/, '') === short)
    .sort()
    .at(-1)!;

/** Every event published so far passes its schema, as the publish activity would check it. */
function expectPublishable(c: Contract, events: Published[] = c.published): void {
  for (const [n, e] of events.entries()) {
    // The shell adds contractNo to every event's data.
    const data = { contractNo: c.spec.contractNo, ...e.data };
    const event = buildEvent(newest(e.type), data as never, {
      id: `evt-${n}`,
      time: '2024-04-01T02:00:00.000Z',
      contractNo: c.spec.contractNo,
    });
    const check = checkContractEvent(event);
    expect(check.ok ? [] : check.problems).toEqual([]);
  }
}

const MOBILE_REASON = 'licence copy unreadable, call Mr Li on 150 0908 3897 or 13812345678';

describe('qualification (000 3.1): the reviewer’s words stay in the history, the event carries a reason code', () => {
  test('given a document type that is not kebab-case, when submitted, then it is refused at documentType with the event’s rule', () => {
    const c = Contract.signed(s000);
    const refusal = c.refused('submit-document', {
      documentType: 'Business Licence',
      documentRef: 'DMS-1',
      submittedBy: 'li',
    });
    expect(refusal).toMatchObject({ kind: 'invalid-input' });
    expect(refusal.message).toMatch(/documentType: must be a kebab-case code/);
    expect(() =>
      parseAction('request-documents', { documentTypes: ['ICP_LICENCE'], reason: 'x', requestedBy: 'li' }),
    ).toThrow(/documentTypes\.0: must be a kebab-case code/);
  });

  test('given a reason with a mobile number (also written with spaces), when documents are requested, then the event carries reasonCode and no digits of it', () => {
    const c = Contract.signed(s000);
    const events = c.act('request-documents', {
      documentTypes: ['icp-licence'],
      reason: MOBILE_REASON,
      reasonCode: 'illegible',
      requestedBy: 'li',
    });
    expect(events).toEqual([
      { type: 'documents-requested', data: expect.objectContaining({ reasonCode: 'illegible' }) as unknown },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/0908|13812345678|Mr Li/);
    expect(c.last('documents-requested').data).not.toHaveProperty('reason');
    expectPublishable(c);
  });

  test.each([501, 1200, 2000])(
    'given a rejection reason of %i characters (the action allows 2,000), when rejected, then the contract closes with publishable events and reasonCode other',
    (length) => {
      const c = Contract.signed(s000);
      const events = c.act('reject', { rejectedBy: 'li', reason: 'r'.repeat(length) });
      expect(events.map((e) => e.type)).toEqual(['qualification-rejected', 'closed']);
      expect(events[0]!.data).toEqual({
        rejectedDate: '2024-04-01',
        reasonCode: 'other',
      });
      expectPublishable(c);
    },
  );

  test('given a rejection reason of 2,001 characters, then it is refused at reason before anything is recorded', () => {
    const c = Contract.signed(s000);
    const before = c.published.length;
    expect(c.refused('reject', { rejectedBy: 'li', reason: 'r'.repeat(2001) }).message).toMatch(
      /reason: must be at most 2000 characters/,
    );
    expect(c.published).toHaveLength(before);
  });

  test('given an actor name with ESC or a bidi override, then the action is refused at the field', () => {
    const c = Contract.signed(s000);
    expect(c.refused('approve', { approvedBy: 'li\u001b[2J' }).message).toMatch(
      /approvedBy: must not contain control characters \(U\+001B/,
    );
    expect(c.refused('approve', { approvedBy: 'li\u202e' }).message).toMatch(
      /approvedBy: must not contain bidirectional formatting characters/,
    );
  });
});

describe('acceptance (000 3.4): a written objection publishes its code, not its words', () => {
  test('given an objection naming a phone number "150 0908 3897", then acceptance-objected.v2 carries reasonCode only', () => {
    const c = Contract.signed(s000);
    c.approve();
    c.after(1);
    c.complete();
    const events = c.act('object', {
      reason: MOBILE_REASON,
      reasonCode: 'wrong-configuration',
      raisedBy: 'zhang',
    });
    expect(events).toEqual([
      {
        type: 'acceptance-objected',
        data: { objectedDate: c.today, reasonCode: 'wrong-configuration' },
      },
    ]);
    expectPublishable(c);
  });

  test('given an unknown reason code, then the objection is refused listing the codes', () => {
    expect(() => parseAction('object', { reason: 'x', reasonCode: 'angry', raisedBy: 'zhang' })).toThrow(
      /reasonCode: must be one of: "service-not-working"/,
    );
  });
});

describe('notice dates (000 3.6 unsubscribe, 000 10.2 non-renewal): within plausible years and after signing', () => {
  const active = () => {
    const c = Contract.signed(s000).activate(1);
    c.on('2025-01-10');
    return c;
  };

  test('given an unsubscribe notice dated 0250 naming a stop date in 0077, then it is refused at both fields and the contract stays active', () => {
    const c = active();
    const refusal = c.refused('unsubscribe', {
      noticeDate: '0250-01-10',
      requestedStopDate: '0077-01-01',
      givenBy: 'zhang',
    });
    expect(refusal.kind).toBe('invalid-input');
    expect(refusal.message).toMatch(/noticeDate: must be within 2000-01-01\.\.2099-12-31/);
    expect(refusal.message).toMatch(/requestedStopDate: must be within 2000-01-01\.\.2099-12-31/);
    expect(c.state.stage).toBe('active');
  });

  test('given an unsubscribe notice dated before signing (2020-01-01), then the decider refuses it naming the signing date', () => {
    expect(
      active().refused('unsubscribe', {
        noticeDate: '2020-01-01',
        requestedStopDate: '2025-06-01',
        givenBy: 'zhang',
      }).message,
    ).toBe(
      'unsubscribe is refused: noticeDate 2020-01-01 must not be before the contract was signed (2024-04-01)',
    );
  });

  test('given a stop date before its notice, then the decider refuses it at requestedStopDate', () => {
    expect(
      active().refused('unsubscribe', {
        noticeDate: '2025-01-10',
        requestedStopDate: '2024-12-01',
        givenBy: 'zhang',
      }).message,
    ).toBe(
      'unsubscribe is refused: requestedStopDate 2024-12-01 must not be before the noticeDate 2025-01-10',
    );
  });

  test.each(['0106-01-01', '0276-12-31'])(
    'given a non-renewal notice dated %s, then it is refused at noticeDate and nothing is published',
    (noticeDate) => {
      const c = active();
      const before = c.published.length;
      const refusal = c.refused('non-renewal-notice', { party: 'customer', noticeDate, givenBy: 'zhang' });
      expect(refusal.message).toMatch(/noticeDate: must be within 2000-01-01\.\.2099-12-31/);
      expect(c.published).toHaveLength(before);
    },
  );

  test('given a non-renewal notice dated before signing, then the decider refuses it naming the signing date', () => {
    expect(
      active().refused('non-renewal-notice', {
        party: 'customer',
        noticeDate: '2023-12-31',
        givenBy: 'zhang',
      }).message,
    ).toBe(
      'non-renewal-notice is refused: noticeDate 2023-12-31 must not be before the contract was signed (2024-04-01)',
    );
  });
});
