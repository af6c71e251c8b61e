/**
 * Recorded histories of the seed contracts (test/histories, made with RECORD_HISTORIES=1) replayed
 * against the current workflow code: a change that breaks determinism for running contracts fails
 * here, before it ships (then guard it with patched()).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from '../support/contract-driver';

const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json'));

test('there is a recorded history for each seed contract', () => {
  const seeds = new Set(files.map((f) => f.slice(0, 3)));
  expect([...seeds].sort()).toEqual(['000', '001', '002', '003', '004']);
});

test('every recorded history replays without non-determinism', async () => {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: quiet,
  });
  const histories = files.map((f) => ({
    workflowId: f.replace(/\.json$/, ''),
    history: temporal.api.history.v1.History.fromObject(
      JSON.parse(readFileSync(join(HISTORIES_DIR, f), 'utf8')) as Record<string, unknown>,
    ),
  }));
  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle, replayName: 'seed-contracts' },
    histories,
  )) {
    if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
  }
  expect(failures).toEqual([]);
  expect(histories.length).toBeGreaterThanOrEqual(7);
});

const noop = () => undefined;
const quiet = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
