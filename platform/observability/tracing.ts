/**
 * OpenTelemetry tracing for one process, off unless the standard `OTEL_*` variables ask for it:
 * on when `OTEL_TRACES_EXPORTER` names `otlp`, or an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set — unless `OTEL_SDK_DISABLED=true` or the exporter is
 * `none`. Spans leave over OTLP/HTTP (`OTEL_EXPORTER_OTLP_[TRACES_]PROTOCOL`: `http/protobuf`, the
 * default, or `http/json`); the exporters read the endpoint, headers and timeout themselves, and the
 * SDK reads the sampler (`OTEL_TRACES_SAMPLER`) and batch settings (`OTEL_BSP_*`).
 *
 * Off, nothing is installed: no provider, no context manager, no interceptors, the API's no-op tracer,
 * so a process that does not trace pays nothing. On, the provider is registered globally (the Temporal
 * interceptors and the span hooks in the API and consumers use the global API) with the W3C
 * trace-context propagator only: baggage could carry what a caller put in it into our events.
 *
 * One process has one tracing; `activeTracing()` is how the Temporal wiring (platform/temporal.ts,
 * workers/contract-worker.ts) finds it, so the entry points only start and shut it down.
 */
import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpHttpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { ConfigError } from '../config-error';

/** The instrumentation scope of our own spans (API requests, consumers). */
export const TRACER_NAME = 'telecom-contract-orchestrator';

export interface TracingOptions {
  /** Where the settings come from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /**
   * Tests: export every span to this exporter as it ends (SimpleSpanProcessor), whatever the env says.
   * E.g. `new InMemorySpanExporter()`.
   */
  exporter?: SpanExporter;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Our tracer: the no-op tracer when off. */
  readonly tracer: Tracer;
  readonly provider?: NodeTracerProvider;
  /** The processor spans end in; the workflow sandbox's spans are handed to it too (a sink). */
  readonly spanProcessor?: SpanProcessor;
  readonly resource?: Resource;
  /** Flushes what is buffered and uninstalls the global provider. Safe to call twice. */
  shutdown(): Promise<void>;
}

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .filter(Boolean);

/** The rule of shared.md: whether these settings turn tracing on. */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  const exporters = list(env.OTEL_TRACES_EXPORTER);
  if (exporters.includes('none')) return false;
  if (exporters.includes('otlp')) return true;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** The OTLP protocol asked for: only the HTTP ones are installed (no gRPC exporter in this build). */
export function otlpProtocol(env: NodeJS.ProcessEnv = process.env): OtlpProtocol {
  const name = 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL';
  const value = (env[name] ?? env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf').trim();
  if (value === 'http/protobuf' || value === 'http/json') return value;
  throw new ConfigError([
    `${env[name] !== undefined ? name : 'OTEL_EXPORTER_OTLP_PROTOCOL'}: "${value}" is not supported; use http/protobuf or http/json`,
  ]);
}

/** The service name spans carry: `OTEL_SERVICE_NAME`, else the process name. */
export function serviceName(processName: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.OTEL_SERVICE_NAME?.trim() || processName;
}

let active: Tracing | undefined;

/** The tracing the process started, if it is on. */
export function activeTracing(): Tracing | undefined {
  return active?.enabled ? active : undefined;
}

const OFF: Tracing = {
  enabled: false,
  tracer: trace.getTracer(TRACER_NAME),
  shutdown: () => Promise.resolve(),
};

/** Start tracing for this process (call first in main()); off unless the env or a test exporter asks. */
export function startTracing(processName: string, options: TracingOptions = {}): Tracing {
  const env = options.env ?? process.env;
  if (!options.exporter && !tracingEnabled(env)) return OFF;
  if (active) throw new Error('tracing already started in this process');
  // OTEL_RESOURCE_ATTRIBUTES (deployment.environment, …) first; the service name is always ours.
  const resource = new Resource({
    ...envDetectorSync.detect().attributes,
    [ATTR_SERVICE_NAME]: serviceName(processName, env),
  });
  const spanProcessor = options.exporter
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(
        otlpProtocol(env) === 'http/json' ? new OtlpHttpJsonExporter() : new OtlpHttpProtobufExporter(),
      );
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  let stopped: Promise<void> | undefined;
  const tracing: Tracing = {
    enabled: true,
    tracer: provider.getTracer(TRACER_NAME),
    provider,
    spanProcessor,
    resource,
    shutdown: () =>
      (stopped ??= (async () => {
        try {
          await provider.shutdown();
        } finally {
          trace.disable();
          context.disable();
          propagation.disable();
          if (active === tracing) active = undefined;
        }
      })()),
  };
  active = tracing;
  return tracing;
}
