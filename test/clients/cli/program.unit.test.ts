/**
 * The CLI against a recording stand-in for the API (unit layer: no servers). The real API is exercised
 * by the demo and the API's integration tests; here: parsing, input building, output and exit codes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedContract } from '../../../domain/seed-contracts';
import type { ContractStatus } from '../../../domain/lifecycle/status';
import { EXIT, runCli } from '../../../clients/cli/program';
import { displayWidth } from '../../../clients/cli/table';
import { ContractsApiError, type ContractsApi } from '../../../clients/sdk/api-contract';

// The tables fit a terminal of 100 columns (jest's stdout is not a terminal).
process.env.COLUMNS = '100';

const seed = seedContract('XJJCF2400252EGN00');

const status = (over: Partial<ContractStatus> = {}): ContractStatus => ({
  contractNo: seed.contractNo,
  customerName: seed.parties.customer.name,
  workflowId: `contract-${seed.contractNo}`,
  stage: 'qualification',
  waitingFor: 'documents and a reviewer decision (until 2024-06-03)',
  obligations: [],
  deadlines: [{ name: 'qualification review', date: '2024-06-03' }],
  checklist: [{ documentType: 'business-licence', rule: 'every enterprise customer' }],
  resources: [],
  term: { number: 1 },
  balances: { arrearsFen: 0, lateFeesFen: 0, penaltiesFen: 0, creditsFen: 0, paidFen: 0 },
  flags: [],
  decisions: [],
  events: [],
  health: 'ok',
  ...over,
});

function harness(api: Partial<ContractsApi>) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: unknown[][] = [];
  const recording = new Proxy(api, {
    get: (target, name: string) => {
      const fn = target[name as keyof ContractsApi] as ((...a: unknown[]) => unknown) | undefined;
      return (...args: unknown[]) => {
        calls.push([name, ...args]);
        if (!fn) throw new Error(`unexpected call ${name}`);
        return fn(...args);
      };
    },
  }) as ContractsApi;
  const run = (...argv: string[]) =>
    runCli(argv, { connect: () => recording, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { run, out, err, calls };
}

test('act builds the input from flags with the schema types, leaves the actor to the key, and prints the settled status', async () => {
  const after = status({
    stage: 'provisioning',
    waitingFor: 'line 3 installed; 2 more lines',
    decisions: [{ at: '2026-12-01T00:00:00Z', action: 'confirm-installation', by: 'eng-1' }],
  });
  const h = harness({
    // The settled status, the same as the Update's answer.
    get: async () => after,
    act: async () => after,
  });
  const code = await h.run(
    'act',
    seed.contractNo,
    'confirm-installation',
    '--set',
    'lineIndex=2',
    '--set',
    'circuitId=CIR-3',
  );
  expect(code).toBe(EXIT.ok);
  expect(h.calls.filter((c) => c[0] === 'act')).toEqual([
    [
      'act',
      seed.contractNo,
      'confirm-installation',
      { lineIndex: 2, circuitId: 'CIR-3' },
      { requestId: undefined },
    ],
  ]);
  expect(h.out.join('\n')).toMatch(/confirm-installation: done[\s\S]*waiting for\s+line 3 installed/);
  expect(h.err).toEqual([]);
});

test('act waits until the decision is in the log and the status stops moving, then prints that', async () => {
  const decided = { decisions: [{ at: '2026-12-01T00:00:00Z', action: 'approve', by: 'eng-1' }] };
  // The Update answered while provisioning was still reserving; reads then catch up and settle.
  const reads = [
    status({ stage: 'provisioning', waitingFor: 'field work: 1 line', ...decided }),
    status({ stage: 'provisioning', waitingFor: 'field work: 1 line', ...decided }),
  ];
  const h = harness({
    get: async () => reads.shift() ?? reads.at(-1)!,
    act: async () => status({ stage: 'provisioning', waitingFor: 'inventory reservation', ...decided }),
  });
  expect(await h.run('act', seed.contractNo, 'approve', '--idempotency-key', 'req-1')).toBe(EXIT.ok);
  expect(h.calls.find((c) => c[0] === 'act')).toEqual([
    'act',
    seed.contractNo,
    'approve',
    {},
    { requestId: 'req-1' },
  ]);
  expect(h.out.join('\n')).toMatch(/approve: done[\s\S]*waiting for\s+field work: 1 line/);
  expect(h.calls.filter((c) => c[0] === 'get')).toHaveLength(2);
});

test('--by is still accepted for one version, ignored, with a warning on stderr', async () => {
  const decided = status({ decisions: [{ at: '2026-12-01T00:00:00Z', action: 'approve', by: 'eng-1' }] });
  const h = harness({ get: async () => decided, act: async () => decided });
  expect(await h.run('act', seed.contractNo, 'approve', '--by', 'li')).toBe(EXIT.ok);
  expect(h.calls.find((c) => c[0] === 'act')?.[3]).toEqual({});
  expect(h.err.join('\n')).toMatch(/^warning: --by is ignored/);
});

test('a bad action input is refused locally (exit 2) naming the field, and nothing is sent', async () => {
  const h = harness({});
  const code = await h.run('act', seed.contractNo, 'reject');
  expect(code).toBe(EXIT.usage);
  expect(h.err.join('\n')).toContain('reason: is required');
  expect(h.calls).toEqual([]);
});

test('an unknown action is a usage error listing the actions', async () => {
  const h = harness({});
  expect(await h.run('act', seed.contractNo, 'approve-everything')).toBe(EXIT.usage);
  expect(h.err.join('\n')).toMatch(/unknown action "approve-everything": must be one of submit-document/);
});

test.each([
  [404, EXIT.notFound],
  [409, EXIT.refused],
  [401, EXIT.unauthorised],
  [403, EXIT.unauthorised],
  [400, EXIT.usage],
  [503, EXIT.unavailable],
  [500, EXIT.failure],
])('an API answer %i exits with %i and prints the problem', async (httpStatus, exitCode) => {
  const h = harness({
    get: async () => {
      throw new ContractsApiError({
        type: '/problems/x',
        title: 'Refused',
        status: httpStatus,
        detail: 'because',
      });
    },
  });
  expect(await h.run('status', 'NOPE-1')).toBe(exitCode);
  expect(h.err.join('\n')).toContain(`${httpStatus} Refused: because`);
});

test('onboard validates the file before calling the API: every bad field listed, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tco-cli-'));
  const file = join(dir, 'bad.json');
  writeFileSync(file, JSON.stringify({ ...seed, contractNo: 'lower-case', signedDate: '2024-02-30' }));
  const h = harness({});
  expect(await h.run('onboard', file)).toBe(EXIT.usage);
  expect(h.err.join('\n')).toMatch(/contractNo: must be 4-40 upper-case/);
  expect(h.err.join('\n')).toMatch(/signedDate/);
  expect(h.calls).toEqual([]);
});

test('onboard sends the parsed spec; --json prints the API answer as JSON', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tco-cli-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify(seed));
  const answer = {
    created: true,
    contractNo: seed.contractNo,
    workflowId: `contract-${seed.contractNo}`,
    status: status(),
  };
  const h = harness({ onboard: async () => answer });
  expect(await h.run('--json', 'onboard', file)).toBe(EXIT.ok);
  expect(JSON.parse(h.out.join('\n'))).toEqual(answer);
  expect((h.calls[0]?.[1] as { contractNo: string }).contractNo).toBe(seed.contractNo);
});

test('inbox lists obligations with the console filters, as the API ordered them', async () => {
  const obligation = (id: string, due: string, over: Record<string, unknown> = {}) => ({
    id,
    kind: 'line-installation' as const,
    party: 'engineer' as const,
    action: 'confirm-installation' as const,
    subject: {},
    dueDate: due,
    overdue: false,
    summary: `install ${id}`,
    ...over,
  });
  const item = (contractNo: string, ob: ReturnType<typeof obligation>) => ({
    contractNo,
    workflowId: `contract-${contractNo}`,
    customerName: '甲公司',
    products: ['dedicated-line'],
    region: '江苏省',
    stage: 'provisioning' as const,
    obligation: ob,
    actionable: true,
  });
  const h = harness({
    obligations: async () => ({
      items: [
        item(
          'A-1',
          obligation('line:0', '2026-11-27', { overdue: true, assignee: { by: 'eng-1', since: 'x' } }),
        ),
        item('B-2', obligation('line:3', '2026-12-01')),
      ],
      truncated: false,
    }),
  });
  const code = await h.run(
    'inbox',
    '--party',
    'engineer',
    '--region',
    '江苏省',
    '--product',
    'dedicated-line',
    '--stage',
    'provisioning',
    '--mine',
    '--due-before',
    '2026-12-31',
    '--limit',
    '50',
  );
  expect(code).toBe(EXIT.ok);
  expect(h.calls[0]).toEqual([
    'obligations',
    {
      party: 'engineer',
      region: '江苏省',
      product: 'dedicated-line',
      stage: 'provisioning',
      assignee: 'mine',
      dueBefore: '2026-12-31',
      limit: 50,
    },
  ]);
  const lines = h.out.join('\n').split('\n');
  expect(lines[0]).toMatch(/^DUE\s+CONTRACT\s+ID\s+OWES\s+ASSIGNEE\s+STAGE\s+REGION\s+PRODUCT\s+CUSTOMER$/);
  // Fitted to the terminal (100 columns here): the widest cells give way with an ellipsis.
  expect(lines[2]).toMatch(/^2026-11-27 !\s+A-1\s+line:0\s+install\s\S+\s+eng-1\s+provisioning/);
  expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(100);
  expect(lines[3]).toMatch(/^2026-12-01\s+B-2\s+line:3/);
  expect(lines.at(-1)).toBe('! overdue');
  expect(await h.run('inbox', '--mine', '--unassigned')).toBe(EXIT.usage);
});

describe('--json errors are the problem body, as JSON on stderr, with a non-zero exit', () => {
  test('an API refusal: its problem body as it came', async () => {
    const problem = {
      type: '/problems/action-refused',
      title: 'Action refused',
      status: 409,
      detail: 'sign-off is refused in qualification',
    };
    const h = harness({
      get: async () => {
        throw new ContractsApiError(problem);
      },
    });
    expect(await h.run('--json', 'status', 'A-1')).toBe(EXIT.refused);
    expect(JSON.parse(h.err.join('\n'))).toEqual(problem);
    expect(h.out).toEqual([]);
  });

  test.each([
    ['bad input', ['act', 'A-1', 'reject'], /reject: invalid input: reason: is required/],
    ['unknown option', ['status', 'A-1', '--nope'], /unknown option '--nope'/],
    ['unknown action', ['act', 'A-1', 'fly'], /unknown action "fly"/],
  ])('%s: a 400 problem, exit 2', async (_what, argv, detail) => {
    const h = harness({});
    expect(await h.run('--json', ...argv)).toBe(EXIT.usage);
    const body = JSON.parse(h.err.join('\n')) as Record<string, unknown>;
    expect(body).toMatchObject({ type: '/problems/invalid-request', title: 'Invalid request', status: 400 });
    expect(body.detail).toMatch(detail);
  });
});

describe('claim, unclaim and confirming many lines in one request', () => {
  const done = (action: string) =>
    status({ stage: 'provisioning', decisions: [{ at: '2026-12-01T00:00:00Z', action, by: 'eng-1' }] });

  test.each(['claim', 'unclaim'])(
    '%s <contractNo> <obligationId> sends the obligation, the key acts',
    async (verb) => {
      const h = harness({ get: async () => done(verb), act: async () => done(verb) });
      expect(await h.run(verb, seed.contractNo, 'line:3')).toBe(EXIT.ok);
      expect(h.calls[0]).toEqual([
        'act',
        seed.contractNo,
        verb,
        { obligationId: 'line:3' },
        { requestId: undefined },
      ]);
      expect(h.out.join('\n')).toContain(`${verb}: done`);
    },
  );

  test('--lines 0=CIR-1,1=CIR-2 (or @file) is one confirm-installations request', async () => {
    const h = harness({
      get: async () => done('confirm-installations'),
      act: async () => done('confirm-installations'),
    });
    expect(await h.run('act', seed.contractNo, 'confirm-installations', '--lines', '0=CIR-1, 1=CIR-2')).toBe(
      EXIT.ok,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'tco-lines-')), 'lines.txt');
    writeFileSync(file, '2=CIR-3\n3=CIR-4\n');
    expect(await h.run('act', seed.contractNo, 'confirm-installations', '--lines', `@${file}`)).toBe(EXIT.ok);
    expect(h.calls.filter((c) => c[0] === 'act').map((c) => c[3])).toEqual([
      {
        lines: [
          { lineIndex: 0, circuitId: 'CIR-1' },
          { lineIndex: 1, circuitId: 'CIR-2' },
        ],
      },
      {
        lines: [
          { lineIndex: 2, circuitId: 'CIR-3' },
          { lineIndex: 3, circuitId: 'CIR-4' },
        ],
      },
    ]);
  });

  test('a repeated line or a malformed pair is refused locally, naming it; nothing is sent', async () => {
    const h = harness({});
    expect(await h.run('act', seed.contractNo, 'confirm-installations', '--lines', '0=CIR-1,0=CIR-2')).toBe(
      EXIT.usage,
    );
    expect(h.err.join('\n')).toContain('lines.1.lineIndex: must not repeat line 0');
    expect(await h.run('act', seed.contractNo, 'confirm-installations', '--lines', 'CIR-1')).toBe(EXIT.usage);
    expect(h.err.join('\n')).toContain('"CIR-1" must be lineIndex=circuitId');
    expect(h.calls).toEqual([]);
  });
});
