/**
 * The console's static files, served by the API process at /console (no key needed to load them; every
 * data call the page makes sends its key). Built at start when dist/ is missing or older than the
 * sources, then held in memory with a gzip copy, so a fresh clone's `npm run api` serves a working
 * console and a request never touches the disk.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildConsole, consoleIsStale, DIST_DIR, DIST_FILES } from './build';

const TYPES: Record<(typeof DIST_FILES)[number], string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};

interface Asset {
  type: string;
  raw: Buffer;
  gzip: Buffer;
}

export async function loadConsoleAssets(): Promise<Map<string, Asset>> {
  if (consoleIsStale()) await buildConsole();
  return new Map(
    DIST_FILES.map((name) => {
      const raw = readFileSync(join(DIST_DIR, name));
      return [name, { type: TYPES[name], raw, gzip: gzipSync(raw, { level: 9 }) }];
    }),
  );
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function registerConsole(app: FastifyInstance): Promise<void> {
  const assets = await loadConsoleAssets();
  const send = (name: string) => (request: FastifyRequest, reply: FastifyReply) => {
    const asset = assets.get(name)!;
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    void reply
      .header('content-type', asset.type)
      .header('vary', 'accept-encoding')
      // The page is small and changes with each deploy: revalidate rather than cache stale code.
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      // The page holds an API key: only its own script and style run, it talks only to this API, it is
      // never framed (clickjacking of the action buttons) and leaks no URL with filters to other sites.
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY');
    if (gzip) void reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? asset.gzip : asset.raw);
  };
  app.get('/console', { schema: { hide: true } }, (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', { schema: { hide: true } }, send('index.html'));
  for (const name of DIST_FILES) app.get(`/console/${name}`, { schema: { hide: true } }, send(name));
}
