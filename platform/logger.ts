/**
 * pino JSON logs for every process; pretty output only when a person watches a TTY.
 * Temporal's own logs (worker, core, workflow and activity loggers) are routed into the same logger.
 */
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Logger as TemporalLogger, LogLevel, LogMetadata } from '@temporalio/common';
import { CENSOR, scrubPersonalData } from './personal-data';

export type Logger = PinoLogger;

/** Field names that carry personal data; pino replaces their values wherever they appear. */
export const PERSONAL_DATA_PATHS = [
  '*.phone',
  '*.mobile',
  '*.idNumber',
  '*.bankAccount',
  '*.contacts',
  'contacts',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'authorization',
  '*.authorization',
];

/** `destination` defaults to stdout; tests pass a stream to read what would be logged. */
export function createLogger(
  options: { level: string; pretty: boolean; name?: string },
  destination?: DestinationStream,
): Logger {
  const pinoOptions: pino.LoggerOptions = {
    name: options.name,
    level: options.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: PERSONAL_DATA_PATHS, censor: CENSOR },
    // Any depth, and the message too (platform/personal-data.ts); redact above stays as a cheap first line.
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => scrubPersonalData(a)) as Parameters<typeof method>);
      },
    },
  };
  if (destination) return pino(pinoOptions, destination);
  return pino({
    ...pinoOptions,
    transport: options.pretty ? { target: 'pino-pretty', options: { colorize: true } } : undefined,
  });
}

const levels: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Adapter that lets Temporal's Runtime log through pino (keeps workflowId, runId, activity type…). */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: LogLevel, message: string, meta?: LogMetadata): void {
    const { sdkComponent, ...rest } = meta ?? {};
    this.logger[levels[level]]({ ...rest, component: sdkComponent as unknown }, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
