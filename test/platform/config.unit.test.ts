import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, EnvSchema, loadConfig } from '../../platform/config';

describe('loadConfig', () => {
  test('given an empty environment, it points at the local infra on loopback', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'default',
      taskQueue: 'contracts',
    });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.temporal.tls).toBeUndefined();
  });

  test('the infra port variables move the default addresses', () => {
    const config = loadConfig({ TEMPORAL_PORT: '17233', KAFKA_PORT: '19092' });
    expect(config.temporal.address).toBe('127.0.0.1:17233');
    expect(config.kafka.brokers).toEqual(['127.0.0.1:19092']);
  });

  test('a bad value fails with the variable name and the rule', () => {
    expect(() => loadConfig({ KAFKA_BROKERS: 'kafka-1', API_PORT: '99999' })).toThrow(ConfigError);
    try {
      loadConfig({ KAFKA_BROKERS: 'kafka-1', API_PORT: '99999' });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'KAFKA_BROKERS: must be host:port[,host:port...]',
        'API_PORT: must be a TCP port',
      ]);
    }
  });

  test('SASL without credentials is refused', () => {
    expect(() => loadConfig({ KAFKA_SASL_MECHANISM: 'scram-sha-512' })).toThrow(
      /KAFKA_SASL_USERNAME\/KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM is set/,
    );
  });

  test('an API key for Temporal Cloud turns TLS on', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_API_KEY: 'k' });
    expect(config.temporal.tls).toBeDefined();
    expect(config.temporal.apiKey).toBe('k');
  });

  test('empty strings count as unset (docker-compose passes FOO= for optional settings)', () => {
    expect(loadConfig({ KAFKA_SASL_MECHANISM: '', TEMPORAL_TLS_CA_PATH: '' }).kafka.sasl).toBeUndefined();
  });
});

describe('docker-compose.yml', () => {
  test('passes the application only variables the config or the OpenTelemetry SDK knows', () => {
    const compose = parse(readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8')) as {
      'x-app-env': Record<string, string>;
    };
    const known = Object.keys(EnvSchema.shape);
    // OTEL_* are the standard variables the OpenTelemetry SDK reads itself (platform/observability/tracing.ts).
    const unknown = Object.keys(compose['x-app-env']).filter(
      (name) => !known.includes(name) && !name.startsWith('OTEL_'),
    );
    expect(unknown).toEqual([]);
  });
});

describe('ops server and metrics settings', () => {
  test('default: metrics on, all interfaces, the process default port, book counted every 30 s', () => {
    expect(loadConfig({}).metrics).toEqual({
      enabled: true,
      host: '0.0.0.0',
      port: undefined,
      bookIntervalMs: 30_000,
    });
  });

  test('METRICS_PORT=0 (any free port), METRICS_ENABLED=false and the book interval are read', () => {
    expect(
      loadConfig({
        METRICS_PORT: '0',
        METRICS_HOST: '127.0.0.1',
        METRICS_ENABLED: 'false',
        BOOK_METRICS_INTERVAL_MS: '5000',
      }).metrics,
    ).toEqual({ enabled: false, host: '127.0.0.1', port: 0, bookIntervalMs: 5000 });
  });

  test('bad values name the variable and the rule', () => {
    try {
      loadConfig({ METRICS_PORT: '70000', METRICS_ENABLED: 'maybe', BOOK_METRICS_INTERVAL_MS: '10' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'METRICS_PORT: must be a TCP port or 0 (any free port)',
        'METRICS_ENABLED: must be true or false',
        'BOOK_METRICS_INTERVAL_MS: must be at least 1000',
      ]);
    }
  });
});
