/**
 * The console's Chinese for the API's codes: every document the qualification rules can require, every
 * resource kind, product and lifecycle event has a Chinese name (English keeps the code, an unknown code
 * shows as itself); health, resource attributes and the decider's decision details read for people.
 */
import {
  attributesText,
  decisionDetail,
  healthText,
  regionText,
} from '../../../clients/console/src/readable';
import { dictionary } from '../../../clients/console/src/i18n';

import { PRODUCT_CODES } from '../../../domain/catalogue';
import { CONTRACT_EVENT_TYPES } from '../../../domain/events/catalogue';
import {
  requiredDocuments,
  requiredDocumentsFor,
  type QualificationProfile,
} from '../../../domain/qualification';
import { RESOURCE_KINDS } from '../../../domain/resource-formats';
import { seedContracts } from '../../../domain/seed-contracts';

const zh = dictionary('zh-CN');
const en = dictionary('en');
const untranslated = (codes: readonly string[], name: (code: string) => string) =>
  codes.filter((c) => name(c) === c || /[a-z]{3}/.test(name(c)));

/** Every profile the rules distinguish: each product with every switch on, then off. */
function everyRequirableDocument(): string[] {
  const codes = new Set<string>();
  for (const on of [true, false]) {
    const profile: QualificationProfile = {
      products: PRODUCT_CODES,
      businessNature: on ? 'operating' : 'non-operating',
      signatory: on ? 'authorised-agent' : 'legal-representative',
      servesThirdParties: on,
      customerOwnedSpecialNumber: on,
      customerOwned400Number: on,
      smsModes: on ? ['direct', 'agent'] : ['direct'],
      usesMiitSmsNumber: on,
    };
    for (const d of requiredDocuments(profile)) codes.add(d.code);
  }
  return [...codes];
}

test('every document type the qualification rules can require, and every seed asks for, has a Chinese name', () => {
  const rules = everyRequirableDocument();
  expect(rules.length).toBeGreaterThan(15);
  expect(untranslated(rules, zh.document)).toEqual([]);
  const seeds = seedContracts().flatMap((s) => requiredDocumentsFor(s).map((d) => d.code));
  expect(untranslated(seeds, zh.document)).toEqual([]);
  expect(zh.document('business-licence')).toBe('营业执照（副本）/主体资格证明');
  expect(en.document('business-licence')).toBe('business-licence');
  // A type a reviewer requested that no rule knows shows as typed.
  expect(zh.document('fire-safety-permit')).toBe('fire-safety-permit');
  expect(
    zh.summary({
      kind: 'document',
      subject: { documentType: 'network-access-undertaking' },
      summary: 'x',
    } as never),
  ).toBe('提交材料：用户入网责任书');
});

test('every resource kind, product and lifecycle event has a Chinese name; English keeps the codes', () => {
  expect(untranslated(RESOURCE_KINDS, zh.resourceKind)).toEqual([]);
  expect(untranslated(PRODUCT_CODES, zh.product)).toEqual([]);
  expect(untranslated(CONTRACT_EVENT_TYPES, zh.event)).toEqual([]);
  expect([zh.resourceKind('circuit'), en.resourceKind('circuit'), zh.resourceKind('teleporter')]).toEqual([
    '专线电路',
    'circuit',
    'teleporter',
  ]);
  expect([
    zh.event('telecom.contract.billing-started.v1'),
    en.event('telecom.contract.billing-started.v1'),
  ]).toEqual(['开始计费', 'billing-started']);
  // The workflow's own decisions, and the workflow as the actor.
  expect([zh.action('billing-started'), zh.actor('workflow'), zh.actor('engineer-1')]).toEqual([
    '开始计费',
    '系统（合同流程）',
    'engineer-1',
  ]);
});

test('health reads 正常, or 卡住 with the reason and the next attempt', () => {
  expect(healthText(zh, { health: 'ok' })).toBe('正常');
  expect(healthText(en, { health: 'ok' })).toBe('ok');
  const stuck = {
    health: 'stuck' as const,
    stuck: {
      reason: 'resources.0.value: must be a 400 number',
      since: '2026-12-01T16:00:00.000Z',
      attempts: 3,
      nextAttempt: '2026-12-01T16:10:00.000Z',
    },
  };
  expect(healthText(zh, stuck)).toBe(
    '卡住: resources.0.value: must be a 400 number (自 2026-12-02 00:00，下次重试 2026-12-02 00:10)',
  );
});

test('resources, decisions and the region read for people', () => {
  expect(attributesText(zh, { bandwidthUpMbps: 100, bandwidthDownMbps: 100 })).toBe('100 Mbit/s');
  expect(attributesText(en, { bandwidthUpMbps: 100, bandwidthDownMbps: 20, addresses: 8 })).toBe(
    '100/20 Mbit/s, 8 addresses',
  );
  expect(attributesText(zh, { addresses: 8, enterpriseCode: '10657' })).toBe(
    '8 个地址，enterpriseCode: 10657',
  );
  const d = (action: string, detail: string) => decisionDetail(zh, { action, detail });
  expect(d('submit-document', 'security-commitment')).toBe('网络及信息安全承诺书');
  expect(d('confirm-installations', '2 line(s): line 0: circuit C-1; line 1: circuit C-2')).toBe(
    '共 2 条：专线 0：电路 C-1；专线 1：电路 C-2',
  );
  expect(d('billing-started', 'fees from 2026-12-02, term 2026-01-08 – 2027-01-07')).toBe(
    '自 2026-12-02 起计费，合同期 2026-01-08 – 2027-01-07',
  );
  expect(d('issue-completion-notice', 'completion notice dated 2026-12-02')).toBe('竣工通知日期 2026-12-02');
  expect(d('claim', 'document:agent-id: hand in agent-id')).toBe('提交材料：经办人/授权代表身份证件');
  expect(d('reject', 'an unknown shape stays as written')).toBe('an unknown shape stays as written');
  expect(decisionDetail(en, { action: 'submit-document', detail: 'agent-id' })).toBe('agent-id');
  expect(regionText({ province: '陕西省', city: '西安市', district: '雁塔区' })).toBe('陕西省西安市雁塔区');
});
