/** The engineers' inbox order: nearest deadline first, undated last; a silent contract still shows. */
import { inboxItems } from '../../../clients/sdk/inbox';
import type { ContractSummary } from '../../../clients/sdk/api-contract';
import type { ContractStatus } from '../../../domain/lifecycle/status';

const summary = (contractNo: string, nextDeadline?: string): ContractSummary => ({
  contractNo,
  workflowId: `contract-${contractNo}`,
  customerName: `customer of ${contractNo}`,
  products: ['dedicated-line'],
  stage: 'provisioning',
  nextDeadline,
  executionStatus: 'running',
  startedAt: '2026-11-20T01:00:00.000Z',
});

const status = (contractNo: string, deadlines: ContractStatus['deadlines']) =>
  ({
    contractNo,
    customerName: `customer of ${contractNo}`,
    stage: 'qualification',
    waitingFor: 'documents and a reviewer decision',
    deadlines,
  }) as ContractStatus;

test('sorted by the nearest deadline; contracts without one come last; a failed query falls back to the summary', async () => {
  const statuses: Record<string, ContractStatus> = {
    A: status('A', [{ name: 'qualification review', date: '2026-12-03' }]),
    B: status('B', []),
    C: status('C', [{ name: 'acceptance', date: '2026-11-28' }]),
  };
  const items = await inboxItems(
    // D did not answer its query: its search attribute says 00:00 Shanghai on 2026-11-30.
    [summary('A'), summary('B'), summary('C'), summary('D', '2026-11-29T16:00:00.000Z')],
    (no) => (statuses[no] ? Promise.resolve(statuses[no]) : Promise.reject(new Error('query timed out'))),
  );
  expect(items.map((i) => [i.contractNo, i.nextDeadline?.date])).toEqual([
    ['C', '2026-11-28'],
    ['D', '2026-11-30'],
    ['A', '2026-12-03'],
    ['B', undefined],
  ]);
  expect(items[1]).toMatchObject({
    stage: 'provisioning',
    waitingFor: expect.stringMatching(/^status unavailable/) as string,
  });
});
