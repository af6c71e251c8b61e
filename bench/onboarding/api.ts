/**
 * The public API the campaign goes through: the HTTP API (clients/api/server.ts) served in-process on
 * a free port and called with the typed HTTP client — a sales key onboards, an engineer key acts —
 * or, where the HTTP server is not available, the same ContractsApi directly over Temporal.
 */
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { generateApiKey } from '../../clients/api/keys';
import { buildApiServer } from '../../clients/api/server';
import type { ContractsApi } from '../../clients/sdk/api-contract';
import { HttpContractsClient } from '../../clients/sdk/http';
import { TemporalContractsClient } from '../../clients/sdk/temporal';
import type { Logger } from '../../platform/logger';

export interface BenchApi {
  /** "HTTP API (in-process Fastify)" or "ContractsApi over the Temporal client". */
  kind: string;
  sales: ContractsApi;
  engineer: ContractsApi;
  close(): Promise<void>;
}

/** `http` (default): through the HTTP API; `temporal`: the same interface straight over Temporal. */
export async function openBenchApi(
  client: Client,
  taskQueue: string,
  logger: Logger,
  via: 'http' | 'temporal' = 'http',
): Promise<BenchApi> {
  const direct = new TemporalContractsClient(client, { taskQueue, requestedBy: 'bench-sales' });
  if (via === 'temporal') {
    return {
      kind: 'ContractsApi over the Temporal client',
      sales: direct,
      engineer: direct,
      close: async () => undefined,
    };
  }
  const sales = generateApiKey('bench-sales', 'sales');
  const engineer = generateApiKey('bench-engineer', 'engineer');
  // Request lines are logged at info; the benchmark logs warnings only (see docs/benchmarks.md).
  const app = await buildApiServer({ contracts: direct, keys: [sales.record, engineer.record], logger });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    kind: 'the HTTP API (clients/api/server.ts, in-process Fastify) and its typed HTTP client',
    sales: new HttpContractsClient({ baseUrl, apiKey: sales.key }),
    engineer: new HttpContractsClient({ baseUrl, apiKey: engineer.key }),
    close: () => app.close(),
  };
}
