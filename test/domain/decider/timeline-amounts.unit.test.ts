/** The status's timeline carries the money an event is about, so screens can show it in yuan. */
import { evolve } from '../../../domain/decider/evolve';
import type { PublishedEvent } from '../../../domain/decider/events';
import { initialState } from '../../../domain/decider/state';
import { ContractStatusSchema } from '../../../domain/lifecycle/status';

const published = (type: string, data: Record<string, unknown>, id: string) =>
  ({ type, data, published: { id, on: '2026-12-02' } }) as unknown as PublishedEvent;

test('a payment and an overdue bill keep their amounts in the timeline; other events none', () => {
  let state = initialState();
  state = evolve(
    state,
    published(
      'telecom.contract.payment-received.v1',
      { paymentId: 'P-1', amountFen: 35960000, paidDate: '2026-12-02' },
      'e1',
    ),
  );
  state = evolve(
    state,
    published(
      'telecom.contract.payment-overdue.v1',
      { invoiceId: 'I-2', amountDueFen: 9040000, dueDate: '2026-11-30', overdueDays: 2 },
      'e2',
    ),
  );
  state = evolve(state, published('telecom.contract.qualification-approved.v1', { approvedBy: 'x' }, 'e3'));
  expect(state.events).toEqual([
    { date: '2026-12-02', type: 'telecom.contract.payment-received.v1', id: 'e1', amountFen: 35960000 },
    { date: '2026-12-02', type: 'telecom.contract.payment-overdue.v1', id: 'e2', amountFen: 9040000 },
    { date: '2026-12-02', type: 'telecom.contract.qualification-approved.v1', id: 'e3' },
  ]);
  // An entry without an amount (from a worker deployed before the field) still parses.
  expect(ContractStatusSchema.shape.events.parse(state.events)).toEqual(state.events);
});
