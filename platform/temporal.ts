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

/** Route the SDK's and Core's logs into pino. Call once per process, before any worker is created. */
export function installTemporalRuntime(logger: Logger): void {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: new PinoTemporalLogger(logger.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }), forward: {} },
    },
  });
  runtimeInstalled = true;
}
