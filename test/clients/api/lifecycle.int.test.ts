/**
 * A sales system and engineers drive one contract (seed 000, 96110 cloud call centre, under a unique
 * number) through the HTTP API with the typed client: onboard → qualification (every checklist
 * document, approval) → provisioning (each line installed, completion notice) → customer sign-off →
 * billing start. Along the way the list filters, the events and the engineers' inbox see it.
 */
import { owes } from '../../../clients/sdk/player';
import type { ContractStatus } from '../../../clients/sdk/api-contract';
import { waitFor } from '../../support/wait';
import { startApiTestEnv, uniqueSpec, type ApiTestEnv } from './support';

let env: ApiTestEnv;
beforeAll(async () => {
  env = await startApiTestEnv('life');
});
afterAll(async () => {
  await env?.stop();
});

test('onboard through sign-off to billing start, all through HttpContractsClient', async () => {
  const spec = uniqueSpec();
  const no = spec.contractNo;
  const sales = env.http('sales');
  const engineer = env.http('engineer');

  const onboarded = await sales.onboard(spec);
  expect(onboarded).toMatchObject({ created: true, contractNo: no, workflowId: `contract-${no}` });
  expect(onboarded.status.stage).toBe('qualification');

  const review = await waitFor('the qualification checklist and its deadline', async () => {
    const s = await sales.get(no);
    return s.checklist.length > 0 && s.deadlines.length > 0 ? s : undefined;
  });
  // Seed 000 clause 3.1: licence, IDs of the legal representative and agent, authorisation letter,
  // approval of the customer-owned 96110 number, the security commitment (annex 3).
  expect(review.checklist.map((i) => i.documentType)).toEqual([
    'business-licence',
    'legal-representative-id',
    'agent-id',
    'authorisation-letter',
    'special-number-approval',
    'security-commitment',
  ]);
  expect(review.deadlines.map((d) => d.name)).toEqual(['qualification review']);

  const inbox = await engineer.inbox();
  expect(inbox.items.find((i) => i.contractNo === no)).toMatchObject({
    stage: 'qualification',
    nextDeadline: { name: 'qualification review', date: review.deadlines[0]!.date },
  });

  let status: ContractStatus = review;
  for (const item of review.checklist) {
    status = await engineer.act(no, 'submit-document', {
      documentType: item.documentType,
      documentRef: `DMS-${item.documentType}`,
      submittedBy: 'reviewer-li',
    });
  }
  expect(status.checklist.every((i) => i.documentRef === `DMS-${i.documentType}`)).toBe(true);
  status = await engineer.act(no, 'approve', { approvedBy: 'reviewer-li' });

  status = await waitFor('provisioning to wait for field work', async () => {
    const s = await engineer.get(no);
    return owes('line-installation')(s) ? s : undefined;
  });
  expect(status.resources.map((r) => r.kind).sort()).toEqual(['cloud-host', 'seat', 'special-number']);
  expect(status.resources.find((r) => r.kind === 'special-number')?.value).toBe('96110');

  const lines = spec.resources.dedicatedLines.reduce((n, l) => n + l.count, 0);
  expect(lines).toBe(1);
  for (let lineIndex = 0; lineIndex < lines; lineIndex++) {
    status = await engineer.act(no, 'confirm-installation', {
      lineIndex,
      circuitId: `CIR-${lineIndex + 1}`,
      testedBy: 'engineer-wang',
    });
  }
  status = await engineer.act(no, 'issue-completion-notice', { issuedBy: 'engineer-wang' });
  status = await waitFor('the acceptance window', async () => {
    const s = await engineer.get(no);
    return s.stage === 'acceptance' && s.deadlines.length > 0 ? s : undefined;
  });
  expect(status.deadlines.map((d) => d.name)).toEqual(['acceptance']);

  status = await engineer.act(no, 'sign-off', { signedBy: 'customer-zhang' });
  status = await waitFor('billing to start', async () => {
    const s = await sales.get(no);
    return s.events.some((e) => e.type === 'telecom.contract.billing-started.v1') ? s : undefined;
  });
  expect(status.stage).toBe('active');
  expect(status.term.activationDate).toBe(status.term.completionNoticeDate);
  expect(status.term.start).toBe(status.term.activationDate);

  const { events } = await sales.events(no);
  expect(events.map((e) => e.type.replace(/^telecom\.contract\.|\.v1$/g, ''))).toEqual(
    expect.arrayContaining([
      'onboarding-received',
      'qualification-requested',
      'qualification-approved',
      'resource-reserved',
      'resource-committed',
      'completion-notice-issued',
      'acceptance-signed',
      'billing-started',
    ]),
  );

  // The list finds it by stage, product and customer-name prefix; sales sees it as its own.
  const byAll = await sales.list({
    stage: 'active',
    product: 'cloud-call-centre',
    customer: spec.parties.customer.name.slice(0, 3),
  });
  expect(byAll.contracts.map((c) => c.contractNo)).toEqual([no]);
  expect(byAll.contracts[0]).toMatchObject({
    customerName: spec.parties.customer.name,
    products: ['cloud-call-centre'],
    stage: 'active',
    executionStatus: 'running',
    requestedBy: env.records.find((r) => r.role === 'sales')!.id,
  });
  expect((await engineer.list({ stage: 'qualification' })).contracts.map((c) => c.contractNo)).not.toContain(
    no,
  );
  expect((await engineer.inbox()).items.map((i) => i.contractNo)).not.toContain(no);
});
