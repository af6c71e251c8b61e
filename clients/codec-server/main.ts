/**
 * Codec server process for the Temporal UI and CLI (see docs/security.md): decodes contract payloads
 * for engineers on CODEC_SERVER_HOST:CODEC_SERVER_PORT until SIGINT/SIGTERM. Run: npm run codec-server
 * (needs PAYLOAD_ENCRYPTION_KEYS and API keys from API_KEYS / API_KEYS_FILE).
 * Its ops server (METRICS_PORT, default 9468) serves /metrics, /healthz and /readyz (no dependency:
 * always ready once started).
 */
import { ConfigError, loadConfig } from '../../platform/config';
import { loadKeyRegistry } from '../../platform/key-registry';
import { createLogger } from '../../platform/logger';
import { startProcessOps } from '../../platform/observability/process-ops';
import { AesGcmPayloadCodec } from '../../platform/payload-codec';
import { buildCodecServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = loadKeyRegistry();
  const logger = createLogger({ ...config.log, name: 'codec-server' });
  const keyring = config.temporal.payloadEncryption;
  if (!keyring)
    throw new ConfigError([
      'PAYLOAD_ENCRYPTION_KEYS: required by the codec server (nothing to decode without it)',
    ]);
  const ops = await startProcessOps('codec-server', config.metrics, logger);
  const app = await buildCodecServer({
    codec: new AesGcmPayloadCodec(keyring),
    keys,
    corsOrigins: config.codecServer.corsOrigins,
    logger,
  });
  await app.listen({ host: config.codecServer.host, port: config.codecServer.port });
  logger.info(
    {
      payloadEncryption: keyring,
      corsOrigins: config.codecServer.corsOrigins,
      apiKeys: keys.length,
    },
    'codec server listening',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await app.close();
  await ops.server.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
