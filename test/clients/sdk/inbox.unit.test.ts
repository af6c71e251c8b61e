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

/** A contract in review whose reviewer owes a decision by `due` (or by no date). */
const status = (contractNo: string, due?: string) =>
  ({
    contractNo,
    customerName: `customer of ${contractNo}`,
    stage: 'qualification',
    waitingFor: 'a reviewer decision',
    deadlines: due ? [{ name: 'qualification review', date: due }] : [],
    obligations: [
      {
        id: 'qualification-decision',
        kind: 'qualification-decision',
        party: 'reviewer',
        action: 'approve',
        subject: {},
        ...(due ? { dueDate: due } : {}),
        overdue: false,
        summary: 'a reviewer decision',
      },
    ],
  }) as ContractStatus;

test('sorted by the nearest deadline; contracts without one come last; a failed query falls back to the summary', async () => {
  const statuses: Record<string, ContractStatus> = {
    A: status('A', '2026-12-03'),
    B: status('B'),
    C: status('C', '2026-11-28'),
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
  expect(items[0]!.obligations.map((o) => o.kind)).toEqual(['qualification-decision']);
  expect(items[1]).toMatchObject({
    stage: 'provisioning',
    obligations: [],
    waitingFor: expect.stringMatching(/^status unavailable/) as string,
  });
});
