/**
 * Tracing is off unless the standard OTEL_* variables ask for it (shared rule of issue 18), and when it
 * is on every span carries the process's service name and ends in the configured exporter.
 */
import { context, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import {
  activeTracing,
  otlpProtocol,
  serviceName,
  startTracing,
  tracingEnabled,
} from '../../../platform/observability/tracing';
import { tracingClientInterceptors, workerTracing } from '../../../platform/observability/temporal-tracing';

describe('the enable rule', () => {
  test.each([
    [{}, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp' }, true],
    [{ OTEL_TRACES_EXPORTER: 'console, otlp' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, true],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }, true],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' }, false],
    [{ OTEL_SERVICE_NAME: 'worker-east' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'true' }, false],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'TRUE' }, false],
    [{ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SDK_DISABLED: 'false' }, true],
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, false],
    [{ OTEL_TRACES_EXPORTER: 'console' }, false],
  ])('%j → %s', (env, on) => {
    expect(tracingEnabled(env)).toBe(on);
  });

  test('protocol: http/protobuf by default, http/json on request, gRPC refused by name', () => {
    expect(otlpProtocol({})).toBe('http/protobuf');
    expect(otlpProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBe('http/json');
    expect(
      otlpProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' }),
    ).toBe('http/json');
    expect(() => otlpProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(
      /OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" is not supported/,
    );
  });

  test('service name: OTEL_SERVICE_NAME, else the process name', () => {
    expect(serviceName('worker', {})).toBe('worker');
    expect(serviceName('worker', { OTEL_SERVICE_NAME: 'contracts-worker' })).toBe('contracts-worker');
  });
});

describe('startTracing', () => {
  test('off: no provider, no interceptors, the no-op tracer', async () => {
    const tracing = startTracing('worker', { env: {} });
    expect(tracing.enabled).toBe(false);
    expect(tracing.provider).toBeUndefined();
    expect(activeTracing()).toBeUndefined();
    expect(tracingClientInterceptors()).toEqual([]);
    expect(workerTracing()).toBeUndefined();
    const span = tracing.tracer.startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    span.end();
    await tracing.shutdown();
  });

  test('on: spans carry the service name, end in the exporter, and the context propagates', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing('api', { exporter, env: { OTEL_SERVICE_NAME: 'api-test' } });
    try {
      expect(tracing.enabled).toBe(true);
      expect(activeTracing()).toBe(tracing);
      expect(tracingClientInterceptors()).toHaveLength(1);
      expect(workerTracing()?.interceptors.activity).toHaveLength(1);
      expect(() => startTracing('api', { exporter })).toThrow(/already started/);
      tracing.tracer.startActiveSpan('parent', { kind: SpanKind.SERVER }, (parent) => {
        // The global API sees the same provider and context manager (the Temporal interceptors use it).
        trace.getTracer('other').startSpan('child', {}, context.active()).end();
        parent.end();
      });
      const spans = exporter.getFinishedSpans();
      expect(spans.map((s) => s.name)).toEqual(['child', 'parent']);
      expect(spans[0]!.parentSpanId).toBe(spans[1]!.spanContext().spanId);
      expect(spans[1]!.resource.attributes['service.name']).toBe('api-test');
    } finally {
      await tracing.shutdown();
    }
    expect(activeTracing()).toBeUndefined();
    // Uninstalled: the global API is back to no-op, and another start is allowed.
    expect(trace.getTracer('x').startSpan('after').isRecording()).toBe(false);
    const again = startTracing('api', { exporter: new InMemorySpanExporter() });
    await again.shutdown();
  });
});

describe('OTLP export over HTTP, configured by the standard variables alone', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  test.each([
    ['http/protobuf', 'application/x-protobuf'],
    ['http/json', 'application/json'],
  ])(
    '%s: the batch reaches <endpoint>/v1/traces with the headers, flushed by shutdown',
    async (protocol, type) => {
      const received: Array<{ url?: string; type?: string; auth?: string; body: Buffer }> = [];
      const { createServer } = await import('node:http');
      const server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({
            url: req.url,
            type: req.headers['content-type'],
            auth: req.headers.authorization,
            body: Buffer.concat(chunks),
          });
          res.writeHead(200, { 'content-type': type }).end(type === 'application/json' ? '{}' : '');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      Object.assign(process.env, {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer collector-token',
        OTEL_SERVICE_NAME: 'billing-consumer-test',
      });
      try {
        const tracing = startTracing('billing-consumer');
        expect(tracing.enabled).toBe(true);
        tracing.tracer.startSpan('exported').end();
        await tracing.shutdown();
        expect(received).toHaveLength(1);
        expect(received[0]).toMatchObject({ url: '/v1/traces', type, auth: 'Bearer collector-token' });
        // Both encodings carry the names as UTF-8 text.
        expect(received[0]!.body.toString('utf8')).toContain('exported');
        expect(received[0]!.body.toString('utf8')).toContain('billing-consumer-test');
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    },
  );
});
