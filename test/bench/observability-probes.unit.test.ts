// The observability section's probes: OTLP span counting (hand-encoded and from the real exporters),
// the OTLP/HTTP receiver, and the /metrics scraper.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import {
  countSeries,
  httpStatus,
  spansIn,
  startOtlpReceiver,
  startScraper,
} from '../../bench/observability-probes';

/** A protobuf varint (lengths here may pass 127). */
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >>> 7)]);
/** A hand-encoded length-delimited protobuf field: tag, length, bytes. */
const field = (no: number, bytes: Buffer) =>
  Buffer.concat([Buffer.from([(no << 3) | 2, ...varint(bytes.length)]), bytes]);
const span = (name: string) =>
  Buffer.concat([field(1, Buffer.alloc(16, 1)), Buffer.from([0x40, 0x02]), field(5, Buffer.from(name))]);

test('spans are counted in OTLP protobuf and JSON requests, by name up to the first colon', () => {
  const scope = Buffer.concat([field(1, Buffer.from([])), field(2, span('RunWorkflow:contractLifecycle'))]);
  const scope2 = Buffer.concat([
    field(2, span('RunActivity:publishContractEvent')),
    field(2, span('RunActivity:reserve')),
  ]);
  const resource = Buffer.concat([field(1, Buffer.from([0x0a, 0x00])), field(2, scope), field(2, scope2)]);
  const request = Buffer.concat([field(1, resource), field(1, field(2, Buffer.from([])))]);
  expect(spansIn(request, 'application/x-protobuf')).toEqual({
    spans: 3,
    kinds: ['RunWorkflow', 'RunActivity', 'RunActivity'],
  });
  const json = {
    resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'StartActivity:x' }, { name: '' }] }, {}] }, {}],
  };
  expect(spansIn(Buffer.from(JSON.stringify(json)), 'application/json')).toEqual({
    spans: 2,
    kinds: ['StartActivity', '(unnamed)'],
  });
  expect(() => spansIn(Buffer.from([0x0a, 0x05, 0x01]), 'application/x-protobuf')).toThrow('runs past');
});

test('the OTLP receiver answers 200 to /v1/traces and counts requests, bytes and spans (gzip too)', async () => {
  const receiver = await startOtlpReceiver();
  try {
    const body = Buffer.from(
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ name: 'a' }] }] }] }),
    );
    const post = (data: Buffer, headers: Record<string, string>, path = '/v1/traces') =>
      fetch(`${receiver.endpoint}${path}`, { method: 'POST', body: data, headers });
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(200);
    const zipped = gzipSync(body);
    const res = await post(zipped, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect((await post(body, { 'content-type': 'application/json' }, '/v1/metrics')).status).toBe(404);
    expect((await post(Buffer.from('{'), { 'content-type': 'application/json' })).status).toBe(400);
    expect(receiver.figures()).toEqual({
      requests: 3,
      bytes: body.length + zipped.length + 1,
      spans: 2,
      spanKinds: { a: 2 },
      unreadable: 1,
    });
    receiver.reset();
    expect(receiver.figures().requests).toBe(0);
  } finally {
    await receiver.close();
  }
});

test('the Prometheus text is counted by sample lines, ours and the SDK runtime apart', () => {
  const text = [
    '# HELP tco_contracts running contracts',
    '# TYPE tco_contracts gauge',
    'tco_contracts{stage="active",product="400"} 3',
    'temporal_sticky_cache_size 4',
    'process_cpu_seconds_total 1.5',
    '',
  ].join('\n');
  expect(countSeries(text)).toEqual({ series: 3, tcoSeries: 1, temporalSeries: 1 });
});

test('the scraper reads /metrics on its cadence, one at a time, and counts failures apart', async () => {
  let calls = 0;
  const server = createServer((_req, res) => {
    calls += 1;
    if (calls === 2) res.writeHead(500).end('boom');
    else res.writeHead(200, { 'content-type': 'text/plain' }).end('tco_x 1\ntemporal_y 2\n# c\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const scraper = startScraper(`http://127.0.0.1:${port}/metrics`, 20);
    while (calls < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    const figures = await scraper.stop();
    expect(figures).toMatchObject({ failed: 1, firstFailure: 'HTTP 500', series: 2, tcoSeries: 1 });
    expect(figures.ok).toBeGreaterThanOrEqual(3);
    expect(figures.bytes).toBe(figures.ok * 'tco_x 1\ntemporal_y 2\n# c\n'.length);
    expect(await httpStatus(`http://127.0.0.1:${port}/`)).toBe(200);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  // Nobody listens any more: every scrape fails, none counts as answered.
  const gone = startScraper(`http://127.0.0.1:${port}/metrics`, 20);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await gone.stop()).ok).toBe(0);
});

test.each([
  ['http/protobuf', ProtoExporter],
  ['http/json', JsonExporter],
])('the receiver counts what the real OTLP %s exporter sends', async (_protocol, OTLPTraceExporter) => {
  const receiver = await startOtlpReceiver();
  const exporter = new OTLPTraceExporter({ url: `${receiver.endpoint}/v1/traces` });
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  try {
    const tracer = provider.getTracer('bench-test');
    for (const name of [
      'RunWorkflow:contractLifecycle',
      'RunActivity:publishContractEvent',
      'RunActivity:reserve',
    ])
      tracer.startSpan(name).end();
    await provider.forceFlush();
    expect(receiver.figures()).toMatchObject({
      requests: 1,
      spans: 3,
      spanKinds: { RunWorkflow: 1, RunActivity: 2 },
      unreadable: 0,
    });
  } finally {
    await provider.shutdown();
    await receiver.close();
  }
});
