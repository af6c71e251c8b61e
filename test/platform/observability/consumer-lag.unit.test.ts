/** Consumer lag from committed offsets and high watermarks, including idle and never-committed partitions. */
import { computeLag, recordLag } from '../../../platform/observability/kafka-ops';
import { createMetrics } from '../../../platform/observability/metrics';

test('lag is the high watermark minus the committed offset, per partition', () => {
  const marks = [
    { partition: 0, low: '0', high: '120' },
    { partition: 1, low: '0', high: '50' },
    { partition: 2, low: '40', high: '45' },
    { partition: 3, low: '0', high: '10' },
  ];
  const committed = [
    { partition: 0, offset: '100' }, // behind by 20
    { partition: 1, offset: '50' }, // idle, caught up: 0 (not the last batch's value)
    { partition: 2, offset: '-1' }, // never committed: everything retained is still to read
    { partition: 3, offset: '12' }, // past the watermark (topic truncated): 0, never negative
  ];
  expect(computeLag('t', marks, committed)).toEqual([
    { topic: 't', partition: 0, lag: 20 },
    { topic: 't', partition: 1, lag: 0 },
    { topic: 't', partition: 2, lag: 5 },
    { topic: 't', partition: 3, lag: 0 },
  ]);
  // A partition missing from the group's offsets counts as never committed.
  expect(computeLag('t', [{ partition: 0, low: '3', high: '9' }], [])).toEqual([
    { topic: 't', partition: 0, lag: 6 },
  ]);
});

test('each reading replaces the group series; partitions no longer reported disappear', async () => {
  const metrics = createMetrics({ enabled: true, process: 'intake' });
  let seen = recordLag(
    metrics.consumerLag,
    'g',
    [
      { topic: 't', partition: 0, lag: 3 },
      { topic: 't', partition: 1, lag: 4 },
    ],
    new Set(),
  );
  seen = recordLag(metrics.consumerLag, 'g', [{ topic: 't', partition: 0, lag: 1 }], seen);
  const text = await metrics.render();
  expect(text).toContain('tco_consumer_lag{group="g",topic="t",partition="0"} 1');
  expect(text).not.toContain('partition="1"');
  expect([...seen]).toHaveLength(1);
});
