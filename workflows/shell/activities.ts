/**
 * Activity stubs for the lifecycle, one group per external system, with the retry policy and the
 * business errors that must not be retried next to each group.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createInventoryActivities } from '../../activities/inventory';
import type { createKafkaActivities } from '../../activities/kafka/publisher';
import type { createNetworkActivities } from '../../activities/network';

/** Kafka: an outage makes the workflow wait (unbounded retries, capped backoff), never skip an event. */
export const events = proxyActivities<ReturnType<typeof createKafkaActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['InvalidEvent'],
  },
});

/** Inventory: a lost database connection retries; an exhausted pool or a taken number is a business answer. */
export const inventory = proxyActivities<ReturnType<typeof createInventoryActivities>>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: [
      'PoolExhausted',
      'ResourceUnavailable',
      'InvalidResourceFormat',
      'InvalidRequest',
    ],
  },
});

/**
 * Network systems: retried for a while, then provisioning compensates and reports the failure. Steps
 * heartbeat every 5 s while they run, so a crashed worker is noticed in 20 s, not after 2 minutes.
 */
export const network = proxyActivities<ReturnType<typeof createNetworkActivities>>({
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 10,
  },
});
