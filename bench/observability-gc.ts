/**
 * Preloaded (`--require`) into the worker under test, with `--expose-gc`: on the bench's "measure"
 * message it collects garbage and answers with its memory. workers/main.ts itself is unchanged; this
 * only lets the bench read memory after a GC, so what the workflow bundler left behind at start-up
 * (hundreds of MiB of garbage, collected whenever V8 gets round to it) does not decide the comparison.
 * The channel does not keep the worker alive: the bench disconnects it before stopping the worker.
 */
process.on('message', (message) => {
  if (message !== 'measure') return;
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  process.send?.({ rss: m.rss, heapUsed: m.heapUsed, external: m.external });
});
