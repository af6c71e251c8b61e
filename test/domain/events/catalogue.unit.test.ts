import { z } from 'zod';
import {
  buildEvent,
  checkContractEvent,
  CONTRACT_EVENT_TYPES,
  CONTRACT_EVENTS,
  ContractEventSchemas,
  eventSchemaUri,
  routeEvent,
  type ContractEvent,
  type ContractEventType,
} from '../../../domain/events/catalogue';
import { registeredEvents } from '../../../domain/events/registry';
import { CONTRACT_NO, SAMPLES } from './samples';

const meta = { id: 'evt-1', time: '2024-07-08T02:00:00.000Z', contractNo: CONTRACT_NO };

function issuesOf(type: ContractEventType, data: unknown): Array<{ path: string; message: string }> {
  const parsed = ContractEventSchemas[type].safeParse(data);
  return parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('catalogue schemas', () => {
  test('cover the business events of the brief, each versioned telecom.contract.<name>.v<N>', () => {
    const names = [
      'onboarding-received',
      'qualification-requested',
      'qualification-approved',
      'qualification-rejected',
      'qualification-escalated',
      'documents-requested',
      'resource-reserved',
      'resource-committed',
      'resource-released',
      'resource-quarantined',
      'activation-overdue',
      'completion-notice-issued',
      'acceptance-signed',
      'acceptance-deemed',
      'acceptance-objected',
      'billing-started',
      'charge-applied',
      'credit-applied',
      'payment-received',
      'payment-overdue',
      'usage-settled',
      'service-suspended',
      'service-resumed',
      'violation-recorded',
      'violation-remediated',
      'complaint-recorded',
      'renewal-due',
      'renewed',
      'non-renewal-noticed',
      'unsubscribe-noticed',
      'termination-requested',
      'terminated',
      'closed',
      'service-request-completed',
    ];
    // Issue #15: these publish a reason code instead of the person's words (a new version, see docs/events.md).
    const v2 = ['documents-requested', 'qualification-rejected', 'acceptance-objected'];
    expect([...CONTRACT_EVENT_TYPES].sort()).toEqual(
      [...names.map((n) => `telecom.contract.${n}.v1`), ...v2.map((n) => `telecom.contract.${n}.v2`)].sort(),
    );
    for (const type of CONTRACT_EVENT_TYPES)
      expect(type).toMatch(/^telecom\.contract\.[a-z]+(-[a-z]+)*\.v[12]$/);
  });

  test.each(CONTRACT_EVENT_TYPES)('%s accepts its sample', (type) => {
    expect(issuesOf(type, SAMPLES[type])).toEqual([]);
  });

  test.each(CONTRACT_EVENT_TYPES)('%s requires contractNo', (type) => {
    const { contractNo: _omitted, ...rest } = SAMPLES[type];
    expect(issuesOf(type, rest)).toContainEqual(expect.objectContaining({ path: 'contractNo' }));
  });

  test.each(CONTRACT_EVENT_TYPES)(
    '%s refuses fields it does not know (personal data has no way in)',
    (type) => {
      const issues = issuesOf(type, { ...SAMPLES[type], contactPhone: '13812345678' });
      expect(issues).toEqual([expect.objectContaining({ message: expect.stringContaining('contactPhone') })]);
    },
  );

  const billing = SAMPLES['telecom.contract.billing-started.v1'];
  const [firstLine, ...otherLines] = billing.productOrderItem;
  const bad: Array<[string, ContractEventType, Record<string, unknown>, string, RegExp]> = [
    [
      'fractional fen',
      'telecom.contract.billing-started.v1',
      { productOrderItem: [{ ...firstLine, unitPriceFen: 570.5 }, ...otherLines] },
      'productOrderItem.0.unitPriceFen',
      /whole fen/,
    ],
    [
      'recurring line without period',
      'telecom.contract.billing-started.v1',
      {
        productOrderItem: [
          { itemId: 's', product: 'agent-seat', priceType: 'recurring', quantity: 1, unitPriceFen: 1 },
        ],
      },
      'productOrderItem.0.recurringChargePeriod',
      /./,
    ],
    [
      'term ending before it starts',
      'telecom.contract.billing-started.v1',
      { agreementPeriod: { startDate: '2024-07-08', endDate: '2024-07-07' } },
      'agreementPeriod.endDate',
      /must not end before it starts/,
    ],
    ['zero charge', 'telecom.contract.charge-applied.v1', { amountFen: 0 }, 'amountFen', /positive/],
    ['negative credit', 'telecom.contract.credit-applied.v1', { amountFen: -100 }, 'amountFen', /./],
    [
      'impossible date',
      'telecom.contract.payment-received.v1',
      { paidDate: '2024-02-30' },
      'paidDate',
      /YYYY-MM-DD/,
    ],
    [
      'penalty above its cap',
      'telecom.contract.activation-overdue.v1',
      { penaltyAccruedFen: 60_000 },
      'penaltyAccruedFen',
      /must not exceed penaltyCapFen/,
    ],
    [
      'mobile number in free text',
      'telecom.contract.acceptance-objected.v1',
      { reason: 'call Mr Li on 13812345678' },
      'reason',
      /personal data/,
    ],
    [
      'ID number in free text',
      'telecom.contract.qualification-rejected.v1',
      { reason: 'agent ID 11010519491231002X invalid' },
      'reason',
      /personal data/,
    ],
    ['unknown violation tier', 'telecom.contract.violation-recorded.v1', { tier: 'minor' }, 'tier', /./],
    [
      'lower-case contract number',
      'telecom.contract.closed.v1',
      { contractNo: 'xjjcf2400252egn00' },
      'contractNo',
      /upper-case/,
    ],
    [
      'more than 3 destinations',
      'telecom.contract.service-request-completed.v1',
      { destinationCount: 4 },
      'destinationCount',
      /./,
    ],
  ];
  test.each(bad)('rejects %s, naming the field', (_what, type, patch, path, message) => {
    const issues = issuesOf(type, { ...SAMPLES[type], ...patch });
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  test('service numbers (96110, a 400 number) are resources, not personal data', () => {
    const data = {
      ...SAMPLES['telecom.contract.service-request-completed.v1'],
      note: '4001234567 now routes like 96110',
    };
    expect(issuesOf('telecom.contract.service-request-completed.v1', data)).toEqual([]);
  });

  test('no schema has a field named like personal data', () => {
    const personal = /phone|mobile|contact|idNumber|idCard|bank|email|address|name$/i;
    const fields = (schema: unknown): string[] => {
      if (!schema || typeof schema !== 'object') return [];
      const node = schema as Record<string, unknown>;
      const own = node.properties ? Object.keys(node.properties) : [];
      return [...own, ...Object.values(node).flatMap(fields)];
    };
    const offending = registeredEvents()
      .filter((e) => e.direction === 'publish')
      .flatMap((e) =>
        fields(z.toJSONSchema(e.schema))
          .filter((f) => personal.test(f))
          .map((f) => `${e.type}.${f}`),
      );
    expect(offending).toEqual([]);
  });

  test.each(CONTRACT_EVENT_TYPES)('%s lists key fields that exist', (type) => {
    const properties = Object.keys(
      (z.toJSONSchema(CONTRACT_EVENTS[type].schema) as { properties: object }).properties,
    );
    expect(properties).toEqual(expect.arrayContaining([...CONTRACT_EVENTS[type].keyFields]));
  });
});

describe('buildEvent', () => {
  test('wraps the data in a CloudEvent keyed by the contract', () => {
    const event = buildEvent(
      'telecom.contract.credit-applied.v1',
      SAMPLES['telecom.contract.credit-applied.v1'],
      meta,
    );
    expect(event).toEqual({
      specversion: '1.0',
      id: 'evt-1',
      source: 'urn:telecom-contract-orchestrator',
      type: 'telecom.contract.credit-applied.v1',
      subject: CONTRACT_NO,
      time: '2024-07-08T02:00:00.000Z',
      datacontenttype: 'application/json',
      dataschema:
        'urn:telecom-contract-orchestrator:docs/events/telecom.contract.credit-applied.v1.schema.json',
      data: SAMPLES['telecom.contract.credit-applied.v1'],
    });
    expect(checkContractEvent(event)).toEqual({ ok: true, event });
  });

  test('is deterministic: the same inputs give the same event whatever the clock says', () => {
    jest.useFakeTimers();
    try {
      jest.setSystemTime(new Date('2024-01-01T00:00:00Z'));
      const first = JSON.stringify(
        buildEvent(
          'telecom.contract.billing-started.v1',
          SAMPLES['telecom.contract.billing-started.v1'],
          meta,
        ),
      );
      jest.setSystemTime(new Date('2031-12-31T23:59:59Z'));
      const second = JSON.stringify(
        buildEvent(
          'telecom.contract.billing-started.v1',
          SAMPLES['telecom.contract.billing-started.v1'],
          meta,
        ),
      );
      expect(second).toBe(first);
    } finally {
      jest.useRealTimers();
    }
  });

  test('the union narrows data by type', () => {
    const event: ContractEvent = buildEvent(
      'telecom.contract.charge-applied.v1',
      SAMPLES['telecom.contract.charge-applied.v1'],
      meta,
    );
    const owed = event.type === 'telecom.contract.charge-applied.v1' ? event.data.amountFen : 0;
    expect(owed).toBe(8_262);
  });
});

describe('checkContractEvent', () => {
  const good = buildEvent(
    'telecom.contract.payment-received.v1',
    SAMPLES['telecom.contract.payment-received.v1'],
    meta,
  );
  const problems = (event: unknown) => {
    const result = checkContractEvent(event);
    return result.ok ? [] : result.problems;
  };

  test('names the data field with its path from the event root', () => {
    expect(problems({ ...good, data: { ...good.data, amountFen: 1.5 } })).toEqual([
      { path: 'data.amountFen', message: 'must be whole fen' },
    ]);
  });
  test('the subject must be the contract of the data', () => {
    expect(problems({ ...good, subject: 'OTHER-CONTRACT' })).toEqual([
      { path: 'subject', message: expect.stringContaining(CONTRACT_NO) },
    ]);
  });
  test("dataschema must point at the type's schema", () => {
    expect(problems({ ...good, dataschema: eventSchemaUri('telecom.contract.closed.v1') })).toEqual([
      expect.objectContaining({ path: 'dataschema' }),
    ]);
  });
  test('an unknown contract type is refused', () => {
    expect(problems({ ...good, type: 'telecom.contract.payment-recieved.v1' })).toEqual([
      expect.objectContaining({ path: 'type' }),
    ]);
  });
  test('a broken envelope names the attribute', () => {
    expect(problems({ ...good, time: 'yesterday' })).toEqual([expect.objectContaining({ path: 'time' })]);
  });
});

describe('routeEvent', () => {
  test('every event goes to lifecycle', () => {
    for (const type of CONTRACT_EVENT_TYPES) expect(routeEvent(type)[0]).toBe('lifecycle');
  });

  test('exactly the events that change what is owed or when charges run also go to billing', () => {
    const billing = CONTRACT_EVENT_TYPES.filter((t) => routeEvent(t).includes('billing')).sort();
    expect(billing).toEqual(
      [
        'activation-overdue',
        'billing-started',
        'charge-applied',
        'closed',
        'credit-applied',
        'non-renewal-noticed',
        'payment-overdue',
        'payment-received',
        'renewed',
        'service-request-completed',
        'service-resumed',
        'service-suspended',
        'terminated',
        'unsubscribe-noticed',
        'usage-settled',
      ]
        .map((n) => `telecom.contract.${n}.v1`)
        .sort(),
    );
  });
});
