/** Connections to the Temporal cluster, from config (local dev server, self-hosted mTLS, or Temporal Cloud). */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { type AppConfig, readOptionalFile } from './config';
import { type Logger, PinoTemporalLogger } from './logger';
import { tracingClientInterceptors } from './observability/temporal-tracing';
import { payloadDataConverter } from './payload-codec';

/** Every client and worker shares it, so what one process encrypts the others can read. */
export const dataConverter = (config: AppConfig['temporal']) =>
  payloadDataConverter(config.payloadEncryption);

export function temporalTlsOptions(config: AppConfig['temporal']) {
  if (!config.tls) return undefined;
  const cert = readOptionalFile(config.tls.certPath);
  const key = readOptionalFile(config.tls.keyPath);
  return {
    serverNameOverride: config.tls.serverName,
    serverRootCACertificate: readOptionalFile(config.tls.caPath),
    clientCertPair: cert && key ? { crt: cert, key } : undefined,
  };
}

export async function connectClient(config: AppConfig['temporal']): Promise<Client> {
  const connection = await Connection.connect({
    address: config.address,
    tls: temporalTlsOptions(config),
    apiKey: config.apiKey,
  });
  return new Client({
    connection,
    namespace: config.namespace,
    dataConverter: dataConverter(config),
    // Start, update and signal calls join the caller's trace when tracing is on (none when off).
    interceptors: { workflow: tracingClientInterceptors() },
  });
}

export async function connectWorker(config: AppConfig['temporal']): Promise<NativeConnection> {
  return NativeConnection.connect({
    address: config.address,
    tls: temporalTlsOptions(config),
    apiKey: config.apiKey,
  });
}

let runtimeInstalled = false;

export interface TemporalRuntimeOptions {
  /**
   * Serve the SDK runtime's own metrics (task slots, schedule-to-start latency, sticky cache, task
   * failures) in Prometheus format on 127.0.0.1:<port>, for the ops server to append to /metrics.
   */
  prometheusPort?: number;
}

/** Core's Prometheus exporter settings: counters end in _total, durations in seconds with the unit. */
export const coreMetricsOptions = (port: number) => ({
  prometheus: {
    bindAddress: `127.0.0.1:${port}`,
    countersTotalSuffix: true,
    unitSuffix: true,
    useSecondsForDurations: true,
  },
  metricPrefix: 'temporal_',
});

/**
 * Route the SDK's and Core's logs into pino, and optionally serve its metrics. Call once per process,
 * before any worker is created; returns false when a runtime was already installed (then its
 * metrics settings stay as they were).
 */
export function installTemporalRuntime(logger: Logger, options: TemporalRuntimeOptions = {}): boolean {
  if (runtimeInstalled) return false;
  Runtime.install({
    logger: new PinoTemporalLogger(logger.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} },
      ...(options.prometheusPort !== undefined
        ? { metrics: coreMetricsOptions(options.prometheusPort) }
        : {}),
    },
  });
  runtimeInstalled = true;
  return true;
}
