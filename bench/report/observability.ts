/** The observability section of the summary: the worker's CPU and memory with metrics + tracing on vs off. */
import type { ObservabilityFigures } from '../observability';
import type { ProofCheck } from '../observability-verdict';
import { f, s, table } from './format';

const verdict = (c: ProofCheck) => {
  if (c.ok) return 'ok';
  return c.required ? '**FAILED**' : 'not shown (not required, see the proof line)';
};

export function observabilitySection(o: ObservabilityFigures): string {
  const p = o.parameters;
  const r = o.ratios;
  const d = r.difference;
  const kinds: Record<string, number> = {};
  for (const run of o.runs.filter((x) => x.mode === 'on'))
    for (const [k, n] of Object.entries(run.otlp.spanKinds)) kinds[k] = (kinds[k] ?? 0) + n;
  const kindLine = Object.entries(kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return [
    '## 8. Observability: the worker with metrics and tracing on vs off',
    '',
    `${p.contracts} contracts per run driven to billing start (${p.warmUp ? `after ${p.warmUp} warm-up contracts, ` : ''}${p.concurrency} at once) through ${p.api}; one fresh worker per run: ${p.worker}. ${p.pairs} pair(s) of runs, the order alternating per pair; on: ${p.on}, /metrics read every ${f(p.scrapeEverySeconds)} s. CPU is the worker process's user + system time (/proc, every thread) over the measured contracts; RSS peak sampled every ${p.rssSampleMs} ms; "before" (after the warm-up) and "end" are read right after a full GC in the worker (bench/observability-gc.ts, preloaded), so the workflow bundler's start-up garbage does not decide the comparison. Proof of "on": ${p.proof}.`,
    '',
    table(
      ['paired per pair', 'on / off', 'on − off'],
      [
        ['worker CPU per contract', `**${s(r.cpuPerContract)}**`, `${s(d.cpuMsPerContract)} ms`],
        ['worker peak RSS', `**${s(r.peakRss)}**`, `${s(d.peakRssMiB)} MiB`],
        ['worker RSS at the end, after a GC', s(r.endRss), `${s(d.endRssMiB)} MiB`],
        ['main-thread heap at the end, after a GC', '', `${s(d.endHeapMiB)} MiB`],
        ['wall time per contract', s(r.wallPerContract), ''],
      ],
    ),
    '',
    table(
      [
        'pair',
        'mode',
        'completed',
        'wall s',
        'CPU s',
        'CPU ms / contract',
        'RSS MiB before / peak / end',
        'heap MiB before / end',
        'start s (CPU s)',
        '/metrics scrapes ok / failed (series), whole run',
        'spans (requests, KiB), whole run',
        'stopped',
      ],
      o.runs.map((x) => [
        `${x.pair + 1}.${x.order}`,
        x.mode,
        `${x.completed}/${x.contracts}`,
        f(x.wallSeconds),
        f(x.cpuSeconds),
        f(x.cpuMsPerContract),
        `${f(x.rss.beforeMiB)} / ${f(x.rss.peakMiB)} / ${f(x.rss.endMiB)}`,
        `${f(x.heap.beforeMiB)} / ${f(x.heap.endMiB)}`,
        `${f(x.startSeconds)} (${f(x.startCpuSeconds)})`,
        x.scrape
          ? `${x.scrape.ok} / ${x.scrape.failed} (${x.scrape.series})`
          : `– (GET → ${x.metricsStatus ?? 'no answer'})`,
        `${x.otlp.spans} (${x.otlp.requests}, ${f(x.otlp.bytes / 1024)})`,
        x.exit,
      ]),
    ),
    '',
    ...(kindLine ? [`Spans received from the "on" workers, by name: ${kindLine}.`, ''] : []),
    table(
      ['check', 'result', 'detail'],
      o.checks.map((c) => [c.check, verdict(c), c.detail.replace(/\|/g, '/')]),
    ),
  ].join('\n');
}
