/**
 * Issue #16 item 7 on the real dev server: a contract onboarded through the typed client carries its
 * static summary and details (the Web UI's list and workflow page), and the workflow sets NextDeadline
 * and the Details panel as soon as it runs.
 */
import { contractDetails, contractHeadline } from '../../../domain/decider/explain';
import { TemporalContractsClient } from '../../../clients/sdk/temporal';
import { NextDeadlineKey } from '../../../workflows/search-attributes';
import { startApiTestEnv, uniqueSpec, type ApiTestEnv } from '../api/support';
import { waitFor } from '../../support/wait';

let env: ApiTestEnv;
let direct: TemporalContractsClient;
beforeAll(async () => {
  env = await startApiTestEnv('temporal-ui');
  direct = new TemporalContractsClient(env.temporal, { taskQueue: env.taskQueue, requestedBy: 'crm-ui' });
});
afterAll(async () => {
  await env?.stop();
});

test('given 001 onboarded, then the Web UI shows its number, customer and product, its terms, what it waits for and a NextDeadline', async () => {
  const spec = uniqueSpec('JSCZE2208138CGN00');
  const { workflowId } = await direct.onboard(spec);
  const handle = env.temporal.workflow.getHandle(workflowId);
  const description = await handle.describe();
  expect(await description.staticSummary()).toBe(contractHeadline(spec));
  expect(await description.staticDetails()).toBe(contractDetails(spec));
  expect(await description.staticSummary()).toMatch(
    /^JSCZE2208138CGN00-[0-9A-F]{8} · 常州市城市管理局 · dedicated-line$/,
  );

  const shown = await waitFor('NextDeadline and the Details panel', async () => {
    const deadline = (await handle.describe()).typedSearchAttributes.get(NextDeadlineKey);
    const { currentDetails } = await handle.query<{ currentDetails?: string }>(
      '__temporal_workflow_metadata',
    );
    return deadline && currentDetails?.includes('`qualification-decision`')
      ? { deadline, currentDetails }
      : undefined;
  });
  expect(shown.currentDetails).toMatch(/^\*\*qualification\*\* — waiting for /);
  expect(shown.deadline.getTime()).toBeGreaterThan(Date.now() - 86_400_000);
  await handle.terminate('test finished');
});
