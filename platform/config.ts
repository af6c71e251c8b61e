/**
 * Process configuration, read once from the environment and validated.
 * The variable names are the same for local runs (infra/ scripts), docker-compose and production,
 * so a bad value fails at start-up with the variable's name and the rule it broke.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from './config-error';

export { ConfigError };
import { parsePayloadKeys, type PayloadKeyring } from './payload-codec';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const port = z.coerce.number({ message: 'must be a number' }).int().min(1).max(65535, 'must be a TCP port');
// 0 lets the system pick a free port (tests, several processes on one host); the port is logged.
const anyPort = z.coerce
  .number({ message: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be a TCP port or 0 (any free port)')
  .max(65535, 'must be a TCP port or 0 (any free port)');
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
  /** The Temporal Web UI people open; the console links each contract's workflow page there. */
  TEMPORAL_UI_URL: z.string().url('must be an http(s) URL').default('http://127.0.0.1:8233'),
  /** `id:base64key[,id:base64key…]`: encrypts Temporal payloads (platform/payload-codec.ts). */
  PAYLOAD_ENCRYPTION_KEYS: z.string().optional(),
  PAYLOAD_ENCRYPTION_KEY_ID: z.string().optional(),

  KAFKA_BROKERS: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, 'must be host:port[,host:port...]')
    .optional(),
  KAFKA_PORT: port.default(9092),
  KAFKA_CLIENT_ID: z.string().min(1).default('contract-orchestrator'),
  KAFKA_SSL: bool.default(false),
  KAFKA_SSL_CA_PATH: z.string().optional(),
  KAFKA_SSL_CERT_PATH: z.string().optional(),
  KAFKA_SSL_KEY_PATH: z.string().optional(),
  KAFKA_SSL_SERVER_NAME: z.string().optional(),
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
  API_BODY_LIMIT_BYTES: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1024, 'must be at least 1024')
    .max(10 * 1024 * 1024, 'must be at most 10 MiB')
    .default(256 * 1024),
  CODEC_SERVER_HOST: z.string().min(1).default('127.0.0.1'),
  CODEC_SERVER_PORT: port.default(8234),
  /** Origins of the Temporal UI allowed to call the codec server from the browser. */
  CODEC_CORS_ORIGINS: z
    .string()
    .regex(
      /^https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*$/,
      'must be origin[,origin...] like http://localhost:8233',
    )
    .default('http://localhost:8233'),
  LOG_LEVEL: level.default('info'),
  LOG_PRETTY: bool.optional(),

  /** The ops server (/metrics, /healthz, /readyz); unset: the process's own default (observability/ops-ports). */
  METRICS_PORT: anyPort.optional(),
  METRICS_HOST: z.string().min(1).default('0.0.0.0'),
  /** false: /metrics answers 404 and no metric is collected; health endpoints stay. */
  METRICS_ENABLED: bool.default(true),
  /** How often the worker re-counts the book (contracts, obligations) from Temporal visibility. */
  BOOK_METRICS_INTERVAL_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000')
    .max(3_600_000, 'must be at most 3600000 (one hour)')
    .default(30_000),
});

export type Env = z.infer<typeof EnvSchema>;

export interface AppConfig {
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    tls?: { caPath?: string; certPath?: string; keyPath?: string; serverName?: string };
    apiKey?: string;
    /** Base URL of the Temporal Web UI (TEMPORAL_UI_URL). */
    uiUrl: string;
    /** Undefined: payloads are stored in clear (local development only). */
    payloadEncryption?: PayloadKeyring;
  };
  kafka: {
    brokers: string[];
    clientId: string;
    topicPrefix: string;
    ssl?: { caPath?: string; certPath?: string; keyPath?: string; serverName?: string };
    sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  };
  databaseUrl?: string;
  /** The API's address; its key registry is read by the API process alone (platform/key-registry). */
  api: { host: string; port: number; bodyLimitBytes: number };
  codecServer: { host: string; port: number; corsOrigins: string[] };
  log: { level: Env['LOG_LEVEL']; pretty: boolean };
  /** Ops server and metrics; `port` undefined means the process's default port. */
  metrics: { enabled: boolean; host: string; port?: number; bookIntervalMs: number };
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
  if (Boolean(e.KAFKA_SSL_CERT_PATH) !== Boolean(e.KAFKA_SSL_KEY_PATH)) {
    problems.push('KAFKA_SSL_CERT_PATH/KAFKA_SSL_KEY_PATH: mTLS needs both or neither');
  }
  const keys = e.PAYLOAD_ENCRYPTION_KEYS
    ? parsePayloadKeys(e.PAYLOAD_ENCRYPTION_KEYS, e.PAYLOAD_ENCRYPTION_KEY_ID)
    : undefined;
  if (keys && !keys.ok) problems.push(...keys.problems);
  if (!keys && e.PAYLOAD_ENCRYPTION_KEY_ID) {
    problems.push('PAYLOAD_ENCRYPTION_KEY_ID: needs PAYLOAD_ENCRYPTION_KEYS');
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
      uiUrl: e.TEMPORAL_UI_URL.replace(/\/+$/, ''),
      payloadEncryption: keys?.ok ? keys.keyring : undefined,
    },
    kafka: {
      brokers: (e.KAFKA_BROKERS ?? `127.0.0.1:${e.KAFKA_PORT}`).split(','),
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      ssl:
        e.KAFKA_SSL || e.KAFKA_SSL_CERT_PATH
          ? {
              caPath: e.KAFKA_SSL_CA_PATH,
              certPath: e.KAFKA_SSL_CERT_PATH,
              keyPath: e.KAFKA_SSL_KEY_PATH,
              serverName: e.KAFKA_SSL_SERVER_NAME,
            }
          : undefined,
      sasl: e.KAFKA_SASL_MECHANISM
        ? {
            mechanism: e.KAFKA_SASL_MECHANISM,
            username: e.KAFKA_SASL_USERNAME!,
            password: e.KAFKA_SASL_PASSWORD!,
          }
        : undefined,
    },
    databaseUrl: e.DATABASE_URL,
    api: { host: e.API_HOST, port: e.API_PORT, bodyLimitBytes: e.API_BODY_LIMIT_BYTES },
    codecServer: {
      host: e.CODEC_SERVER_HOST,
      port: e.CODEC_SERVER_PORT,
      corsOrigins: e.CODEC_CORS_ORIGINS.split(','),
    },
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? Boolean(process.stdout.isTTY) },
    metrics: {
      enabled: e.METRICS_ENABLED,
      host: e.METRICS_HOST,
      port: e.METRICS_PORT,
      bookIntervalMs: e.BOOK_METRICS_INTERVAL_MS,
    },
  };
}

export function readOptionalFile(path: string | undefined): Buffer | undefined {
  return path ? readFileSync(path) : undefined;
}
