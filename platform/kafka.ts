/** kafkajs client from config (plain loopback locally; TLS/SASL for a managed cluster). */
import type { ConnectionOptions } from 'node:tls';
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import { type AppConfig, readOptionalFile } from './config';
import type { Logger } from './logger';

/** TLS to the brokers: a private CA, and a client certificate when the cluster wants mTLS. */
export function kafkaSslOptions(ssl: NonNullable<AppConfig['kafka']['ssl']>): ConnectionOptions {
  return {
    ca: ssl.caPath ? [readOptionalFile(ssl.caPath)!] : undefined,
    cert: readOptionalFile(ssl.certPath),
    key: readOptionalFile(ssl.keyPath),
    servername: ssl.serverName,
  };
}

/**
 * `retries`: how often a failed connection or request is retried (default 8, about 50 s with backoff).
 * Probes pass 0: a readiness check must report an unreachable broker now, not in a minute.
 */
export function createKafka(config: AppConfig['kafka'], logger: Logger, { retries = 8 } = {}): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl ? kafkaSslOptions(config.ssl) : undefined,
    sasl: config.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        if (level <= logLevel.ERROR) log.error(rest, message);
        else log.warn(rest, message);
      },
    retry: { initialRetryTime: 200, retries },
  });
}
