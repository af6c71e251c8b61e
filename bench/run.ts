/**
 * `npm run bench` — what one worker and one Temporal server carry, where the time goes, and how our
 * code compares with what Temporal itself costs (ratios measured side by side in one run).
 * Writes bench/results/latest.json, summary.md and the charts. See docs/benchmarks.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBenchInfra } from './infra';
import { benchInventory } from './inventory';
import { describeMachine, describeServer } from './machine';
import { bundleOnce, benchOnboarding } from './onboarding/section';
import { parseOptions, type BenchOptions } from './options';
import { benchPublish } from './publish';
import { renderCharts, renderSummary, type BenchResults } from './report';
import { benchLifetime } from './lifetime';
import { benchObservability } from './observability';
import { failedProof } from './observability-verdict';
import { benchScale } from './scale';
import { benchWorkers } from './workers';
import { lostWork } from './workers-checks';
import { ServiceUnreachable } from './preflight';

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** A section that fails is reported in the results (and the exit code), and the others still run. */
const failures: Record<string, string> = {};

async function timedSection<T>(
  name: string,
  work: () => Promise<T>,
  timings: Record<string, number>,
): Promise<T | undefined> {
  log(`${name}…`);
  const started = performance.now();
  try {
    return await work();
  } catch (err) {
    failures[name] = err instanceof Error ? (err.stack ?? err.message) : String(err);
    log(`${name} FAILED: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  } finally {
    timings[name] = Math.round((performance.now() - started) / 100) / 10;
    log(`${name} took ${timings[name]} s`);
  }
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const started = new Date();
  const machine = describeMachine();
  const sectionSeconds: Record<string, number> = {};
  const results: BenchResults = { startedAt: started.toISOString(), options, machine, sectionSeconds };
  const infra = await openBenchInfra();
  machine.temporalServer = await describeServer(infra.client, options.profile);
  const on = (s: BenchOptions['sections'][number]) => options.sections.includes(s);
  try {
    if (on('publish')) {
      results.publish = await timedSection(
        'publish',
        () => benchPublish(infra, options.publishEvents, options.repeats),
        sectionSeconds,
      );
    }
    if (on('inventory')) {
      results.inventory = await timedSection(
        'inventory',
        () => benchInventory(options.allocations, options.repeats),
        sectionSeconds,
      );
    }
    if (on('onboarding') || on('workers') || on('scale')) {
      const bundles = (await timedSection('bundle workflows', bundleOnce, sectionSeconds))!;
      if (on('onboarding')) {
        results.onboarding = await timedSection(
          'onboarding + floor',
          () => benchOnboarding(infra, bundles, options),
          sectionSeconds,
        );
      }
      if (on('workers')) {
        results.workers = await timedSection(
          'workers',
          () =>
            benchWorkers(infra, bundles, { workers: options.workers, contracts: options.workersContracts }),
          sectionSeconds,
        );
        // Lost work is a failure of the run, not a figure: `npm test` runs the quick bench to check it.
        const lost = results.workers && lostWork(results.workers.checks);
        if (lost) failures.workers = lost;
      }
      if (on('scale')) {
        results.scale = await timedSection(
          'scale',
          () =>
            benchScale(infra, bundles, {
              scale: options.scale,
              scaleCache: options.scaleCache,
              boundedCache: options.scaleBoundedCache,
              floorCount: options.scaleFloor,
              timeBoxSeconds: options.scaleSeconds,
              profile: options.profile,
            }),
          sectionSeconds,
        );
      }
    }
    if (on('lifetime')) {
      results.lifetime = await timedSection(
        'lifetime',
        () => benchLifetime(options.lifetimeMonths, options.repeats),
        sectionSeconds,
      );
    }
    if (on('observability')) {
      results.observability = await timedSection(
        'observability',
        () =>
          benchObservability(infra, {
            contracts: options.observabilityContracts,
            pairs: options.repeats,
            on: options.observabilityOn,
          }),
        sectionSeconds,
      );
      // "On" that was not on (no scrape answered, no span arrived) fails the run, figures kept.
      const unproven = results.observability && failedProof(results.observability.checks);
      if (unproven) failures.observability = unproven;
    }
  } finally {
    await infra.close();
  }
  results.totalSeconds = Math.round((Date.now() - started.getTime()) / 100) / 10;
  if (Object.keys(failures).length) results.failures = failures;
  return results;
}

function write(options: BenchOptions, results: BenchResults): string[] {
  mkdirSync(options.outDir, { recursive: true });
  const files: Record<string, string> = {
    'latest.json': `${JSON.stringify(results, null, 2)}\n`,
    'summary.md': renderSummary(results),
    ...renderCharts(results),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(options.outDir, name), text);
  return Object.keys(files).map((f) => join(options.outDir, f));
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  log(`sections ${options.sections.join(', ')}; ${options.quick ? 'quick' : 'default'} sizes`);
  const results = await runBench(options);
  for (const file of write(options, results)) log(`wrote ${file}`);
  log(`total ${results.totalSeconds} s`);
  if (results.failures) throw new Error(`sections failed: ${Object.keys(results.failures).join(', ')}`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0), // the Temporal runtime keeps handles open; the results are written
    (err: unknown) => {
      // A missing service is the user's to fix, not ours to debug: one line, no stack trace.
      if (err instanceof ServiceUnreachable) console.error(`[bench] error: ${err.message}`);
      else console.error(err);
      process.exit(1);
    },
  );
}
