/**
 * The book's gauges: running contracts by stage and product, stuck ones, open and overdue obligations
 * by party. Counted from Temporal visibility — the Stage, Product and Health search attributes and the
 * memo each contract keeps (workflows/book-memo.ts) — not from this worker's cache, so every worker
 * shows the same book whatever it has evicted or restarted. Every worker on the task queue counts the
 * whole book: aggregate across workers with max(), never sum().
 */
import type { Client } from '@temporalio/client';
import { Counter, Gauge, type OpenMetricsContentType, type Registry } from 'prom-client';
import { localDateOf, type IsoDate } from '../domain/calendar';
import { PARTIES } from '../domain/lifecycle/status';
import type { Logger } from '../platform/logger';
import { literal } from '../clients/sdk/visibility';
import { BOOK_MEMO_KEY } from '../workflows/book-memo';
import { CONTRACT_WORKFLOW_TYPE } from '../workflows/messages';
import { HealthKey, ProductKey, StageKey } from '../workflows/search-attributes';
import { contractLabels, countBook, type BookCount, type ListedContract } from './book-count';

export interface BookMetricsOptions {
  /** A client with the processes' data converter (the memo is encrypted like every payload). */
  client: Client;
  /** Only contracts on this task queue are this deployment's book. */
  taskQueue: string;
  /** The process's registry (OPS's), in either exposition format. */
  registry: Registry | Registry<OpenMetricsContentType>;
  /** Time between counts; the first count starts at once. */
  intervalMs: number;
  logger: Logger;
  /** Today's local date (Asia/Shanghai); tests pass a later day to see obligations fall overdue. */
  today?: () => IsoDate;
  /** Executions per visibility page (default 1000, the server's usual maximum). */
  pageSize?: number;
}

export interface BookMetrics {
  /** Count the book now (joins a count in progress); a failure is counted and logged, never thrown. */
  refresh(): Promise<void>;
  /** No more counts; the gauges keep their last values. */
  stop(): void;
}

/** Running contract workflows of one task queue. */
export const bookQuery = (taskQueue: string): string =>
  [
    `WorkflowType = ${literal(CONTRACT_WORKFLOW_TYPE)}`,
    `TaskQueue = ${literal(taskQueue)}`,
    `ExecutionStatus = 'Running'`,
  ].join(' AND ');

export function startBookMetrics(options: BookMetricsOptions): BookMetrics {
  const { client, taskQueue, registry, intervalMs, logger } = options;
  const today = options.today ?? (() => localDateOf(Date.now()));
  const gauges = bookGauges(registry);
  const log = logger.child({ component: 'book-metrics' });
  /** Label sets shown before: a stage/product that empties reads 0 instead of its last count. */
  const seen = new Set<string>();
  let running: Promise<void> | undefined;
  let failing = false;
  let unreported = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function count(): Promise<void> {
    const started = performance.now();
    try {
      const listed: ListedContract[] = [];
      for await (const info of client.workflow.list({
        query: bookQuery(taskQueue),
        pageSize: options.pageSize ?? 1000,
      })) {
        const sa = info.typedSearchAttributes;
        listed.push({
          stage: sa.get(StageKey),
          product: sa.get(ProductKey),
          stuck: sa.get(HealthKey) === 'stuck',
          owed: info.memo?.[BOOK_MEMO_KEY],
        });
      }
      const book = countBook(listed, today());
      show(book);
      const ms = Math.round(performance.now() - started);
      if (failing) log.info({ contracts: listed.length, ms }, 'book count recovered');
      else log.debug({ contracts: listed.length, unreported: book.unreported, ms }, 'book counted');
      // Contracts started before the memo and idle since: their obligations are missing from the gauges.
      if (book.unreported !== unreported) {
        log.info({ unreported: book.unreported }, 'running contracts not yet reporting their obligations');
      }
      unreported = book.unreported;
      failing = false;
    } catch (err) {
      gauges.failures.inc();
      // Once per run of failures: a visibility outage must not fill the log every interval.
      if (!failing)
        log.warn({ err: errorSummary(err) }, 'book count failed; the gauges keep their last values');
      failing = true;
    }
  }

  /** All at once, between two scrapes: a scrape never sees half a book. */
  function show(book: BookCount): void {
    for (const key of seen) if (!book.contracts.has(key)) gauges.contracts.set(contractLabels(key), 0);
    for (const [key, n] of book.contracts) {
      gauges.contracts.set(contractLabels(key), n);
      seen.add(key);
    }
    gauges.stuck.set(book.stuck);
    for (const party of PARTIES) {
      gauges.open.set({ party }, book.open[party]);
      gauges.overdue.set({ party }, book.overdue[party]);
    }
    gauges.refreshed.set(Date.now() / 1000);
  }

  function refresh(): Promise<void> {
    running ??= count().finally(() => {
      running = undefined;
    });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => void refresh().then(schedule), intervalMs);
    timer.unref(); // never what keeps the worker alive
  }

  void refresh().then(schedule);
  return {
    refresh,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

function bookGauges(registry: BookMetricsOptions['registry']) {
  const registers = [registry];
  return {
    contracts: new Gauge({
      name: 'tco_contracts',
      help: 'Running contracts by stage and product (the Product search attribute, products joined by ",")',
      labelNames: ['stage', 'product'] as const,
      registers,
    }),
    stuck: new Gauge({
      name: 'tco_contracts_stuck',
      help: 'Running contracts whose Health is stuck (waiting for a fix to be deployed)',
      registers,
    }),
    open: new Gauge({
      name: 'tco_obligations_open',
      help: 'Open obligations across running contracts, by the party that owes them',
      labelNames: ['party'] as const,
      registers,
    }),
    overdue: new Gauge({
      name: 'tco_obligations_overdue',
      help: 'Open obligations whose due date (Asia/Shanghai) is before today, by party',
      labelNames: ['party'] as const,
      registers,
    }),
    refreshed: new Gauge({
      name: 'tco_book_refresh_seconds',
      help: 'Unix time of the last successful count of the book',
      registers,
    }),
    failures: new Counter({
      name: 'tco_book_refresh_failures_total',
      help: 'Counts of the book that failed (the gauges kept their last values)',
      registers,
    }),
  };
}

/** The error's kind and message, nothing else (a gRPC error can carry request metadata). */
function errorSummary(err: unknown): { name: string; message: string } {
  return err instanceof Error
    ? { name: err.name, message: err.message }
    : { name: 'Error', message: String(err) };
}
