/**
 * Real broker: events published by the publisher activity reach the lifecycle topic in order, the
 * billing-relevant ones also the billing topic, and the reference billing consumer drops the
 * duplicates a re-run publish (same event id) produces.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Producer } from 'kafkajs';
import { createBillingConsumer, type BillingConsumer } from '../../../clients/billing-consumer/consumer';
import { openLedgerStore, type LedgerStore } from '../../../clients/billing-consumer/store';
import { createEventProducer } from '../../../activities/kafka/producer';
import { createKafkaActivities } from '../../../activities/kafka/publisher';
import {
  buildEvent,
  routeEvent,
  type ContractEvent,
  type ContractEventType,
} from '../../../domain/events/catalogue';
import { SAMPLES } from '../../domain/events/samples';
import { waitFor } from '../../support/wait';
import {
  collect,
  config,
  idsOf,
  kafka,
  logger,
  releaseTemporalRuntime,
  typesOf,
  uniqueContractNo,
  uniqueGroup,
} from './support';

jest.setTimeout(120_000); // hooks too: consumers join their groups in beforeAll

const contractNo = uniqueContractNo('DELIVERY');
const SEQUENCE: ContractEventType[] = [
  'telecom.contract.onboarding-received.v1',
  'telecom.contract.qualification-approved.v1',
  'telecom.contract.resource-reserved.v1',
  'telecom.contract.completion-notice-issued.v1',
  'telecom.contract.acceptance-deemed.v1',
  'telecom.contract.billing-started.v1',
  'telecom.contract.charge-applied.v1',
  'telecom.contract.payment-received.v1',
  'telecom.contract.service-suspended.v1',
  'telecom.contract.resource-quarantined.v1',
  'telecom.contract.terminated.v1',
];
const events: ContractEvent[] = SEQUENCE.map(
  (type, i) =>
    buildEvent(
      type,
      { ...SAMPLES[type], contractNo },
      {
        id: `${contractNo}-${i}`,
        time: `2024-07-08T02:00:${String(i).padStart(2, '0')}Z`,
        contractNo,
      },
    ) as ContractEvent,
);
const billingTypes = SEQUENCE.filter((t) => routeEvent(t).includes('billing'));

let producer: Producer;
let store: LedgerStore;
let billing: BillingConsumer;
let lifecycleTopic: Awaited<ReturnType<typeof collect>>;
let billingTopic: Awaited<ReturnType<typeof collect>>;
const env = new MockActivityEnvironment();

beforeAll(async () => {
  producer = createEventProducer(kafka);
  await producer.connect();
  store = await openLedgerStore();
  const groupId = uniqueGroup('billing-reference');
  billing = createBillingConsumer({
    kafka,
    store,
    logger,
    groupId,
    topicPrefix: config.kafka.topicPrefix,
    fromBeginning: false,
  });
  await billing.start();
  [lifecycleTopic, billingTopic] = await Promise.all([
    collect('lifecycle', (key) => key === contractNo),
    collect('billing', (key) => key === contractNo),
    billing.ready(),
  ]);
});

afterAll(async () => {
  await Promise.allSettled([billing?.stop(), lifecycleTopic?.stop(), billingTopic?.stop()]);
  await producer?.disconnect();
  await store?.close();
  await releaseTemporalRuntime();
});

test('a contract sequence arrives in order on lifecycle; the billing-relevant ones on billing', async () => {
  const { publishContractEvent } = createKafkaActivities({ producer, topicPrefix: config.kafka.topicPrefix });
  for (const event of events) await env.run(publishContractEvent, event);

  await waitFor('the whole sequence on the lifecycle topic', () =>
    lifecycleTopic.messages.length >= SEQUENCE.length ? true : undefined,
  );
  expect(typesOf(lifecycleTopic.messages)).toEqual(SEQUENCE);
  expect(idsOf(lifecycleTopic.messages)).toEqual(events.map((e) => e.id));
  expect(new Set(lifecycleTopic.messages.map((m) => m.partition)).size).toBe(1); // keyed by contract
  expect(lifecycleTopic.messages[0]!.headers).toMatchObject({
    ce_type: SEQUENCE[0],
    'content-type': 'application/cloudevents+json',
  });

  await waitFor('the billing subset on the billing topic', () =>
    billingTopic.messages.length >= billingTypes.length ? true : undefined,
  );
  expect(typesOf(billingTopic.messages)).toEqual(billingTypes);

  const ledger = await waitFor('the reference consumer to book the billing events', async () => {
    const exported = await store.exportContract(contractNo);
    return exported && exported.eventsProcessed === billingTypes.length ? exported : undefined;
  });
  expect(ledger.status).toBe('terminated');
  expect(ledger.totals).toMatchObject({ chargesFen: 8_262, paymentsFen: -2_754_000, creditsFen: -6_000 });
});

test('re-running a publish (same event ids) lands duplicates that the reference consumer drops', async () => {
  const { publishEvent } = createKafkaActivities({ producer, topicPrefix: config.kafka.topicPrefix });
  const before = (await store.exportContract(contractNo))!;
  const duplicatesBefore = billing.stats.duplicate;
  const replayed = events.filter(
    (e) =>
      e.type === 'telecom.contract.charge-applied.v1' || e.type === 'telecom.contract.payment-received.v1',
  );

  for (const event of replayed) await env.run(publishEvent, { event });

  await waitFor('the replayed events on the billing topic', () =>
    billingTopic.messages.length >= billingTypes.length + replayed.length ? true : undefined,
  );
  await waitFor('the reference consumer to see both duplicates', () =>
    billing.stats.duplicate >= duplicatesBefore + replayed.length ? true : undefined,
  );
  const after = (await store.exportContract(contractNo))!;
  expect(after.eventsProcessed).toBe(before.eventsProcessed);
  expect(after.ledger).toEqual(before.ledger);
  expect(after.totals).toEqual(before.totals);
});
