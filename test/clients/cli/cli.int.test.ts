/**
 * The `tco` binary as engineers run it (a child process, `node bin/tco.cjs`), against the HTTP API on a
 * real worker and dev server: onboard a contract file, follow it in `status`/`list`/`inbox`, act on it,
 * and get exit codes a script can branch on. Seed 002 (Cloud Call+, no dedicated lines, billed from
 * signature) under a unique number keeps the run short.
 */
import { owes } from '../../../clients/sdk/player';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContractStatus, ListResponse, ObligationsResponse } from '../../../clients/sdk/api-contract';
import { EXIT } from '../../../clients/cli/program';
import { waitFor } from '../../support/wait';
import { startApiTestEnv, uniqueSpec, type ApiTestEnv, type KeyName } from '../api/support';

const ROOT = join(__dirname, '..', '..', '..');

let env: ApiTestEnv;
beforeAll(async () => {
  env = await startApiTestEnv('cli');
});
afterAll(async () => {
  await env?.stop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function tco(key: KeyName | undefined, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'tco.cjs'), ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        TCO_API_URL: env.baseUrl,
        TCO_API_KEY: key ? env.keys[key] : '',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = <T>(run: Run): T => {
  expect(run).toMatchObject({ code: EXIT.ok });
  return JSON.parse(run.stdout) as T;
};

test('onboard, watch and act on a contract from the command line', async () => {
  const spec = uniqueSpec('SNSGS2500554EGN00');
  const no = spec.contractNo;
  const file = join(mkdtempSync(join(tmpdir(), 'tco-')), `${no}.json`);
  writeFileSync(file, JSON.stringify(spec));

  const onboarded = await tco('sales', 'onboard', file);
  expect(onboarded.code).toBe(EXIT.ok);
  expect(onboarded.stdout).toContain(`Onboarded: ${no} (workflow contract-${no})`);
  const again = await tco('sales', '--json', 'onboard', file);
  expect(json<{ created: boolean }>(again).created).toBe(false);

  // The reviewer sees it in the inbox (waiting on people) and hands in the checklist.
  // Waiting is polled with the typed client (a CLI process per poll would only slow the test).
  const api = env.http('engineer');
  await waitFor('the checklist', async () => ((await api.get(no)).checklist.length > 0 ? true : undefined));
  const status = json<ContractStatus>(await tco('engineer', '--json', 'status', no));
  const inbox = json<ObligationsResponse>(
    await tco('engineer', '--json', 'inbox', '--stage', 'qualification'),
  );
  expect(inbox.items.map((i) => i.contractNo)).toContain(no);

  const early = await tco('engineer', 'act', no, 'approve');
  expect(early.code).toBe(EXIT.refused);
  expect(early.stderr).toMatch(/409 .*documents still missing: /);

  for (const item of status.checklist) {
    const r = await tco(
      'engineer',
      'act',
      no,
      'submit-document',
      '--set',
      `documentType=${item.documentType}`,
      '--set',
      `documentRef=DMS-${item.documentType}`,
    );
    expect(r.code).toBe(EXIT.ok);
  }
  const approved = await tco('engineer', 'act', no, 'approve');
  expect(approved.code).toBe(EXIT.ok);
  // The status printed is the one the contract settled in: provisioning, not the review it left.
  expect(approved.stdout).toMatch(/approve: done\n[\s\S]*stage\s+provisioning/);

  const provisioning = await waitFor('provisioning to wait for the completion notice', async () => {
    const s = await api.get(no);
    return owes('completion-notice')(s) ? s : undefined;
  });
  // Who acted is the engineer's key, not a name typed on the command line.
  const engineerKey = env.records.find((r) => r.role === 'engineer' && !r.revoked)!.id;
  const approval = provisioning.decisions.find((d) => d.action === 'approve');
  expect(approval?.by).toBe(engineerKey);
  expect((await tco('engineer', 'act', no, 'issue-completion-notice')).code).toBe(EXIT.ok);

  const active = await waitFor('billing start', async () => {
    const s = await api.get(no);
    return s.events.some((e) => e.type === 'telecom.contract.billing-started.v1') ? s : undefined;
  });
  // Clause 3.3 of 002: billed from signature, so the activation date is the signing date.
  expect(active.term.activationDate).toBe(spec.signedDate);
  const human = await tco('engineer', 'status', no);
  expect(human.stdout).toMatch(new RegExp(`stage\\s+active`));
  expect(human.stdout).toMatch(/billing-started/);

  // Visibility is eventually consistent: wait until the list has caught up, then read it with the CLI.
  await waitFor('the list to show it active', async () =>
    (await api.list({ stage: 'active' })).contracts.some((c) => c.contractNo === no) ? true : undefined,
  );
  const list = json<ListResponse>(await tco('billing', '--json', 'list', '--stage', 'active'));
  const listed = list.contracts.find((c) => c.contractNo === no);
  expect(listed?.products).toEqual(spec.products);
});

test('exit codes: unknown contract 3, wrong role 5, no key 5, bad input 2 with the field named', async () => {
  const unknown = await tco('engineer', 'status', 'NO-SUCH-CONTRACT');
  expect(unknown.code).toBe(EXIT.notFound);
  expect(unknown.stderr).toContain('404');

  const wrongRole = await tco('billing', 'act', 'NO-SUCH-CONTRACT', 'approve');
  expect(wrongRole.code).toBe(EXIT.unauthorised);
  expect(wrongRole.stderr).toContain('403');

  const noKey = await tco(undefined, 'inbox');
  expect(noKey.code).toBe(EXIT.unauthorised);
  expect(noKey.stderr).toContain('401');

  const badInput = await tco(
    'engineer',
    'act',
    'NO-SUCH-CONTRACT',
    'confirm-installation',
    '--set',
    'lineIndex=-1',
  );
  expect(badInput.code).toBe(EXIT.usage);
  expect(badInput.stderr).toMatch(/lineIndex: must not be negative/);
  expect(badInput.stderr).toMatch(/circuitId: is required/);
});
