/**
 * Chinese names for the API's codes that people read on the contract page and in the inbox: document
 * types, resource kinds, products, events and the workflow's own decisions. The English console shows
 * the codes (they are readable English); an unknown code shows as itself in either language.
 */
import { PRODUCTS } from '../../../domain/catalogue';
import { DOCUMENTS } from '../../../domain/qualification';
import type { ResourceKind } from '../../../domain/resource-formats';

/** The qualification rules' documents, in the contract's own words (domain/qualification.ts). */
export const documentsZh: Record<string, string> = Object.fromEntries(
  Object.entries(DOCUMENTS).map(([code, [, nameZh]]) => [code, nameZh]),
);

export const productsZh: Record<string, string> = Object.fromEntries(
  Object.values(PRODUCTS).map((p) => [p.code, p.nameZh]),
);

export const resourceKindsZh: Record<ResourceKind, string> = {
  'special-number': '95/96 特服号码',
  'number-400': '400 号码',
  'display-number': '固话外显号码',
  'sms-access-number': '短信接入号',
  'enterprise-code': '短信企业代码',
  'ipv4-block': 'IPv4 地址段',
  circuit: '专线电路',
  seat: '坐席',
  robot: '语音机器人',
  'cloud-host': '云主机',
};

/** Lifecycle events by the middle of their type (telecom.contract.<name>.v1). */
export const eventsZh: Record<string, string> = {
  'onboarding-received': '合同录入',
  'qualification-requested': '发起资质审核',
  'documents-requested': '要求补充材料',
  'qualification-approved': '资质审核通过',
  'qualification-rejected': '资质审核驳回',
  'qualification-escalated': '资质审核超期上报',
  'resource-reserved': '资源预占',
  'resource-committed': '资源开通',
  'resource-released': '资源释放',
  'resource-quarantined': '号码冷冻',
  'activation-overdue': '开通超期',
  'completion-notice-issued': '发出竣工通知',
  'acceptance-signed': '客户验收签字',
  'acceptance-objected': '客户书面异议',
  'acceptance-deemed': '视为验收',
  'billing-started': '开始计费',
  'charge-applied': '计收费用',
  'credit-applied': '抵扣',
  'payment-received': '收到付款',
  'payment-overdue': '付款逾期',
  'usage-settled': '用量结算',
  'renewal-due': '续约提醒',
  renewed: '自动续约',
  'non-renewal-noticed': '收到不续约通知',
  'unsubscribe-noticed': '收到退订通知',
  'service-request-completed': '业务变更完成',
  'service-suspended': '停机',
  'service-resumed': '复机',
  'violation-recorded': '登记违规',
  'violation-remediated': '违规整改完成',
  'complaint-recorded': '登记投诉',
  'termination-requested': '申请终止',
  terminated: '合同终止',
  closed: '合同结束',
};

/** What the workflow itself decides (by "workflow"), next to the people's actions of i18n.ts. */
export const workflowDecisionsZh: Record<string, string> = {
  'billing-started': '开始计费',
  renewed: '自动续约',
  'deemed-acceptance': '视为验收',
  'provisioning-failed': '资源开通失败',
  'compensation-failed': '回滚失败',
  'service-request-failed': '业务变更失败',
  'termination-step-failed': '终止步骤失败',
};

/** "telecom.contract.billing-started.v1" → "billing-started". */
export const eventName = (type: string) => type.replace(/^telecom\.contract\./, '').replace(/\.v\d+$/, '');
