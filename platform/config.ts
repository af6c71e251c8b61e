/**
 * Process configuration, read once from the environment and validated.
 * The variable names are the same for local runs (infra/ scripts), docker-compose and production,
 * so a bad value fails at start-up with the variable's name and the rule it broke.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number({ message: 'must be a number' }).int().min(1).max(65535, 'must be a TCP port');
const hostPort = z.string().regex(/^[\w.-]+:\d{1,5}$/, 'must be host:port');
const level = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']);

export const EnvSchema = z.object({
  TEMPORAL_ADDRESS: hostPort.optional(),
  TEMPORAL_HOST: z.string().min(1).default('127.0.0.1'),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('contracts'),
  TEMPORAL_TLS: bool.default(false),
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),

  KAFKA_BROKERS: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, 'must be host:port[,host:port...]')
    .optional(),
  KAFKA_PORT: port.default(9092),
  KAFKA_CLIENT_ID: z.string().min(1).default('contract-orchestrator'),
  KAFKA_SSL: bool.default(false),
  KAFKA_SSL_CA_PATH: z.string().optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-z0-9.-]*$/, 'must be lower-case letters, digits, dots or dashes')
    .default(''),

  DATABASE_URL: z.string().url('must be a postgres:// URL').optional(),
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port.default(8080),
  LOG_LEVEL: level.default('info'),
  LOG_PRETTY: bool.optional(),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    tls?: { caPath?: string; certPath?: string; keyPath?: string; serverName?: string };
    apiKey?: string;
  };
  kafka: {
    brokers: string[];
    clientId: string;
    topicPrefix: string;
    ssl?: { caPath?: string };
    sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  };
  databaseUrl?: string;
  api: { host: string; port: number };
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Empty strings mean "unset" (docker-compose passes FOO= for optional settings).
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.KAFKA_SASL_MECHANISM && !(e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set');
  }
  if (Boolean(e.TEMPORAL_TLS_CERT_PATH) !== Boolean(e.TEMPORAL_TLS_KEY_PATH)) {
    problems.push('TEMPORAL_TLS_CERT_PATH/TEMPORAL_TLS_KEY_PATH: mTLS needs both or neither');
  }
  if (problems.length) throw new ConfigError(problems);

  const temporalTls = e.TEMPORAL_TLS || e.TEMPORAL_TLS_CERT_PATH || e.TEMPORAL_API_KEY;
  return {
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `${e.TEMPORAL_HOST}:${e.TEMPORAL_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      tls: temporalTls
        ? {
            caPath: e.TEMPORAL_TLS_CA_PATH,
            certPath: e.TEMPORAL_TLS_CERT_PATH,
            keyPath: e.TEMPORAL_TLS_KEY_PATH,
            serverName: e.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
      apiKey: e.TEMPORAL_API_KEY,
    },
    kafka: {
      brokers: (e.KAFKA_BROKERS ?? `127.0.0.1:${e.KAFKA_PORT}`).split(','),
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      ssl: e.KAFKA_SSL ? { caPath: e.KAFKA_SSL_CA_PATH } : undefined,
      sasl: e.KAFKA_SASL_MECHANISM
        ? {
            mechanism: e.KAFKA_SASL_MECHANISM,
            username: e.KAFKA_SASL_USERNAME!,
            password: e.KAFKA_SASL_PASSWORD!,
          }
        : undefined,
    },
    databaseUrl: e.DATABASE_URL,
    api: { host: e.API_HOST, port: e.API_PORT },
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? Boolean(process.stdout.isTTY) },
  };
}

export function readOptionalFile(path: string | undefined): Buffer | undefined {
  return path ? readFileSync(path) : undefined;
}
