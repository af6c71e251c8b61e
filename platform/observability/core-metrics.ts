/**
 * The Temporal SDK runtime's own metrics (Core's Prometheus exporter, bound on loopback only) are
 * fetched at each scrape and appended to the process's /metrics, so a worker is one scrape target.
 */
import { createServer } from 'node:net';
import type { TextSource } from './metrics';

/** A port free on 127.0.0.1 right now (Core binds its exporter there; it takes an address, not 0). */
export function freeLocalPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Core's exposition text; throws when its endpoint does not answer 200 within `timeoutMs`. */
export function coreMetricsSource(port: number, timeoutMs = 1_000): TextSource {
  return async () => {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`Temporal runtime metrics answered ${res.status}`);
    return res.text();
  };
}
