/** tco_events_published_total: once per event per topic, only after the broker acknowledged. */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Producer } from 'kafkajs';
import { createKafkaActivities } from '../../../activities/kafka/publisher';
import { buildEvent } from '../../../domain/events/catalogue';
import { createMetrics } from '../../../platform/observability/metrics';
import { CONTRACT_NO, SAMPLES } from '../../domain/events/samples';

const meta = { id: 'evt-7', time: '2024-07-08T02:00:00.000Z', contractNo: CONTRACT_NO };
const billingStarted = buildEvent(
  'telecom.contract.billing-started.v1',
  SAMPLES['telecom.contract.billing-started.v1'],
  meta,
);

function producer(fail: boolean): Producer {
  return {
    sendBatch: () => (fail ? Promise.reject(new Error('broker unreachable')) : Promise.resolve([])),
  } as unknown as Producer;
}

test('counted per topic the event went to, by type; a failed send is not counted', async () => {
  const metrics = createMetrics({ enabled: true, process: 'worker' });
  const env = new MockActivityEnvironment();
  const failing = createKafkaActivities({
    producer: producer(true),
    topicPrefix: 'p.',
    eventsPublished: metrics.eventsPublished,
  });
  await expect(env.run(failing.publishContractEvent, billingStarted)).rejects.toThrow(/Kafka publish failed/);
  expect(await metrics.render()).not.toMatch(/^tco_events_published_total\{/m);

  const working = createKafkaActivities({
    producer: producer(false),
    topicPrefix: 'p.',
    eventsPublished: metrics.eventsPublished,
  });
  await env.run(working.publishContractEvent, billingStarted);
  const text = await metrics.render();
  const type = 'type="telecom.contract.billing-started.v1"';
  expect(text).toContain(`tco_events_published_total{${type},topic="p.contract.lifecycle.v1"} 1`);
  expect(text).toContain(`tco_events_published_total{${type},topic="p.contract.billing.v1"} 1`);
  expect(text).not.toContain(CONTRACT_NO);
});

test('without the counter the activities publish as before', async () => {
  const env = new MockActivityEnvironment();
  await expect(
    env.run(createKafkaActivities({ producer: producer(false) }).publishContractEvent, billingStarted),
  ).resolves.toBeUndefined();
});
