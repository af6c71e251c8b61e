/**
 * The console's API on the real worker and Temporal: the obligations inbox and its filters (party,
 * stage, region, product, due-before, mine/unassigned), sales scoped to its own contracts and
 * read-only, GET /v1/me per role, the actor of an action stamped from the key (whatever name is sent),
 * and an action retried with the same Idempotency-Key applied once.
 */
import { randomUUID } from 'node:crypto';
import { ROLE_PARTIES, ROLES, type ObligationsResponse } from '../../../clients/sdk/api-contract';
import type { ContractSpec } from '../../../domain/contract-spec';
import type { ContractStatus } from '../../../domain/lifecycle/status';
import { waitFor } from '../../support/wait';
import { call, config, startApiTestEnv, uniqueSpec, type ApiTestEnv, type KeyName } from './support';

let env: ApiTestEnv;
let mine: ContractSpec;
let theirs: ContractSpec;
let review: ContractStatus;
beforeAll(async () => {
  env = await startApiTestEnv('obligations');
  mine = uniqueSpec();
  theirs = uniqueSpec();
  await env.http('sales').onboard(mine);
  await env.http('sales2').onboard(theirs);
  review = await waitFor('the qualification obligations of both contracts', async () => {
    const [a, b] = await Promise.all([
      env.contracts.get(mine.contractNo),
      env.contracts.get(theirs.contractNo),
    ]);
    const ready = (s: ContractStatus) => s.obligations.some((o) => o.kind === 'qualification-decision');
    return ready(a) && ready(b) ? a : undefined;
  });
});
afterAll(async () => {
  await env?.stop();
});

const obligations = async (key: KeyName, query = '') => {
  const res = await call(env, 'GET', `/v1/obligations${query}`, { key });
  expect(res.status).toBe(200);
  return res.body as unknown as ObligationsResponse;
};
const ofContract = (r: ObligationsResponse, no: string) =>
  r.items.filter((i) => i.contractNo === no).map((i) => i.obligation.id);
const nextDay = (date: string) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('GET /v1/obligations', () => {
  test('an engineer sees every open obligation a person discharges on both contracts, earliest due first', async () => {
    const all = await obligations('engineer');
    const expected = review.obligations.filter((o) => o.action).map((o) => o.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(ofContract(all, mine.contractNo).sort()).toEqual([...expected].sort());
    expect(ofContract(all, theirs.contractNo).length).toBe(expected.length);
    expect(all.items.find((i) => i.contractNo === mine.contractNo)).toMatchObject({
      workflowId: `contract-${mine.contractNo}`,
      customerName: mine.parties.customer.name,
      products: mine.products,
      region: mine.region.province,
      stage: 'qualification',
      actionable: true,
    });
    const dues = all.items.map((i) => i.obligation.dueDate ?? '9999');
    expect(dues).toEqual([...dues].sort());
    expect(all.truncated).toBe(false);
  });

  test('party, stage, region and product narrow it; unknown values match nothing', async () => {
    const reviewer = await obligations('engineer', '?party=reviewer');
    expect(reviewer.items.length).toBeGreaterThan(0);
    expect(reviewer.items.every((i) => i.obligation.party === 'reviewer')).toBe(true);
    expect(
      ofContract(await obligations('engineer', '?stage=qualification'), mine.contractNo).length,
    ).toBeGreaterThan(0);
    expect((await obligations('engineer', '?stage=provisioning')).items).toEqual([]);
    const region = encodeURIComponent(mine.region.province);
    expect(
      ofContract(await obligations('engineer', `?region=${region}`), mine.contractNo).length,
    ).toBeGreaterThan(0);
    expect((await obligations('engineer', `?region=${encodeURIComponent('不存在省')}`)).items).toEqual([]);
    expect(
      ofContract(await obligations('engineer', `?product=${mine.products[0]}`), mine.contractNo).length,
    ).toBeGreaterThan(0);
    expect((await obligations('engineer', '?product=no-such-product')).items).toEqual([]);
  });

  test('due-before is strict and leaves undated obligations out; limit truncates', async () => {
    const decision = review.obligations.find((o) => o.kind === 'qualification-decision')!;
    expect(decision.dueDate).toBeDefined();
    const due = decision.dueDate!;
    expect(ofContract(await obligations('engineer', `?dueBefore=${due}`), mine.contractNo)).not.toContain(
      decision.id,
    );
    const before = await obligations('engineer', `?dueBefore=${nextDay(due)}`);
    expect(ofContract(before, mine.contractNo)).toContain(decision.id);
    expect(before.items.every((i) => i.obligation.dueDate && i.obligation.dueDate <= due)).toBe(true);
    const one = await obligations('engineer', '?limit=1');
    expect(one.items).toHaveLength(1);
    expect(one.truncated).toBe(true);
  });

  test('nobody has claimed anything yet: unassigned is everything, mine is nothing', async () => {
    const all = await obligations('engineer');
    expect((await obligations('engineer', '?assignee=unassigned')).items).toEqual(all.items);
    expect((await obligations('engineer', '?assignee=mine')).items).toEqual([]);
  });

  test('a claim makes it mine and no longer unassigned; another claimer is refused naming the holder; unclaim gives it back', async () => {
    const decision = review.obligations.find((o) => o.kind === 'qualification-decision')!;
    const engineerKey = env.records.find((r) => r.role === 'engineer' && !r.revoked)!.id;
    const claimPath = `/v1/contracts/${mine.contractNo}/actions/claim`;
    const claimed = await call(env, 'POST', claimPath, {
      key: 'engineer',
      body: { obligationId: decision.id, claimedBy: 'someone-else' },
    });
    expect(claimed.status).toBe(200);
    const held = (claimed.body as unknown as ContractStatus).obligations.find((o) => o.id === decision.id);
    expect(held?.assignee?.by).toBe(engineerKey);

    const mineNow = await obligations('engineer', '?assignee=mine');
    expect(mineNow.items.map((i) => `${i.contractNo}/${i.obligation.id}`)).toEqual([
      `${mine.contractNo}/${decision.id}`,
    ]);
    expect(mineNow.items[0]?.obligation.assignee).toEqual(held?.assignee);
    expect((await obligations('admin', '?assignee=mine')).items).toEqual([]);
    expect(ofContract(await obligations('engineer', '?assignee=unassigned'), mine.contractNo)).not.toContain(
      decision.id,
    );

    const taken = await call(env, 'POST', claimPath, { key: 'admin', body: { obligationId: decision.id } });
    expect(taken.status).toBe(409);
    expect(taken.body.detail).toContain(engineerKey);
    // Claiming what you hold is accepted and decides nothing new.
    const claims = (s: ContractStatus) => s.decisions.filter((d) => d.action === 'claim').length;
    const again = await call(env, 'POST', claimPath, {
      key: 'engineer',
      body: { obligationId: decision.id },
    });
    expect(again.status).toBe(200);
    expect(claims(again.body as unknown as ContractStatus)).toBe(
      claims(claimed.body as unknown as ContractStatus),
    );

    const released = await call(env, 'POST', `/v1/contracts/${mine.contractNo}/actions/unclaim`, {
      key: 'engineer',
      body: { obligationId: decision.id },
    });
    expect(released.status).toBe(200);
    expect((released.body as unknown as ContractStatus).decisions.at(-1)).toMatchObject({
      action: 'unclaim',
      by: engineerKey,
    });
    expect((await obligations('engineer', '?assignee=mine')).items).toEqual([]);
  });

  test("a sales key sees only its own contracts' customer obligations, read-only", async () => {
    const sales = await obligations('sales');
    expect(new Set(sales.items.map((i) => i.contractNo))).toEqual(new Set([mine.contractNo]));
    expect(sales.items.every((i) => i.obligation.party === 'customer' && !i.actionable)).toBe(true);
    const sales2 = await obligations('sales2');
    expect(new Set(sales2.items.map((i) => i.contractNo))).toEqual(new Set([theirs.contractNo]));
  });

  test('billing may not call it (403); a bad filter is a 400 naming it', async () => {
    expect((await call(env, 'GET', '/v1/obligations', { key: 'billing' })).status).toBe(403);
    const bad = await call(env, 'GET', '/v1/obligations?dueBefore=tomorrow&assignee=someone&party=x', {
      key: 'engineer',
    });
    expect(bad.status).toBe(400);
    expect(new Set(bad.body.errors?.map((e) => e.path))).toEqual(new Set(['assignee', 'dueBefore', 'party']));
  });
});

test.each(ROLES)('GET /v1/me as %s', async (role) => {
  const res = await call(env, 'GET', '/v1/me', { key: role });
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    keyId: env.records.find((r) => r.role === role && !r.revoked && !r.id.startsWith('sales2'))!.id,
    role,
    mayAct: role === 'engineer' || role === 'admin',
    parties: [...ROLE_PARTIES[role]],
    temporalUi: { url: config.temporal.uiUrl, namespace: config.temporal.namespace },
  });
});

describe('actions', () => {
  test('the actor is the calling key, whatever name the body carries, or none', async () => {
    const doc = review.checklist[0]!.documentType;
    const keyId = env.records.find((r) => r.role === 'engineer' && !r.revoked)!.id;
    const res = await call(env, 'POST', `/v1/contracts/${mine.contractNo}/actions/submit-document`, {
      key: 'engineer',
      body: { documentType: doc, documentRef: 'DMS-1', submittedBy: 'somebody-else' },
    });
    expect(res.status).toBe(200);
    const status = res.body as unknown as ContractStatus;
    expect(status.decisions.at(-1)).toMatchObject({ action: 'submit-document', by: keyId });
    expect(status.checklist.find((i) => i.documentType === doc)?.submittedBy).toBe(keyId);
    // Without an actor at all: the key fills it.
    const second = review.checklist[1]!.documentType;
    const bare = await env
      .http('engineer')
      .act(mine.contractNo, 'submit-document', { documentType: second, documentRef: 'DMS-2' });
    expect(bare.decisions.at(-1)).toMatchObject({ action: 'submit-document', by: keyId });
  });

  test('a retry with the same Idempotency-Key is applied once and answers the status', async () => {
    const doc = review.checklist[2]!.documentType;
    const key = `retry-${randomUUID()}`;
    const path = `/v1/contracts/${theirs.contractNo}/actions/submit-document`;
    const send = (documentRef: string) =>
      call(env, 'POST', path, {
        key: 'engineer',
        headers: { 'idempotency-key': key },
        body: { documentType: doc, documentRef },
      });
    const first = await send('DMS-first');
    expect(first.status).toBe(200);
    const retried = await send('DMS-retried');
    expect(retried.status).toBe(200);
    const now = await env.contracts.get(theirs.contractNo);
    expect(now.decisions.filter((d) => d.action === 'submit-document')).toHaveLength(1);
    expect(now.checklist.find((i) => i.documentType === doc)?.documentRef).toBe('DMS-first');
    expect(
      (retried.body as unknown as ContractStatus).checklist.find((i) => i.documentType === doc)?.documentRef,
    ).toBe('DMS-first');
    // Another key is not answered by the first key's request: its own request is applied.
    const admin = await call(env, 'POST', path, {
      key: 'admin',
      headers: { 'idempotency-key': key },
      body: { documentType: doc, documentRef: 'DMS-admin' },
    });
    expect(admin.status).toBe(200);
    expect(
      (await env.contracts.get(theirs.contractNo)).checklist.find((i) => i.documentType === doc)?.documentRef,
    ).toBe('DMS-admin');
  });
});

test('confirm-installations: the 30 lines of a 001 contract in one request, as the key, retried once', async () => {
  const spec = uniqueSpec('JSCZE2208138CGN00');
  const no = spec.contractNo;
  const engineer = env.http('engineer');
  const keyId = env.records.find((r) => r.role === 'engineer' && !r.revoked)!.id;
  await env.http('sales').onboard(spec);
  const review = await waitFor('the checklist', async () => {
    const s = await engineer.get(no);
    return s.checklist.length > 0 ? s : undefined;
  });
  for (const item of review.checklist)
    await engineer.act(no, 'submit-document', {
      documentType: item.documentType,
      documentRef: `DMS-${item.documentType}`,
    });
  await engineer.act(no, 'approve', {});
  const provisioning = await waitFor('30 lines owed', async () => {
    const s = await engineer.get(no);
    return s.obligations.filter((o) => o.kind === 'line-installation').length === 30 ? s : undefined;
  });
  const inbox = await obligations('engineer', `?stage=provisioning&party=engineer&limit=1000`);
  expect(ofContract(inbox, no).filter((id) => id.startsWith('line')).length).toBe(30);

  const lines = provisioning.obligations
    .filter((o) => o.kind === 'line-installation')
    .map((o) => ({ lineIndex: o.subject.lineIndex!, circuitId: `CZ-${o.subject.lineIndex! + 1}` }));
  const send = () =>
    call(env, 'POST', `/v1/contracts/${no}/actions/confirm-installations`, {
      key: 'engineer',
      headers: { 'idempotency-key': `lines-${no}` },
      body: { lines, testedBy: 'somebody-else' },
    });
  const first = await send();
  expect(first.status).toBe(200);
  const done = first.body as unknown as ContractStatus;
  expect(done.obligations.filter((o) => o.kind === 'line-installation')).toEqual([]);
  const decided = done.decisions.filter((d) => d.action === 'confirm-installations');
  expect(decided.length).toBeGreaterThan(0);
  expect(new Set(decided.map((d) => d.by))).toEqual(new Set([keyId]));
  const retried = await send();
  expect(retried.status).toBe(200);
  expect((await engineer.get(no)).decisions).toEqual(done.decisions);
});
