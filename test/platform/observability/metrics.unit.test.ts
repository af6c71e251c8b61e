/** The process registry: our instruments under their exact names, extra text appended, and the no-op variant. */
import { createMetrics, METRIC_NAMES } from '../../../platform/observability/metrics';

test('the enabled registry exposes the tco_ instruments and Node process metrics', async () => {
  const metrics = createMetrics({ enabled: true, process: 'api' });
  metrics.actions.inc({ action: 'approve', outcome: 'refused', reason: 'action-refused' });
  metrics.eventsPublished.inc({ type: 'telecom.contract.signed.v1', topic: 'contract.lifecycle.v1' }, 2);
  metrics.deadLetters.inc({ consumer: 'intake', reason: 'invalid-json' });
  metrics.consumerLag.set({ group: 'g', topic: 't', partition: '0' }, 7);
  metrics.httpRequestDuration.observe({ method: 'GET', route: '/v1/contracts', status: '200' }, 0.02);
  const text = await metrics.render();
  expect(Object.values(METRIC_NAMES)).toEqual([
    'tco_actions_total',
    'tco_events_published_total',
    'tco_dead_letters_total',
    'tco_consumer_lag',
    'tco_http_request_duration_seconds',
  ]);
  expect(text).toContain('tco_actions_total{action="approve",outcome="refused",reason="action-refused"} 1');
  expect(text).toContain(
    'tco_events_published_total{type="telecom.contract.signed.v1",topic="contract.lifecycle.v1"} 2',
  );
  expect(text).toContain('tco_dead_letters_total{consumer="intake",reason="invalid-json"} 1');
  expect(text).toContain('tco_consumer_lag{group="g",topic="t",partition="0"} 7');
  expect(text).toContain(
    'tco_http_request_duration_seconds_bucket{le="0.025",method="GET",route="/v1/contracts",status="200"} 1',
  );
  expect(text).toContain('process_cpu_seconds_total');
  expect(metrics.contentType).toContain('text/plain; version=0.0.4');
});

test('text sources are appended; one that fails or hangs is left out and reported, the rest still answers', async () => {
  const errors: string[] = [];
  const metrics = createMetrics({
    enabled: true,
    process: 'worker',
    scrapeTimeoutMs: 100,
    onSourceError: (name, err) => errors.push(`${name}: ${(err as Error).message}`),
  });
  metrics.addTextSource('core', () => Promise.resolve('temporal_sticky_cache_size 3'));
  metrics.addTextSource('broken', () => Promise.reject(new Error('connection refused')));
  metrics.addTextSource('hung', () => new Promise<string>(() => {}));
  let hooked = 0;
  metrics.addScrapeHook('lag', async () => {
    hooked += 1;
    metrics.consumerLag.set({ group: 'g', topic: 't', partition: '1' }, hooked);
  });
  const text = await metrics.render();
  expect(text).toContain('temporal_sticky_cache_size 3\n');
  expect(text).toContain('tco_consumer_lag{group="g",topic="t",partition="1"} 1');
  expect(text).toContain('tco_actions_total');
  expect(errors).toEqual(['broken: connection refused', 'hung: hung did not answer within 100 ms']);
});

test('disabled: every instrument is a no-op and nothing renders', async () => {
  const metrics = createMetrics({ enabled: false, process: 'worker' });
  metrics.actions.inc({ action: 'approve', outcome: 'accepted', reason: 'none' });
  metrics.consumerLag.set({ group: 'g', topic: 't', partition: '0' }, 1);
  metrics.consumerLag.remove({ group: 'g', topic: 't', partition: '0' });
  metrics.httpRequestDuration.observe({ method: 'GET', route: 'unmatched', status: '404' }, 1);
  let called = false;
  metrics.addTextSource('core', () => {
    called = true;
    return Promise.resolve('x 1');
  });
  expect(metrics.enabled).toBe(false);
  expect(await metrics.render()).toBe('');
  expect((await metrics.registry.metrics()).trim()).toBe('');
  expect(called).toBe(false);
});
