/**
 * What an engineer does in the console to take a new contract from signed to the customer's
 * sign-off, as a person would: filter the inbox, claim the qualification decision, hand in each
 * document through its generated form, approve, confirm every dedicated line in one step, issue the
 * completion notice; and record a customer's sign-off. Every wait is on what the page shows, with a
 * deadline (the page polls every 5 s). `readsInChinese` checks what the active 001 page shows.
 */
import type { Locator } from 'playwright-core';
import type { EventsResponse } from '../../../clients/sdk/api-contract';
import type { ConsolePage } from './browser';

const PAGE_WAIT = { timeout: 90_000 };

export interface FlowHooks {
  /** Called with the inbox after filtering, a form with a field error, the contract page with its lines. */
  shot?(name: 'inbox' | 'form' | 'contract'): Promise<void>;
}

function row(cp: ConsolePage, obligation: string): Locator {
  return cp.page.locator(`table.obligations tr[data-obligation="${obligation}"]`);
}

/** Opens the obligation's form from its row and submits it with `fill` applied. */
async function discharge(cp: ConsolePage, obligation: string, action: string, fill?: () => Promise<void>) {
  const r = row(cp, obligation);
  await cp.click(r.locator('.row-actions button').first());
  const form = cp.page.locator(`#form-${action}`);
  await form.waitFor();
  await fill?.();
  await cp.click(form.locator('button[type=submit]'));
  await r.waitFor({ state: 'detached', ...PAGE_WAIT });
}

export async function stage(cp: ConsolePage, name: string): Promise<void> {
  await cp.page.locator(`[data-testid=stage][data-stage="${name}"]`).waitFor(PAGE_WAIT);
}

export async function filterInbox(
  cp: ConsolePage,
  filters: { party?: string; stage?: string; product?: string },
) {
  const { page } = cp;
  if (filters.party) await page.locator('#f-party').selectOption(filters.party);
  if (filters.stage) await page.locator('#f-stage').selectOption(filters.stage);
  if (filters.product) await page.locator('#f-product').fill(filters.product);
  await cp.click(page.locator('form.filters button[type=submit]'));
}

export async function takeThrough(cp: ConsolePage, contractNo: string, lines: number, hooks: FlowHooks = {}) {
  const { page } = cp;
  const inboxRow = page.locator(
    `table.inbox tr[data-contract="${contractNo}"][data-obligation="qualification-decision"]`,
  );
  await inboxRow.waitFor(PAGE_WAIT);
  await cp.click(inboxRow.locator('button', { hasText: /认领|Claim/ }));
  await inboxRow.locator('button', { hasText: /放弃|Unclaim/ }).waitFor(PAGE_WAIT);
  await hooks.shot?.('inbox');
  await cp.click(inboxRow.locator('a'));
  await stage(cp, 'qualification');

  // Each document of the checklist, through its generated form (documentType is fixed by the row).
  const documents = page.locator('table.obligations tr[data-obligation^="document:"]');
  await documents.first().waitFor(PAGE_WAIT);
  let first = true;
  while ((await documents.count()) > 0) {
    const id = (await documents.first().getAttribute('data-obligation'))!;
    await discharge(cp, id, 'submit-document', async () => {
      if (first && hooks.shot) {
        // An empty reference is refused by the schema, next to its field, before anything is sent.
        await page.locator('#form-submit-document button[type=submit]').click();
        await page.locator('#form-submit-document-documentRef-error').waitFor();
        await hooks.shot('form');
      }
      first = false;
      await page.locator('#form-submit-document-documentRef').fill(`DMS-${id.slice('document:'.length)}`);
    });
  }
  await discharge(cp, 'qualification-decision', 'approve');

  // Provisioning: all lines in one request.
  await stage(cp, 'provisioning');
  const checklist = page.locator('form.lines');
  await checklist
    .locator('tbody tr')
    .nth(lines - 1)
    .waitFor(PAGE_WAIT);
  for (let i = 0; i < lines; i++)
    await page.locator(`#line-${i}-circuit`).fill(`CIR-${String(i + 1).padStart(3, '0')}`);
  await cp.click(page.locator('#lines-all'));
  await hooks.shot?.('contract');
  await cp.click(checklist.locator('button[type=submit]'));
  await checklist.waitFor({ state: 'detached', ...PAGE_WAIT });

  // The ICP filing gates 001's ports, not the notice: the completion notice comes next.
  await row(cp, 'completion-notice').waitFor(PAGE_WAIT);
  await discharge(cp, 'completion-notice', 'issue-completion-notice');
}

/** The customer signed the acceptance form; the engineer records it from the contract page. */
export async function recordSignOff(cp: ConsolePage, contractNo: string) {
  await cp.page.goto(`${new URL(cp.page.url()).origin}/console/#/contract/${contractNo}`);
  await stage(cp, 'acceptance');
  await row(cp, 'acceptance').waitFor(PAGE_WAIT);
  await discharge(cp, 'acceptance', 'sign-off');
  await stage(cp, 'active');
}

/** The 001 contract page, active: its terms, health, documents, resources, decisions and events in Chinese. */
export async function readsInChinese(cp: ConsolePage) {
  const text = (selector: string) => cp.page.locator(selector).innerText();
  const terms = await text('[data-testid=terms]');
  for (const shown of [
    '合同条款',
    '互联网专线 / VPN 专线',
    '江苏省常州市',
    '（第 11.1 条）',
    '自动续约，每次 12 个月',
    '30 条',
  ])
    expect(terms).toContain(shown);
  await expect(text('[data-testid=health]')).resolves.toBe('正常');
  await expect(text('#checklist-title + ul')).resolves.toContain('营业执照（副本）/主体资格证明：已提交');
  await expect(text('table.resources tbody tr[data-kind=circuit] >> nth=0 >> td >> nth=0')).resolves.toBe(
    '专线电路',
  );
  const decisions = await text('table.decisions');
  expect(decisions).toContain('系统（合同流程）');
  expect(decisions).toContain('开始计费：自');
  expect(decisions).toContain('共 30 条：专线 0：电路 CIR-001');
  await expect(text('ol.timeline')).resolves.toContain('发出竣工通知');
  // No money event yet on this contract: a payment is added to the API's answer to see it in yuan.
  await cp.page.route('**/v1/contracts/*/events', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as EventsResponse;
    const paid = {
      date: '2026-12-03',
      type: 'telecom.contract.payment-received.v1',
      id: 'p1',
      amountFen: 35960000,
    };
    await route.fulfill({ response, json: { ...body, events: [...body.events, paid] } });
  });
  await cp.page.locator('ol.timeline li', { hasText: '收到付款 ¥359,600.00' }).waitFor();
  await cp.page.unroute('**/v1/contracts/*/events');
  // A contract that a deploy must fix reads 卡住 with its reason, not a code.
  await cp.page.route('**/v1/contracts/*', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    const stuck = {
      reason: 'x.y: must be z',
      since: '2026-12-01T16:00:00Z',
      attempts: 2,
      nextAttempt: '2026-12-01T16:05:00Z',
    };
    await route.fulfill({ response, json: { ...body, health: 'stuck', stuck } });
  });
  await cp.page.reload();
  await cp.page.locator('[data-testid=health]', { hasText: '卡住: x.y: must be z' }).waitFor();
  await cp.page.unroute('**/v1/contracts/*');
}
