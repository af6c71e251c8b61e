/**
 * The obligations inbox's rules without Temporal: one item per open obligation a person discharges, of
 * the role's parties; filters party / assignee / due-before; order by due date (undated last, then
 * contract and obligation id); `truncated` past the limit; sales read-only.
 */
import { ObligationsQuerySchema, type ContractSummary } from '../../../clients/sdk/api-contract';
import { obligationItems, statusesOf } from '../../../clients/sdk/obligations';
import type { ContractStatus, Obligation } from '../../../domain/lifecycle/status';

const summary = (contractNo: string): ContractSummary => ({
  contractNo,
  workflowId: `contract-${contractNo}`,
  products: ['dedicated-line'],
  region: '北京市',
  executionStatus: 'running',
  startedAt: '2026-11-20T01:00:00.000Z',
});

const ob = (id: string, over: Partial<Obligation> = {}): Obligation => ({
  id,
  kind: 'line-installation',
  party: 'engineer',
  action: 'confirm-installation',
  subject: {},
  overdue: false,
  summary: id,
  ...over,
});

const status = (contractNo: string, obligations: Obligation[], stage = 'provisioning') =>
  ({
    contractNo,
    workflowId: `contract-${contractNo}`,
    customerName: `c ${contractNo}`,
    stage,
    obligations,
  }) as ContractStatus;

const contracts = [
  {
    summary: summary('B'),
    status: status('B', [
      ob('line:1', { dueDate: '2026-12-10', assignee: { by: 'eng-1', since: '2026-12-01T00:00:00Z' } }),
      ob('line:0', { dueDate: '2026-12-10' }),
      // Discharged by a fact, not a person: never in the inbox.
      ob('payment:1', { party: 'billing', kind: 'payment', action: undefined, fact: 'payment-received' }),
    ]),
  },
  {
    summary: summary('A'),
    status: status(
      'A',
      [
        ob('sign-off', { party: 'customer', kind: 'acceptance', action: 'sign-off' }),
        ob('line:0', { dueDate: '2026-12-10' }),
        ob('review', {
          party: 'reviewer',
          kind: 'qualification-decision',
          action: 'approve',
          dueDate: '2026-12-03',
        }),
      ],
      'acceptance',
    ),
  },
];
const filters = (q: Record<string, unknown> = {}) => ObligationsQuerySchema.parse(q);
const engineer = { keyId: 'eng-1', role: 'engineer' as const, readOnly: false };
const ids = (r: ReturnType<typeof obligationItems>) =>
  r.items.map((i) => `${i.contractNo}/${i.obligation.id}`);

test('one item per person-discharged obligation, earliest due first, undated last, then contract and id', () => {
  const result = obligationItems(contracts, filters(), engineer);
  expect(ids(result)).toEqual(['A/review', 'A/line:0', 'B/line:0', 'B/line:1', 'A/sign-off']);
  expect(result.truncated).toBe(false);
  expect(result.items[0]).toMatchObject({
    workflowId: 'contract-A',
    customerName: 'c A',
    products: ['dedicated-line'],
    region: '北京市',
    stage: 'acceptance',
    actionable: true,
  });
});

test('party, mine, unassigned and due-before (strictly before; undated left out) narrow the list', () => {
  expect(ids(obligationItems(contracts, filters({ party: 'reviewer' }), engineer))).toEqual(['A/review']);
  expect(ids(obligationItems(contracts, filters({ assignee: 'mine' }), engineer))).toEqual(['B/line:1']);
  expect(
    ids(obligationItems(contracts, filters({ assignee: 'mine' }), { ...engineer, keyId: 'eng-2' })),
  ).toEqual([]);
  expect(ids(obligationItems(contracts, filters({ assignee: 'unassigned' }), engineer))).not.toContain(
    'B/line:1',
  );
  expect(ids(obligationItems(contracts, filters({ dueBefore: '2026-12-10' }), engineer))).toEqual([
    'A/review',
  ]);
  expect(ids(obligationItems(contracts, filters({ stage: 'provisioning' }), engineer))).toEqual([
    'B/line:0',
    'B/line:1',
  ]);
});

test('over the limit: the earliest ones, and truncated', () => {
  const result = obligationItems(contracts, filters({ limit: 2 }), engineer);
  expect(ids(result)).toEqual(['A/review', 'A/line:0']);
  expect(result.truncated).toBe(true);
});

test("sales sees only the customer's obligations, read-only; billing works on none", () => {
  const sales = obligationItems(contracts, filters(), { keyId: 's', role: 'sales', readOnly: true });
  expect(sales.items.map((i) => [i.obligation.id, i.actionable])).toEqual([['sign-off', false]]);
  expect(
    obligationItems(contracts, filters(), { keyId: 'b', role: 'billing', readOnly: false }).items,
  ).toEqual([]);
});

test('a contract that does not answer its status query is left out, the others still listed', async () => {
  const answered = await statusesOf([summary('A'), summary('X')], (no) =>
    no === 'A' ? Promise.resolve(contracts[1]!.status) : Promise.reject(new Error('timed out')),
  );
  expect(answered.map((a) => a.summary.contractNo)).toEqual(['A']);
});
