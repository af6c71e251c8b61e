// The observability section's pure parts: /proc parsing, the worker's environment per mode, on / off
// ratios, the proof checks, the report lines and the options (the probes: observability-probes.unit.test.ts).
import { parseOptions } from '../../bench/options';
import type { ObservabilityFigures } from '../../bench/observability';
import { cpuSeconds, parseProcStat, parseProcStatus } from '../../bench/observability-proc';
import {
  failedProof,
  observabilityChecks,
  onOffRatios,
  proofRequired,
  type ObservabilityRun,
} from '../../bench/observability-verdict';
import { workerEnv } from '../../bench/observability-worker';
import type { BenchResults } from '../../bench/report';
import { observabilitySection } from '../../bench/report/observability';
import { ratiosChart } from '../../bench/report/ratios';

test('utime and stime are fields 14 and 15, counted after the last parenthesis of the name', () => {
  const line =
    '4242 (node (worker) x) S 1 4242 9 0 -1 4194304 102 0 0 0 1234 567 0 0 20 0 12 0 82462 3133440 412';
  expect(parseProcStat(line)).toEqual({ userTicks: 1234, systemTicks: 567 });
  expect(() => parseProcStat('garbage')).toThrow('not a /proc');
  expect(() => parseProcStat('1 (x) S 1 2')).toThrow('no utime/stime');
  // This very process: a positive, growing figure.
  expect(cpuSeconds(process.pid)).toBeGreaterThan(0);
});

test('RSS and its kernel peak come from /proc/<pid>/status in MiB', () => {
  const status = 'Name:\tnode\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t12\n';
  expect(parseProcStatus(status)).toEqual({ rssMiB: 100, peakRssMiB: 200 });
  expect(() => parseProcStatus('Name:\tnode\n')).toThrow('VmRSS');
});
test('off has no OTEL_* and metrics disabled; on exports traces to the receiver; never DATABASE_URL', () => {
  const base = {
    PATH: '/bin',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
    OTEL_SERVICE_NAME: 'x',
    METRICS_PORT: '9464',
    DATABASE_URL: 'postgres://x',
  };
  const common = { taskQueue: 'q', topicPrefix: 'bench-1.', inventoryDir: '/tmp/i', metricsPort: 5000 };
  const off = workerEnv(base, { ...common, mode: 'off' });
  expect(Object.keys(off).filter((k) => k.startsWith('OTEL_'))).toEqual([]);
  expect(off).toMatchObject({ METRICS_ENABLED: 'false', METRICS_PORT: '5000', PATH: '/bin' });
  expect(off.DATABASE_URL).toBeUndefined();
  const on = workerEnv(base, { ...common, mode: 'on', otlpEndpoint: 'http://127.0.0.1:7' });
  expect(on).toMatchObject({
    METRICS_ENABLED: 'true',
    OTEL_TRACES_EXPORTER: 'otlp',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:7',
    TEMPORAL_TASK_QUEUE: 'q',
    INVENTORY_DATA_DIR: '/tmp/i',
  });
  expect(on.OTEL_SERVICE_NAME).toBeUndefined();
  expect(() => workerEnv(base, { ...common, mode: 'on' })).toThrow('OTLP endpoint');
  // "On" narrowed to one feature, to split the cost.
  const metricsOnly = workerEnv(base, { ...common, mode: 'on', features: ['metrics'] });
  expect(metricsOnly.METRICS_ENABLED).toBe('true');
  expect(Object.keys(metricsOnly).filter((k) => k.startsWith('OTEL_'))).toEqual([]);
  const tracesOnly = workerEnv(base, {
    ...common,
    mode: 'on',
    features: ['traces'],
    otlpEndpoint: 'http://127.0.0.1:7',
  });
  expect(tracesOnly).toMatchObject({ METRICS_ENABLED: 'false', OTEL_TRACES_EXPORTER: 'otlp' });
});

const run = (over: Partial<ObservabilityRun>): ObservabilityRun => ({
  pair: 0,
  mode: 'off',
  order: 1,
  contracts: 10,
  completed: 10,
  failed: 0,
  startSeconds: 8,
  startCpuSeconds: 9,
  wallSeconds: 20,
  cpuSeconds: 2,
  cpuMsPerContract: 200,
  rss: { beforeMiB: 180, peakMiB: 200, endMiB: 190, samples: 100 },
  heap: { beforeMiB: 60, endMiB: 70 },
  healthz: 200,
  metricsStatus: 404,
  otlp: { requests: 0, bytes: 0, spans: 0, spanKinds: {}, unreadable: 0 },
  exit: 'exit 0',
  ...over,
});
const on = (over: Partial<ObservabilityRun> = {}) =>
  run({
    mode: 'on',
    order: 2,
    cpuMsPerContract: 250,
    rss: { beforeMiB: 190, peakMiB: 220, endMiB: 209, samples: 100 },
    heap: { beforeMiB: 62, endMiB: 75.5 },
    metricsStatus: 200,
    scrape: { ok: 20, failed: 0, bytes: 1e5, series: 300, tcoSeries: 20, temporalSeries: 80 },
    otlp: {
      requests: 4,
      bytes: 9000,
      spans: 120,
      spanKinds: { RunActivity: 100, RunWorkflow: 20 },
      unreadable: 0,
    },
    ...over,
  });

test('on / off is paired within each pair, whatever order the two ran in', () => {
  const runs = [
    run({}),
    on({}),
    on({ pair: 1, order: 1, cpuMsPerContract: 300 }),
    run({ pair: 1, order: 2, cpuMsPerContract: 100 }),
  ];
  const ratios = onOffRatios(runs);
  expect(ratios.cpuPerContract.runs).toEqual([1.25, 3]);
  expect(ratios.peakRss.runs).toEqual([1.1, 1.1]);
  expect(ratios.endRss.median).toBeCloseTo(1.1);
  expect(ratios.wallPerContract.median).toBe(1);
  expect(ratios.difference.cpuMsPerContract.runs).toEqual([50, 200]);
  expect(ratios.difference.peakRssMiB.median).toBe(20);
  expect(ratios.difference.endHeapMiB.median).toBe(5.5);
  expect(() => onOffRatios([run({})])).toThrow('no on run');
});

test('every feature "on" switches on must show itself; one left off is not asked to', () => {
  expect(proofRequired()).toMatchObject({ metrics: true, traces: true, why: '"on" is metrics + traces' });
  expect(proofRequired(['traces'])).toMatchObject({ metrics: false, traces: true, why: '"on" is traces' });
  expect(proofRequired(['metrics'])).toMatchObject({ metrics: true, traces: false });
});

test('an "on" without scrapes or spans fails only where required; a lost contract always fails', () => {
  const all = { metrics: true, traces: true, why: '' };
  expect(failedProof(observabilityChecks([run({}), on({})], all))).toBeUndefined();
  const dark = [run({ metricsStatus: undefined }), on({ scrape: undefined, otlp: run({}).otlp })];
  const failed = failedProof(observabilityChecks(dark, all))!;
  expect(failed).toContain('on: /metrics scraped every second answered: pair 1: 0 ok');
  expect(failed).toContain('on: spans received over OTLP');
  expect(failedProof(observabilityChecks(dark, { metrics: false, traces: false, why: '' }))).toBeUndefined();
  const leaky = observabilityChecks([run({ metricsStatus: 200, otlp: on().otlp }), on({})], all);
  expect(failedProof(leaky)).toMatch(/off: \/metrics not served.*off: no spans exported/);
  const lost = observabilityChecks(
    [run({ completed: 9, failed: 1, firstFailure: 'X-1: timed out' }), on({})],
    { metrics: false, traces: false, why: '' },
  );
  expect(failedProof(lost)).toContain('every contract reached billing start, on and off: X-1: timed out');
});

test('the report gives the ratios, every run, the span kinds and the checks; the ratios chart inverts', () => {
  const runs = [run({}), on({})];
  const figures: ObservabilityFigures = {
    parameters: {
      contracts: 10,
      warmUp: 5,
      concurrency: 10,
      pairs: 1,
      on: 'metrics + traces',
      scrapeEverySeconds: 1,
      rssSampleMs: 200,
      worker: 'workers/main.ts',
      api: 'the HTTP API',
      proof: 'metrics required, traces required',
    },
    runs,
    ratios: onOffRatios(runs),
    checks: observabilityChecks(runs, { metrics: false, traces: true, why: '' }),
  };
  const md = observabilitySection(figures);
  expect(md).toContain('| worker CPU per contract | **1.25 (1.25–1.25)** | 50 (50–50) ms |');
  expect(md).toContain('| worker peak RSS | **1.1 (1.1–1.1)** | 20 (20–20) MiB |');
  expect(md).toContain(
    '| 1.1 | off | 10/10 | 20 | 2 | 200 | 180 / 200 / 190 | 60 / 70 | 8 (9) | – (GET → 404) | 0 (0, 0) | exit 0 |',
  );
  expect(md).toContain(
    '| 1.2 | on | 10/10 | 20 | 2 | 250 | 190 / 220 / 209 | 62 / 75.5 | 8 (9) | 20 / 0 (300) | 120 (4, 8.79) | exit 0 |',
  );
  expect(md).toContain('by name: RunActivity 100, RunWorkflow 20.');
  expect(md).toContain('| on: spans received over OTLP | ok |');
  const results = { observability: figures } as unknown as BenchResults;
  const svg = ratiosChart(results)['ratios.svg']!;
  expect(svg).toContain('worker CPU per contract, observability off / on');
  expect(svg).toContain('>0.8<');
});

test('the section is in the default run and in --only, with its own contract count', () => {
  expect(parseOptions([]).sections).toContain('observability');
  expect(parseOptions([]).observabilityContracts).toBe(30);
  expect(parseOptions(['--quick']).observabilityContracts).toBe(5);
  expect(parseOptions(['--only', 'observability', '--observability-contracts', '12'])).toMatchObject({
    sections: ['observability'],
    observabilityContracts: 12,
  });
  expect(parseOptions([]).observabilityOn).toEqual(['metrics', 'traces']);
  expect(parseOptions(['--observability-on', 'traces']).observabilityOn).toEqual(['traces']);
  expect(() => parseOptions(['--observability-on', 'logs'])).toThrow('--observability-on: choose from');
});
