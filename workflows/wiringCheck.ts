/**
 * The smallest end-to-end path: a workflow whose activity publishes one event to Kafka. Used by the
 * integration smoke test and by `npm run demo` to prove the worker, Temporal and Kafka are wired.
 */
import { proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { createKafkaActivities } from '../activities/kafka/publisher';
import { EVENT_SOURCE } from '../domain/events/envelope';

const { publishEvent } = proxyActivities<ReturnType<typeof createKafkaActivities>>({
  startToCloseTimeout: '30 seconds',
  // A broker outage must make the workflow wait, not fail: retry forever with capped backoff.
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: ['InvalidEvent'],
  },
});

export interface WiringCheckInput {
  checkId: string;
}

export async function wiringCheck({ checkId }: WiringCheckInput): Promise<{ eventId: string }> {
  const eventId = uuid4();
  await publishEvent({
    topic: 'system',
    event: {
      specversion: '1.0',
      id: eventId,
      source: EVENT_SOURCE,
      type: 'telecom.system.wiring-checked.v1',
      subject: checkId,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      data: { checkId, workflowId: workflowInfo().workflowId },
    },
  });
  return { eventId };
}
