/**
 * API process: the HTTP API on API_HOST:API_PORT over the Temporal cluster of the configuration, until
 * SIGINT/SIGTERM. Run: npm run api (keys from API_KEYS / API_KEYS_FILE; mint one with npm run api-key).
 * Its ops server (METRICS_PORT, default 9465) serves /metrics, /healthz and /readyz (Temporal answers).
 */
import { ConfigError, loadConfig } from '../../platform/config';
import { loadKeyRegistry } from '../../platform/key-registry';
import { createLogger } from '../../platform/logger';
import { startProcessOps } from '../../platform/observability/process-ops';
import { temporalAnswers } from '../../platform/observability/readiness';
import { logPayloadEncryption } from '../../platform/payload-codec';
import { startTracing } from '../../platform/observability/tracing';
import { connectClient } from '../../platform/temporal';
import { TemporalContractsClient } from '../sdk/temporal';
import { buildApiServer } from './server';

async function main(): Promise<void> {
  const tracing = startTracing('api'); // off unless OTEL_* asks (platform/observability/tracing.ts)
  const config = loadConfig();
  const keys = loadKeyRegistry();
  const logger = createLogger({ ...config.log, name: 'api' });
  logPayloadEncryption(logger, config.temporal.payloadEncryption);
  const ops = await startProcessOps('api', config.metrics, logger);
  const client = await connectClient(config.temporal);
  ops.readiness.set('temporal', temporalAnswers(client.workflowService));
  const contracts = new TemporalContractsClient(client, { taskQueue: config.temporal.taskQueue });
  const app = await buildApiServer({
    contracts,
    keys,
    logger,
    bodyLimitBytes: config.api.bodyLimitBytes,
    temporalUi: { url: config.temporal.uiUrl, namespace: config.temporal.namespace },
    metrics: ops.metrics,
  });
  if (keys.length === 0) {
    logger.warn('no API keys configured (API_KEYS / API_KEYS_FILE): every contract route answers 401');
  }
  await app.listen({ host: config.api.host, port: config.api.port });
  logger.info({ keys: keys.length, taskQueue: config.temporal.taskQueue }, 'API listening; docs at /docs');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.close();
  await client.connection.close();
  await ops.server.close();
  await tracing.shutdown();
  logger.info('API stopped');
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
