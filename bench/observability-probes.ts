/**
 * The two things that make "metrics and tracing on" real for a worker under test: a small OTLP/HTTP
 * trace receiver (what a collector is to the worker: it takes POST /v1/traces, counts requests, bytes
 * and spans, and answers 200) and a Prometheus-like scraper reading /metrics every second (harsher than
 * Prometheus's usual 15 s). Both prove the features were on; neither keeps what it received.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** A protobuf varint at `pos`: its value and the position after it. */
function varint(buf: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let scale = 1;
  for (let i = pos; i < buf.length && i < pos + 10; i++) {
    const byte = buf[i]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if (byte < 0x80) return [value, i + 1];
  }
  throw new Error('protobuf: truncated varint');
}

/** The length-delimited fields numbered `field` of one protobuf message (unknown wire types throw). */
function subMessages(buf: Uint8Array, field: number): Uint8Array[] {
  const found: Uint8Array[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = varint(buf, pos);
    const wire = key % 8;
    pos = afterKey;
    if (wire === 0) pos = varint(buf, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [length, start] = varint(buf, pos);
      if (start + length > buf.length) throw new Error('protobuf: field runs past the message');
      if (Math.floor(key / 8) === field) found.push(buf.subarray(start, start + length));
      pos = start + length;
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
  return found;
}

/** Span names cut at the first ':' ("RunActivity:publishContractEvent" → "RunActivity"): a bounded set. */
const kindOf = (name: string) => name.split(':')[0]!.trim() || '(unnamed)';

/**
 * Spans in one OTLP ExportTraceServiceRequest, JSON (exporter-trace-otlp-http) or protobuf
 * (exporter-trace-otlp-proto): resource_spans (1) → scope_spans (2) → spans (2), name = field 5.
 */
export function spansIn(body: Uint8Array, contentType: string): { spans: number; kinds: string[] } {
  const kinds: string[] = [];
  if (contentType.includes('json')) {
    type Json = { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: Array<{ name?: string }> }> }> };
    const request = JSON.parse(Buffer.from(body).toString('utf8')) as Json;
    for (const r of request.resourceSpans ?? [])
      for (const s of r.scopeSpans ?? [])
        for (const span of s.spans ?? []) kinds.push(kindOf(span.name ?? ''));
  } else {
    for (const r of subMessages(body, 1))
      for (const s of subMessages(r, 2))
        for (const span of subMessages(s, 2)) {
          const name = subMessages(span, 5)[0];
          kinds.push(kindOf(name ? Buffer.from(name).toString('utf8') : ''));
        }
  }
  return { spans: kinds.length, kinds };
}

export interface OtlpFigures {
  requests: number;
  bytes: number;
  spans: number;
  /** Spans per name kind (RunWorkflow, RunActivity, StartActivity, …). */
  spanKinds: Record<string, number>;
  /** Requests we could not read (counted, answered 400). */
  unreadable: number;
}

export interface OtlpReceiver {
  /** http://127.0.0.1:<port>, for OTEL_EXPORTER_OTLP_ENDPOINT (the exporter appends /v1/traces). */
  endpoint: string;
  /** What arrived since the last reset. */
  figures(): OtlpFigures;
  reset(): void;
  close(): Promise<void>;
}

const empty = (): OtlpFigures => ({ requests: 0, bytes: 0, spans: 0, spanKinds: {}, unreadable: 0 });

export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  let figures = empty();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const raw = Buffer.concat(chunks);
      figures.requests += 1;
      figures.bytes += raw.length;
      const contentType = req.headers['content-type'] ?? '';
      try {
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const { spans, kinds } = spansIn(body, contentType);
        figures.spans += spans;
        for (const k of kinds) figures.spanKinds[k] = (figures.spanKinds[k] ?? 0) + 1;
      } catch {
        figures.unreadable += 1;
        res.writeHead(400).end();
        return;
      }
      // An empty ExportTraceServiceResponse: full success, in the encoding the exporter sent.
      if (contentType.includes('json')) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    figures: () => ({ ...figures, spanKinds: { ...figures.spanKinds } }),
    reset: () => (figures = empty()),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ScrapeFigures {
  ok: number;
  failed: number;
  /** Status or error of the first failed scrape, if any. */
  firstFailure?: string;
  bytes: number;
  /** Of the last successful scrape: sample lines, and those of our metrics and of the SDK's runtime. */
  series: number;
  tcoSeries: number;
  temporalSeries: number;
}

/** Sample lines of a Prometheus text exposition, all and by prefix. */
export function countSeries(text: string): { series: number; tcoSeries: number; temporalSeries: number } {
  const samples = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  return {
    series: samples.length,
    tcoSeries: samples.filter((l) => l.startsWith('tco_')).length,
    temporalSeries: samples.filter((l) => l.startsWith('temporal_')).length,
  };
}

/** GET `url` every `everyMs` (one at a time, each with a deadline) until stopped. */
export function startScraper(url: string, everyMs = 1000): { stop(): Promise<ScrapeFigures> } {
  const figures: ScrapeFigures = { ok: 0, failed: 0, bytes: 0, series: 0, tcoSeries: 0, temporalSeries: 0 };
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(everyMs * 5) });
        const text = await res.text();
        if (res.ok) {
          figures.ok += 1;
          figures.bytes += Buffer.byteLength(text);
          Object.assign(figures, countSeries(text));
        } else {
          figures.failed += 1;
          figures.firstFailure ??= `HTTP ${res.status}`;
        }
      } catch (err) {
        figures.failed += 1;
        figures.firstFailure ??=
          err instanceof Error ? (err.cause as Error)?.message || err.message : String(err);
      }
      const pause = Math.max(0, everyMs - (Date.now() - started));
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, pause);
      });
    }
  })();
  return {
    stop: async () => {
      running = false;
      wake?.();
      await loop;
      return { ...figures };
    },
  };
}

/** One GET: the status code, or undefined when nothing answers. */
export async function httpStatus(url: string, timeoutMs = 2000): Promise<number | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return undefined;
  }
}
