/**
 * Before the benchmark opens anything: is each service it needs answering? Without this, a missing
 * broker costs kafkajs's 30 s of retries and ends in a raw stack trace; here it is one line naming the
 * service, its address and how to start it, within a couple of seconds.
 */
import { connect } from 'node:net';
import type { AppConfig } from '../platform/config';

export class ServiceUnreachable extends Error {}

const HOW_TO_START =
  'start it with `npm run infra:up`, or run `npm run bench`, which starts what is missing and stops it afterwards';

function splitAddress(address: string, defaultPort: number): { host: string; port: number } {
  const match = /^\[?([^\]]*?)\]?(?::(\d+))?$/.exec(address.trim());
  return { host: match?.[1] || '127.0.0.1', port: match?.[2] ? Number(match[2]) : defaultPort };
}

/** Resolves true if a TCP connection opens within the time limit. */
export function answers(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Throws ServiceUnreachable for the first service nobody answers for: Kafka (any one broker of the list
 * will do, as for kafkajs) and the Temporal frontend. PostgreSQL is not checked: the inventory section
 * reports it as skipped and runs on the embedded store.
 */
export async function checkServices(config: AppConfig, timeoutMs = 2_000): Promise<void> {
  const brokers = config.kafka.brokers.map((b) => splitAddress(b, 9092));
  const kafkaUp = await Promise.all(brokers.map((b) => answers(b.host, b.port, timeoutMs)));
  if (!kafkaUp.some(Boolean)) {
    throw new ServiceUnreachable(
      `Kafka is not reachable at ${config.kafka.brokers.join(',')} (KAFKA_BROKERS / KAFKA_PORT): ${HOW_TO_START}`,
    );
  }
  const temporal = splitAddress(config.temporal.address, 7233);
  if (!(await answers(temporal.host, temporal.port, timeoutMs))) {
    throw new ServiceUnreachable(
      `Temporal is not reachable at ${config.temporal.address} (TEMPORAL_ADDRESS / TEMPORAL_PORT): ${HOW_TO_START}`,
    );
  }
}
