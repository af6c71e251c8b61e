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
import { ContractsApiError, type ContractsApi } from '../../../clients/sdk/api-contract';

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

test('act builds the input from flags with the schema types and prints the new status', async () => {
  const h = harness({
    act: async () => status({ stage: 'provisioning', waitingFor: 'inventory reservation' }),
  });
  const code = await h.run(
    'act',
    seed.contractNo,
    'confirm-installation',
    '--by',
    'engineer-wang',
    '--set',
    'lineIndex=2',
    '--set',
    'circuitId=CIR-3',
  );
  expect(code).toBe(EXIT.ok);
  expect(h.calls).toEqual([
    [
      'act',
      seed.contractNo,
      'confirm-installation',
      { lineIndex: 2, circuitId: 'CIR-3', testedBy: 'engineer-wang' },
    ],
  ]);
  expect(h.out.join('\n')).toMatch(/confirm-installation: accepted[\s\S]*stage\s+provisioning/);
});

test('a bad action input is refused locally (exit 2) naming the field, and nothing is sent', async () => {
  const h = harness({});
  const code = await h.run('act', seed.contractNo, 'reject', '--by', 'reviewer-li');
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

test('inbox prints the nearest deadline first as the API ordered it', async () => {
  const h = harness({
    inbox: async () => ({
      items: [
        {
          contractNo: 'A-1',
          customerName: '甲公司',
          stage: 'acceptance',
          waitingFor: 'customer sign-off',
          obligations: [],
          nextDeadline: { name: 'acceptance', date: '2026-11-27' },
        },
        {
          contractNo: 'B-2',
          customerName: 'B Ltd',
          stage: 'qualification',
          waitingFor: 'documents',
          obligations: [],
          nextDeadline: { name: 'review', date: '2026-12-01' },
        },
      ],
    }),
  });
  expect(await h.run('inbox')).toBe(EXIT.ok);
  const lines = h.out.join('\n').split('\n');
  expect(lines[0]).toMatch(/^DUE\s+CONTRACT\s+CUSTOMER\s+STAGE\s+WAITING FOR$/);
  expect(lines[2]).toMatch(/^2026-11-27\s+A-1\s+甲公司\s+acceptance\s+customer sign-off$/);
  expect(lines[3]).toMatch(/^2026-12-01\s+B-2/);
});
