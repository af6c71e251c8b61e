/**
 * The process's Prometheus metrics: one prom-client registry per process with Node's default process
 * metrics and the business instruments every process may feed (names in docs/operations.md). Label
 * values are always from bounded sets (enums, route templates, catalogue event types, topic names):
 * never a contract number, a key id or any text a caller sent.
 *
 * METRICS_ENABLED=false gives the no-op variant: the same instruments do nothing, nothing is collected
 * and the ops server answers /metrics with 404, so the cost of metrics can be measured as on vs off.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The long-running processes; each has its own default ops port (DEFAULT_OPS_PORTS in ops-server.ts). */
export type ProcessName = 'worker' | 'api' | 'intake' | 'billing-consumer' | 'codec-server';

type Labels<L extends string> = Record<L, string | number>;

export interface CounterLike<L extends string> {
  inc(labels: Labels<L>, value?: number): void;
}
export interface GaugeLike<L extends string> {
  set(labels: Labels<L>, value: number): void;
  remove(labels: Labels<L>): void;
}
export interface HistogramLike<L extends string> {
  observe(labels: Labels<L>, seconds: number): void;
}

export type ActionLabel = 'action' | 'outcome' | 'reason';
export type EventLabel = 'type' | 'topic';
export type DeadLetterLabel = 'consumer' | 'reason';
export type LagLabel = 'group' | 'topic' | 'partition';
export type HttpLabel = 'method' | 'route' | 'status';

/** Text in the Prometheus exposition format from elsewhere (the Temporal SDK runtime's endpoint). */
export type TextSource = () => Promise<string>;
/** Work done right before a scrape (e.g. reading consumer offsets), so idle values stay current. */
export type ScrapeHook = () => Promise<void>;

export interface Metrics {
  readonly enabled: boolean;
  /** The process registry; other modules register their own instruments here (e.g. the book gauges). */
  readonly registry: Registry;
  readonly actions: CounterLike<ActionLabel>;
  readonly eventsPublished: CounterLike<EventLabel>;
  readonly deadLetters: CounterLike<DeadLetterLabel>;
  readonly consumerLag: GaugeLike<LagLabel>;
  readonly httpRequestDuration: HistogramLike<HttpLabel>;
  /** Appended to every scrape; a failing source is left out and reported to `onSourceError`. */
  addTextSource(name: string, source: TextSource): void;
  addScrapeHook(name: string, hook: ScrapeHook): void;
  /** The exposition text ('' when disabled). */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsOptions {
  enabled: boolean;
  process: ProcessName;
  /** Deadline of each text source and scrape hook (default 1.5 s: a scrape must not hang). */
  scrapeTimeoutMs?: number;
  /** Told when a source or hook fails or times out; the scrape still answers with the rest. */
  onSourceError?: (name: string, err: unknown) => void;
}

export const METRIC_NAMES = {
  actions: 'tco_actions_total',
  eventsPublished: 'tco_events_published_total',
  deadLetters: 'tco_dead_letters_total',
  consumerLag: 'tco_consumer_lag',
  httpRequestDuration: 'tco_http_request_duration_seconds',
} as const;

const noop = { inc() {}, set() {}, remove() {}, observe() {} };

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  const timeoutMs = options.scrapeTimeoutMs ?? 1_500;
  const report = options.onSourceError ?? (() => {});
  if (!options.enabled) {
    return {
      enabled: false,
      registry,
      actions: noop,
      eventsPublished: noop,
      deadLetters: noop,
      consumerLag: noop,
      httpRequestDuration: noop,
      addTextSource() {},
      addScrapeHook() {},
      render: () => Promise.resolve(''),
      contentType: registry.contentType,
    };
  }
  // A fixed label on everything would be redundant: Prometheus adds job/instance per scrape target.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const sources = new Map<string, TextSource>();
  const hooks = new Map<string, ScrapeHook>();

  const guarded = async <T>(name: string, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await withTimeout(work(), timeoutMs, name);
    } catch (err) {
      report(name, err);
      return undefined;
    }
  };

  return {
    enabled: true,
    registry,
    actions: new Counter({
      name: METRIC_NAMES.actions,
      help: 'Actions on contracts (people and sales systems), accepted or refused, by bounded reason',
      labelNames: ['action', 'outcome', 'reason'],
      registers,
    }),
    eventsPublished: new Counter({
      name: METRIC_NAMES.eventsPublished,
      help: 'CloudEvents published to Kafka and acknowledged by the broker, per event type and topic',
      labelNames: ['type', 'topic'],
      registers,
    }),
    deadLetters: new Counter({
      name: METRIC_NAMES.deadLetters,
      help: 'Messages dead-lettered or refused by a consumer, by bounded reason code',
      labelNames: ['consumer', 'reason'],
      registers,
    }),
    consumerLag: new Gauge({
      name: METRIC_NAMES.consumerLag,
      help: "Messages behind the partition's high watermark for the consumer group",
      labelNames: ['group', 'topic', 'partition'],
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: METRIC_NAMES.httpRequestDuration,
      help: 'HTTP API requests by method, route template (unmatched for unknown routes) and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    addTextSource: (name, source) => void sources.set(name, source),
    addScrapeHook: (name, hook) => void hooks.set(name, hook),
    async render() {
      await Promise.all([...hooks].map(([name, hook]) => guarded(name, hook)));
      const own = await registry.metrics();
      const extra = await Promise.all([...sources].map(([name, source]) => guarded(name, source)));
      return [own, ...extra.filter((t): t is string => Boolean(t))]
        .map((t) => (t.endsWith('\n') ? t : `${t}\n`))
        .join('');
    },
    contentType: registry.contentType,
  };
}
