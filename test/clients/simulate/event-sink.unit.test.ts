/** The simulation's Kafka stand-in behind the real publisher, and the default simulated horizon. */
import { EventSink } from '../../../clients/simulate/event-sink';
import { defaultYears } from '../../../clients/simulate/timeline';
import { createKafkaActivities } from '../../../activities/kafka/publisher';
import { addDays, addMonths, isoDate } from '../../../domain/calendar';
import { firstTerm, renewalOutlook } from '../../../domain/clauses/term';
import { buildEvent } from '../../../domain/events/catalogue';
import { seedContract, type SeedContractNo } from '../../../domain/seed-contracts';

const contractNo = 'XJJCF2400252EGN00';
const payment = (id: string) =>
  buildEvent(
    'telecom.contract.payment-received.v1',
    { contractNo, paymentId: 'P-1', amountFen: 2_754_000, paidDate: isoDate('2024-04-16') },
    { id, time: '2024-04-17T02:00:00.000Z', contractNo },
  );

test('the real publisher writes into the sink: lifecycle events once each, in order, a redelivery dropped', async () => {
  const sink = new EventSink();
  const { publishContractEvent } = createKafkaActivities({ producer: sink.producer() });
  await publishContractEvent(payment('e-1')); // routed to lifecycle and billing: recorded once
  await publishContractEvent(payment('e-2'));
  await publishContractEvent(payment('e-1')); // a retried publish
  expect(sink.events.map((e) => e.id)).toEqual(['e-1', 'e-2']);
  expect(sink.events[0]!.data).toMatchObject({ amountFen: 2_754_000 });
});

test('an event that breaks its schema is refused by the publisher and never reaches the timeline', async () => {
  const sink = new EventSink();
  const { publishContractEvent } = createKafkaActivities({ producer: sink.producer() });
  const bad = { ...payment('e-3'), data: { ...payment('e-3').data, amountFen: -1 } };
  await expect(publishContractEvent(bad)).rejects.toThrow(/data\.amountFen/);
  expect(sink.events).toEqual([]);
});

test.each<SeedContractNo>([
  'XJJCF2400252EGN00',
  'JSCZE2208138CGN00',
  'SNSGS2500554EGN00',
  'SEED003-400-UNNUMBERED',
  'HASGS2300729CGN00',
])(
  'default years for %s cover the first term and the renewed term after it (renewal clause), and no more than a year beyond',
  (no) => {
    const spec = seedContract(no);
    const horizon = addMonths(spec.signedDate, 12 * defaultYears(spec));
    // Activation is not known before the run: the estimate allows 90 days for it.
    const first = firstTerm(spec, { activationDate: addDays(spec.signedDate, 90) });
    const outlook = renewalOutlook(spec, first);
    const last = outlook.kind === 'auto' ? outlook.next.end : first.end;
    expect(horizon > addDays(last, 1)).toBe(true);
    expect(addMonths(horizon, -12) <= addMonths(last, 3)).toBe(true);
  },
);
