/**
 * What every long-running process does first: its metrics (on or off per METRICS_ENABLED), its
 * readiness checks (all "not connected yet") and the ops server, listening before any connection is
 * attempted so /healthz answers and /readyz says what is still missing while the process connects.
 */
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createMetrics, type Metrics, type ProcessName } from './metrics';
import { startOpsServer, type OpsServer } from './ops-server';
import { Readiness } from './readiness';

/** The dependencies each process reports on /readyz. */
export const READINESS_DEPENDENCIES: Readonly<Record<ProcessName, readonly string[]>> = {
  worker: ['temporal', 'kafka', 'inventory'],
  api: ['temporal'],
  intake: ['temporal', 'kafka'],
  'billing-consumer': ['kafka', 'ledger'],
  'codec-server': [],
};

export interface ProcessOps {
  metrics: Metrics;
  readiness: Readiness;
  server: OpsServer;
}

export async function startProcessOps(
  process: ProcessName,
  config: AppConfig['metrics'],
  logger: Logger,
): Promise<ProcessOps> {
  const log = logger.child({ component: 'metrics' });
  const metrics = createMetrics({
    enabled: config.enabled,
    process,
    onSourceError: (name, err) =>
      log.warn({ err, source: name }, 'metrics source failed; scrape answered without it'),
  });
  const readiness = new Readiness(READINESS_DEPENDENCIES[process]);
  const server = await startOpsServer({
    process,
    host: config.host,
    port: config.port,
    metrics,
    readiness,
    logger,
  });
  return { metrics, readiness, server };
}
