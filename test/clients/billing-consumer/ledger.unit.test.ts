/** The reference billing consumer's ledger on its embedded store (PGlite in memory). */
import pino from 'pino';
import { handleBillingMessage } from '../../../clients/billing-consumer/consumer';
import { addMonths } from '../../../clients/billing-consumer/schedule';
import { openLedgerStore, type LedgerStore } from '../../../clients/billing-consumer/store';
import { buildEvent, type ContractEventData, type ContractEventType } from '../../../domain/events/catalogue';
import { SAMPLES } from '../../domain/events/samples';

let store: LedgerStore;
let seq = 0;
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  store = await openLedgerStore();
});
afterAll(async () => {
  await store?.close();
});

/** A sample event of `type` for `contractNo`, with a fresh event id unless one is given. */
function event<T extends ContractEventType>(
  type: T,
  contractNo: string,
  patch: Partial<ContractEventData<T>> = {},
  id?: string,
) {
  const data = { ...SAMPLES[type], ...patch, contractNo } as ContractEventData<T>;
  return buildEvent(type, data, { id: id ?? `evt-${(seq += 1)}`, time: '2024-07-08T02:00:00Z', contractNo });
}

test('billing start gives the 36-month schedule of contract 000: 78,620.00 over the term, 27,540.00 in year 1', async () => {
  const contractNo = 'L-000-SCHEDULE';
  expect(await store.record(event('telecom.contract.billing-started.v1', contractNo))).toBe('applied');

  const exported = (await store.exportContract(contractNo))!;
  expect(exported.totals.scheduledFen).toBe(7_862_000);
  const yearOne = exported.schedule.filter((c) => c.dueDate < '2025-07-08');
  expect(yearOne.reduce((a, c) => a + c.amountFen, 0)).toBe(2_754_000);
  expect(exported.schedule.filter((c) => c.product === 'agent-seat')).toHaveLength(36);
  expect(exported.schedule.at(-1)).toMatchObject({
    product: 'agent-seat',
    dueDate: '2027-06-08',
    periodEnd: '2027-07-07',
  });
  expect(exported.ledger).toEqual([
    expect.objectContaining({ kind: 'credit', amountFen: -6_000, entryDate: '2024-07-08' }),
  ]);
  expect(exported.status).toBe('active');
});

test('charges, credits and payments are booked with their sign and clause', async () => {
  const contractNo = 'L-000-LEDGER';
  await store.record(event('telecom.contract.billing-started.v1', contractNo, { firstMonthCreditFen: 0 }));
  await store.record(event('telecom.contract.charge-applied.v1', contractNo));
  await store.record(event('telecom.contract.credit-applied.v1', contractNo));
  await store.record(event('telecom.contract.payment-received.v1', contractNo));

  const exported = (await store.exportContract(contractNo))!;
  expect(exported.totals).toMatchObject({ chargesFen: 8_262, creditsFen: -6_000, paymentsFen: -2_754_000 });
  expect(exported.ledger.find((e) => e.kind === 'charge')).toMatchObject({
    clauseRef: '7.3',
    entryId: 'late-fee-INV-2025-01',
  });
  expect(exported.eventsProcessed).toBe(4);
});

test('a redelivered event (same id) is dropped: nothing is booked twice', async () => {
  const contractNo = 'L-000-DEDUP';
  const payment = event('telecom.contract.payment-received.v1', contractNo);
  expect(await store.record(payment)).toBe('applied');
  expect(await store.record(payment)).toBe('duplicate');
  expect(await store.record(structuredClone(payment))).toBe('duplicate');

  const exported = (await store.exportContract(contractNo))!;
  expect(exported.ledger).toHaveLength(1);
  expect(exported.eventsProcessed).toBe(1);
});

test('the same charge announced again under a new event id is still booked once', async () => {
  const contractNo = 'L-000-SAME-CHARGE';
  await store.record(event('telecom.contract.charge-applied.v1', contractNo));
  expect(await store.record(event('telecom.contract.charge-applied.v1', contractNo))).toBe('applied');
  expect((await store.exportContract(contractNo))!.ledger).toHaveLength(1);
});

test('an unsubscribe notice ends the schedule at the stop-billing date; termination sets the status', async () => {
  const contractNo = 'L-000-UNSUBSCRIBE';
  await store.record(event('telecom.contract.billing-started.v1', contractNo));
  await store.record(
    event('telecom.contract.unsubscribe-noticed.v1', contractNo, { stopBillingDate: '2025-06-01' }),
  );
  await store.record(event('telecom.contract.terminated.v1', contractNo, { stopBillingDate: '2025-06-01' }));

  const exported = (await store.exportContract(contractNo))!;
  expect(exported.status).toBe('terminated');
  expect(exported.schedule.every((c) => c.dueDate < '2025-06-01')).toBe(true);
  expect(exported.schedule.filter((c) => c.product === 'agent-seat')).toHaveLength(11);
});

test('suspension and resumption move the status', async () => {
  const contractNo = 'L-000-SUSPEND';
  await store.record(event('telecom.contract.billing-started.v1', contractNo));
  await store.record(event('telecom.contract.service-suspended.v1', contractNo));
  expect((await store.exportContract(contractNo))!.status).toBe('suspended');
  await store.record(event('telecom.contract.service-resumed.v1', contractNo));
  expect((await store.exportContract(contractNo))!.status).toBe('active');
});

test('prepaid usage is due at activation; usage billed on actuals is not scheduled (contracts 002, 004)', async () => {
  const contractNo = 'L-002-USAGE';
  const base = { itemId: 'x', unitPriceFen: 10 } as const;
  await store.record(
    event('telecom.contract.billing-started.v1', contractNo, {
      activationDate: '2025-03-01',
      agreementPeriod: { startDate: '2025-02-20', endDate: '2026-02-19' },
      billingCycle: 'prepaid',
      firstMonthCreditFen: 0,
      productOrderItem: [
        {
          ...base,
          itemId: 'notices',
          product: 'voice-notification',
          priceType: 'usage',
          quantity: 1_380_000,
          unitOfMeasure: 'notification',
        },
        {
          ...base,
          itemId: 'sms',
          product: 'industry-sms',
          priceType: 'usage',
          quantity: 0,
          unitOfMeasure: 'message',
          unitPriceFen: 3,
        },
      ],
    }),
  );
  const exported = (await store.exportContract(contractNo))!;
  expect(exported.schedule).toEqual([
    expect.objectContaining({ itemId: 'notices', dueDate: '2025-03-01', amountFen: 13_800_000 }),
  ]);
});

test('an unknown contract is not exported', async () => {
  expect(await store.exportContract('L-NEVER-SEEN')).toBeUndefined();
});

describe('handleBillingMessage', () => {
  test('books a valid event once, then reports the redelivery as a duplicate', async () => {
    const value = JSON.stringify(event('telecom.contract.closed.v1', 'L-MSG-1'));
    expect(await handleBillingMessage(store, value, silent)).toBe('applied');
    expect(await handleBillingMessage(store, value, silent)).toBe('duplicate');
  });

  test.each([
    ['not JSON', '{"id":'],
    ['no value', null],
    [
      'failing its schema',
      JSON.stringify({ ...event('telecom.contract.closed.v1', 'L-MSG-2'), data: { contractNo: 'L-MSG-2' } }),
    ],
    [
      'an unknown type',
      JSON.stringify({
        ...event('telecom.contract.closed.v1', 'L-MSG-3'),
        type: 'telecom.contract.closed.v2',
      }),
    ],
  ])('skips a message %s without booking anything', async (_what, value) => {
    expect(await handleBillingMessage(store, value, silent)).toBe('skipped');
  });
});

test('month arithmetic clamps to the end of the month', () => {
  expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  expect(addMonths('2024-01-31', 13)).toBe('2025-02-28');
  expect(addMonths('2024-07-08', 36)).toBe('2027-07-08');
});
