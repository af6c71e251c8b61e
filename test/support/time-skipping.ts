/**
 * The time-skipping test server installed by infra/ (never downloaded at run time by the SDK).
 * One environment per test file; each test uses its own task queue.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';

export function testServerPath(): string {
  const infraDir = process.env.INFRA_DIR ?? join(__dirname, '..', '..', '.infra');
  const path = join(infraDir, 'bin', 'temporal-test-server');
  if (!existsSync(path)) {
    throw new Error(`time-skipping test server not installed at ${path}: run 'npm run infra:install'`);
  }
  return path;
}

export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testServerPath() } },
  });
}
