/** wiringCheck on the time-skipping test server, with a capturing publisher in place of the broker. */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { PublishRequest } from '../../activities/kafka/publisher';
import { bundleContractWorkflows } from '../../workers/workflow-bundle';
import { wiringCheck } from '../../workflows/wiringCheck';
import { createTimeSkippingEnv } from '../support/time-skipping';

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  env = await createTimeSkippingEnv();
  bundle = await bundleContractWorkflows();
});

afterAll(async () => {
  await env?.teardown();
});

test('publishes one wiring-check event whose id is the workflow result', async () => {
  const taskQueue = `wf-${randomUUID()}`;
  const published: PublishRequest[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: { publishEvent: async (r: PublishRequest) => void published.push(r) },
  });

  const result = await worker.runUntil(
    env.client.workflow.execute(wiringCheck, {
      taskQueue,
      workflowId: 'check-1',
      args: [{ checkId: 'check-1' }],
    }),
  );

  expect(published).toHaveLength(1);
  expect(published[0]).toMatchObject({
    topic: 'system',
    event: { id: result.eventId, subject: 'check-1', type: 'telecom.system.wiring-checked.v1' },
  });
});

test('a failing broker makes the workflow wait and retry, not fail', async () => {
  const taskQueue = `wf-${randomUUID()}`;
  let attempts = 0;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: {
      publishEvent: async () => {
        attempts += 1;
        if (attempts < 4) throw new Error('KafkaJSConnectionError: broker unreachable');
      },
    },
  });

  await worker.runUntil(
    env.client.workflow.execute(wiringCheck, {
      taskQueue,
      workflowId: 'check-2',
      args: [{ checkId: 'check-2' }],
    }),
  );
  expect(attempts).toBe(4);
});
