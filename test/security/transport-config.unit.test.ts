/**
 * TLS/mTLS to Temporal and Kafka from configuration: the variables reach the clients' TLS options
 * (CA, client certificate and key, server name), and half-configured mTLS or SASL fails at start-up
 * naming the variables.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../platform/config';
import { kafkaSslOptions } from '../../platform/kafka';
import { temporalTlsOptions } from '../../platform/temporal';

const dir = mkdtempSync(join(tmpdir(), 'tls-config-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const ca = file('ca.pem', 'CA PEM');
const cert = file('client.pem', 'CLIENT CERT PEM');
const key = file('client.key', 'CLIENT KEY PEM');

describe('Temporal', () => {
  test('mTLS: CA, client certificate pair and server name reach the connection options', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CA_PATH: ca,
      TEMPORAL_TLS_CERT_PATH: cert,
      TEMPORAL_TLS_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    const tls = temporalTlsOptions(config.temporal)!;
    expect(tls.serverNameOverride).toBe('temporal.internal');
    expect(tls.serverRootCACertificate?.toString()).toBe('CA PEM');
    expect(tls.clientCertPair?.crt.toString()).toBe('CLIENT CERT PEM');
    expect(tls.clientCertPair?.key.toString()).toBe('CLIENT KEY PEM');
  });

  test('TEMPORAL_TLS=true alone: server-authenticated TLS with the system CAs', () => {
    const tls = temporalTlsOptions(loadConfig({ TEMPORAL_TLS: 'true' }).temporal)!;
    expect(tls).toEqual({
      serverNameOverride: undefined,
      serverRootCACertificate: undefined,
      clientCertPair: undefined,
    });
  });

  test('plain connection when nothing is set (local dev server)', () => {
    expect(temporalTlsOptions(loadConfig({}).temporal)).toBeUndefined();
  });

  test('a certificate without its key is refused, naming both variables', () => {
    expect(() => loadConfig({ TEMPORAL_TLS_CERT_PATH: cert })).toThrow(
      'TEMPORAL_TLS_CERT_PATH/TEMPORAL_TLS_KEY_PATH: mTLS needs both or neither',
    );
  });
});

describe('Kafka', () => {
  test('mTLS: CA, client certificate, key and server name reach kafkajs, and SSL turns on by itself', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'b-1.kafka.internal:9094,b-2.kafka.internal:9094',
      KAFKA_SSL_CA_PATH: ca,
      KAFKA_SSL_CERT_PATH: cert,
      KAFKA_SSL_KEY_PATH: key,
      KAFKA_SSL_SERVER_NAME: 'kafka.internal',
    });
    const ssl = kafkaSslOptions(config.kafka.ssl!);
    expect((ssl.ca as Buffer[]).map(String)).toEqual(['CA PEM']);
    expect(String(ssl.cert)).toBe('CLIENT CERT PEM');
    expect((ssl.key as Buffer).toString()).toBe('CLIENT KEY PEM');
    expect(ssl.servername).toBe('kafka.internal');
  });

  test('TLS with SASL/SCRAM (a managed cluster): SSL on, credentials passed', () => {
    const config = loadConfig({
      KAFKA_SSL: 'true',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'orchestrator',
      KAFKA_SASL_PASSWORD: 's3cret',
    });
    expect(kafkaSslOptions(config.kafka.ssl!)).toEqual({
      ca: undefined,
      cert: undefined,
      key: undefined,
      servername: undefined,
    });
    expect(config.kafka.sasl).toEqual({
      mechanism: 'scram-sha-512',
      username: 'orchestrator',
      password: 's3cret',
    });
  });

  test('half-configured mTLS is refused, naming both variables', () => {
    expect(() => loadConfig({ KAFKA_SSL: 'true', KAFKA_SSL_KEY_PATH: key })).toThrow(
      'KAFKA_SSL_CERT_PATH/KAFKA_SSL_KEY_PATH: mTLS needs both or neither',
    );
  });

  test('a missing certificate file fails when the client is built, naming the file', () => {
    const config = loadConfig({
      KAFKA_SSL_CERT_PATH: join(dir, 'absent.pem'),
      KAFKA_SSL_KEY_PATH: key,
    });
    expect(() => kafkaSslOptions(config.kafka.ssl!)).toThrow(/absent\.pem/);
  });
});
