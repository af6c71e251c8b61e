/** kafkajs client from config (plain loopback locally; TLS/SASL for a managed cluster). */
import { Kafka, logLevel, type LogEntry, type SASLOptions } from 'kafkajs';
import { type AppConfig, readOptionalFile } from './config';
import type { Logger } from './logger';

export function createKafka(config: AppConfig['kafka'], logger: Logger): Kafka {
  const log = logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl
      ? { ca: config.ssl.caPath ? [readOptionalFile(config.ssl.caPath)!] : undefined }
      : undefined,
    sasl: config.sasl as SASLOptions | undefined,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        if (level <= logLevel.ERROR) log.error(rest, message);
        else log.warn(rest, message);
      },
    retry: { initialRetryTime: 200, retries: 8 },
  });
}
