/**
 * Kafka as the ops server sees it: whether this process's producer/consumer are connected (kafkajs
 * instrumentation events) and the brokers answer (one admin call with a deadline), and how far each
 * consumer group is behind on each partition. Lag is read from the broker at scrape time — committed
 * offset against the partition's high watermark — so an idle partition shows its true value instead
 * of the last batch's.
 */
import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';
import type { GaugeLike, LagLabel, Metrics } from './metrics';
import type { ReadinessCheck } from './readiness';

export interface ClientState {
  /** Why the client is not usable, or undefined when it is connected. */
  problem(): string | undefined;
}

/** Follow a producer's or consumer's connection through its instrumentation events. */
export function trackKafkaClient(client: Producer | Consumer, what: string): ClientState {
  let problem: string | undefined = `${what} not connected yet`;
  const on = client.on.bind(client) as (event: string, listener: (e: { payload?: unknown }) => void) => void;
  const events = client.events as Record<string, string>;
  on(events.CONNECT!, () => (problem = undefined));
  on(events.DISCONNECT!, () => (problem = `${what} disconnected`));
  if (events.CRASH) {
    on(events.CRASH, (e) => {
      const payload = e.payload as { error?: Error; restart?: boolean } | undefined;
      // kafkajs restarts the consumer after a retriable crash; only a final one makes it unready.
      if (payload?.restart === false) problem = `${what} crashed (${payload.error?.name ?? 'error'})`;
    });
  }
  if (events.GROUP_JOIN) on(events.GROUP_JOIN, () => (problem = undefined));
  if (events.STOP) on(events.STOP, () => (problem = `${what} stopped`));
  return { problem: () => problem };
}

export interface KafkaOps {
  /** Readiness: every tracked client connected and the cluster answers. */
  check(clients: ClientState[]): ReadinessCheck;
  /** Keep `metrics.consumerLag` current for the group's topics at each scrape. */
  watchLag(metrics: Metrics, groupId: string, topics: readonly string[]): void;
  close(): Promise<void>;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * Messages behind per partition. A partition the group never committed on is behind by everything
 * retained (the consumers start at the oldest message); a committed offset past the watermark (the
 * topic was truncated) counts as 0.
 */
export function computeLag(
  topic: string,
  watermarks: ReadonlyArray<{ partition: number; high: string; low: string }>,
  committed: ReadonlyArray<{ partition: number; offset: string }>,
): PartitionLag[] {
  const byPartition = new Map(committed.map((c) => [c.partition, BigInt(c.offset)]));
  return watermarks.map(({ partition, high, low }) => {
    const done = byPartition.get(partition) ?? -1n;
    const from = done < 0n ? BigInt(low) : done;
    const behind = BigInt(high) - from;
    return { topic, partition, lag: behind > 0n ? Number(behind) : 0 };
  });
}

/** Replace a group's lag series with `rows`, dropping partitions no longer reported. */
export function recordLag(
  gauge: GaugeLike<LagLabel>,
  groupId: string,
  rows: PartitionLag[],
  previous: Set<string>,
): Set<string> {
  const now = new Set<string>();
  for (const row of rows) {
    gauge.set({ group: groupId, topic: row.topic, partition: String(row.partition) }, row.lag);
    now.add(`${row.topic}\u0000${row.partition}`);
  }
  for (const key of previous) {
    if (now.has(key)) continue;
    const [topic, partition] = key.split('\u0000') as [string, string];
    gauge.remove({ group: groupId, topic, partition });
  }
  return now;
}

/**
 * `kafka`: a client made for probing, without retries (createKafka(config, logger, { retries: 0 })):
 * kafkajs retries connections per client, and a check must fail fast with the broker's reason.
 */
export function createKafkaOps(kafka: Kafka): KafkaOps {
  // One admin client for checks and lag, connected on first use and again after a failure.
  let admin: Admin | undefined;
  let connecting: Promise<Admin> | undefined;
  const connected = (): Promise<Admin> => {
    if (admin) return Promise.resolve(admin);
    connecting ??= (async () => {
      const a = kafka.admin();
      a.on(a.events.DISCONNECT, () => {
        if (admin === a) admin = undefined;
      });
      try {
        await a.connect();
        admin = a;
        return a;
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  };

  return {
    check: (clients) => async () => {
      const problems = clients.map((c) => c.problem()).filter((p): p is string => p !== undefined);
      if (problems.length) throw new Error(problems.join('; '));
      const a = await connected();
      try {
        await a.describeCluster();
      } catch (err) {
        // A failed call may leave the admin half-connected: start afresh next time.
        admin = undefined;
        void a.disconnect().catch(() => {});
        throw err;
      }
    },
    watchLag(metrics, groupId, topics) {
      if (!metrics.enabled) return;
      let previous = new Set<string>();
      metrics.addScrapeHook(`consumer lag of ${groupId}`, async () => {
        const a = await connected();
        const committed = await a.fetchOffsets({ groupId, topics: [...topics] });
        const rows: PartitionLag[] = [];
        for (const topic of topics) {
          const marks = await a.fetchTopicOffsets(topic);
          const mine = committed.find((c) => c.topic === topic)?.partitions ?? [];
          rows.push(...computeLag(topic, marks, mine));
        }
        previous = recordLag(metrics.consumerLag, groupId, rows, previous);
      });
    },
    async close() {
      const a = admin ?? (await connecting?.catch(() => undefined));
      admin = undefined;
      await a?.disconnect();
    },
  };
}
