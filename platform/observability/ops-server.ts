/**
 * The ops HTTP server every long-running process runs on METRICS_HOST:METRICS_PORT, apart from any
 * public port: GET /metrics (Prometheus text), /healthz (alive: the event loop answers) and /readyz
 * (connected to its dependencies; 503 naming the missing ones). Plain node:http: it must answer while
 * the process is still connecting, and nothing here may take the process down.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config-error';
import type { Logger } from '../logger';
import type { Metrics, ProcessName } from './metrics';
import type { Readiness } from './readiness';

/** Default ops port per process, so several run side by side on one host (METRICS_PORT overrides). */
export const DEFAULT_OPS_PORTS: Readonly<Record<ProcessName, number>> = {
  worker: 9464,
  api: 9465,
  intake: 9466,
  'billing-consumer': 9467,
  'codec-server': 9468,
};

export interface OpsServerOptions {
  process: ProcessName;
  host: string;
  /** undefined: the process's default port; 0: any free port (see `port` on the result and the log). */
  port?: number;
  metrics: Metrics;
  readiness: Readiness;
  logger: Logger;
}

export interface OpsServer {
  /** The port actually bound. */
  readonly port: number;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const log = options.logger.child({ component: 'ops-server' });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, JSON_TYPE, JSON.stringify({ error: 'method not allowed' }));
    }
    if (path === '/healthz') return send(res, 200, JSON_TYPE, JSON.stringify({ status: 'ok' }));
    if (path === '/readyz') {
      const report = await options.readiness.evaluate();
      return report.ready
        ? send(res, 200, JSON_TYPE, JSON.stringify({ status: 'ready', checks: report.checks }))
        : send(
            res,
            503,
            JSON_TYPE,
            JSON.stringify({ status: 'not ready', missing: report.missing, checks: report.checks }),
          );
    }
    if (path === '/metrics' && options.metrics.enabled) {
      return send(res, 200, options.metrics.contentType, await options.metrics.render());
    }
    return send(res, 404, JSON_TYPE, JSON.stringify({ error: 'not found', paths: OPS_PATHS(options) }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, 'ops request failed');
      if (!res.headersSent) send(res, 500, JSON_TYPE, JSON.stringify({ error: 'internal error' }));
      else res.destroy();
    });
  });
  // Scrapers and probes keep connections open; never let them hold a shutdown.
  server.keepAliveTimeout = 5_000;
  const port = options.port ?? DEFAULT_OPS_PORTS[options.process];
  await new Promise<void>((resolve, reject) => {
    const refused = (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EACCES' || err.code === 'EADDRNOTAVAIL'
          ? new ConfigError([
              `METRICS_PORT/METRICS_HOST: cannot listen on ${options.host}:${port} (${err.code}); ` +
                'choose another port (0 = any free port) for each process on this host',
            ])
          : err,
      );
    server.once('error', refused);
    server.listen(port, options.host, () => {
      server.off('error', refused);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  log.info({ host: options.host, port: bound, metrics: options.metrics.enabled }, 'ops server listening');
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const OPS_PATHS = (options: OpsServerOptions) =>
  options.metrics.enabled ? ['/healthz', '/readyz', '/metrics'] : ['/healthz', '/readyz'];
