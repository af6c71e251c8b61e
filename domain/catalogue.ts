/**
 * The product catalogue behind the seed contracts: which products exist, what can be charged for each
 * and how (one-time, monthly, yearly, per use), with the list price where a contract quotes one. Line
 * items in a ContractSpec point here by code. List prices matter beyond display: 000 clause 7.3 (2nd)
 * claws back discounts against "the standard tariff listed in the contract, or else the provider's
 * standard tariff on sale when the contract was signed" — this catalogue is that fallback.
 */
import { z } from 'zod';

export const PRODUCT_CODES = [
  'cloud-call-centre', // 云呼叫中心 (000)
  'dedicated-line', // 互联网/VPN 专线 (001)
  'cloud-call-plus', // “云呼+” 语音通知 (002)
  'number-400', // 企业 400 (003)
  'industry-sms', // 行业短信 (004)
] as const;
export const ProductCodeSchema = z.enum(PRODUCT_CODES);
export type ProductCode = z.infer<typeof ProductCodeSchema>;

export const USAGE_UNITS = [
  'message',
  'voice-notification',
  'call-minute',
  'line-access',
  'relocation',
] as const;
export const UsageUnitSchema = z.enum(USAGE_UNITS);
export type UsageUnit = z.infer<typeof UsageUnitSchema>;

export type CatalogueBasis = 'one-time' | 'monthly' | 'yearly' | 'per-usage';

export interface CatalogueItem {
  product: ProductCode;
  name: string;
  nameZh: string;
  basis: CatalogueBasis;
  usageUnit?: UsageUnit;
  /** Standard (undiscounted) unit price in fen, where a seed quotes one. */
  listUnitPriceFen?: number;
  /** Where the price or item comes from. */
  source: string;
}

export interface Product {
  code: ProductCode;
  name: string;
  nameZh: string;
  /** Kinds of service request the customer may file during the term. */
  serviceRequests: readonly string[];
}

export const PRODUCTS: Readonly<Record<ProductCode, Product>> = {
  'cloud-call-centre': {
    code: 'cloud-call-centre',
    name: 'Cloud call centre platform use',
    nameZh: '云呼叫中心（云平台能力使用服务）',
    serviceRequests: ['change-use-or-caller-number'], // 000 clause 2.1.12, 30 days ahead
  },
  'dedicated-line': {
    code: 'dedicated-line',
    name: 'Internet / VPN dedicated line',
    nameZh: '互联网专线 / VPN 专线',
    serviceRequests: ['relocation', 'open-ports'], // 001 clauses 1.2, 1.5
  },
  'cloud-call-plus': {
    code: 'cloud-call-plus',
    name: 'Cloud Call+ voice notification',
    nameZh: '“云呼+”智能语音通知',
    serviceRequests: ['change-scope-use-or-time', 'file-outbound-campaign'], // 002 clauses 2.1.6, 4.4
  },
  'number-400': {
    code: 'number-400',
    name: 'Enterprise 400 number',
    nameZh: '企业 400 业务',
    // 003 annex 2 业务需求单: 开通 / 撤机 / 停机保号 / 用户资料变更 / 业务数据变更 / 业务号码变更
    serviceRequests: [
      'open',
      'cancel',
      'suspend-keep-number',
      'customer-data-change',
      'service-data-change',
      'number-change',
    ],
  },
  'industry-sms': {
    code: 'industry-sms',
    name: 'Industry SMS',
    nameZh: '行业短信',
    serviceRequests: ['change-recipient-scope', 'change-service-content', 'choose-free-month'], // 004 3.1.5, 3.1.6, 5.2
  },
};

/** Keyed by catalogue code; `listUnitPriceFen` absent where the seeds quote no standard price. */
export const CATALOGUE = {
  'ccc.seat': {
    product: 'cloud-call-centre',
    basis: 'monthly',
    listUnitPriceFen: 57_000,
    name: 'Hotline platform seat',
    nameZh: '热线平台坐席',
    source: '000 annex 2 #1',
  },
  'ccc.opening-fee': {
    product: 'cloud-call-centre',
    basis: 'one-time',
    listUnitPriceFen: 200_000,
    name: 'Service opening fee',
    nameZh: '业务开通服务费',
    source: '000 annex 2 #2',
  },
  'ccc.cloud-line': {
    product: 'cloud-call-centre',
    basis: 'yearly',
    listUnitPriceFen: 1_500_000,
    name: 'Cloud dedicated line',
    nameZh: '云专线服务',
    source: '000 annex 2 #3',
  },
  'ccc.cloud-host': {
    product: 'cloud-call-centre',
    basis: 'yearly',
    listUnitPriceFen: 200_000,
    name: 'Cloud host share',
    nameZh: '云主机服务',
    source: '000 annex 2 #4',
  },
  'ccc.outbound-function': {
    product: 'cloud-call-centre',
    basis: 'yearly',
    listUnitPriceFen: 90_000,
    name: 'Outbound call function per seat',
    nameZh: '平台呼出功能服务费',
    source: '000 annex 2 #5',
  },
  'ccc.number-occupancy': {
    product: 'cloud-call-centre',
    basis: 'yearly',
    listUnitPriceFen: 80_000,
    name: 'Number occupancy fee',
    nameZh: '号码占号费',
    source: '000 annex 2 #6',
  },
  'line.annual-fee': {
    product: 'dedicated-line',
    basis: 'yearly',
    name: 'Annual line usage fee (negotiated)',
    nameZh: '线路年使用费',
    source: '001 1.3',
  },
  'line.access-fee': {
    product: 'dedicated-line',
    basis: 'per-usage',
    usageUnit: 'line-access',
    listUnitPriceFen: 200_000,
    name: 'One-time access fee per line',
    nameZh: '一次性接入费',
    source: '001 1.1',
  },
  'line.access-handling-fee': {
    product: 'dedicated-line',
    basis: 'per-usage',
    usageUnit: 'line-access',
    listUnitPriceFen: 800,
    name: 'Access handling fee per line',
    nameZh: '接入手续费',
    source: '001 1.1',
  },
  'line.relocation-fee': {
    product: 'dedicated-line',
    basis: 'per-usage',
    usageUnit: 'relocation',
    listUnitPriceFen: 200_000,
    name: 'Relocation fee per line',
    nameZh: '移机费',
    source: '001 1.2',
  },
  'line.relocation-handling-fee': {
    product: 'dedicated-line',
    basis: 'per-usage',
    usageUnit: 'relocation',
    listUnitPriceFen: 800,
    name: 'Relocation handling fee per line',
    nameZh: '移机手续费',
    source: '001 1.2',
  },
  'ccp.console': {
    product: 'cloud-call-plus',
    basis: 'yearly',
    listUnitPriceFen: 0,
    name: 'Management console',
    nameZh: '“云呼+”管理后台',
    source: '002 3.1(2)1)',
  },
  'ccp.robot': {
    product: 'cloud-call-plus',
    basis: 'yearly',
    listUnitPriceFen: 2_200_000,
    name: 'Smart variable voice robot',
    nameZh: '智能变量机器人',
    source: '002 3.1(2)2)',
  },
  'ccp.display-number': {
    product: 'cloud-call-plus',
    basis: 'yearly',
    listUnitPriceFen: 0,
    name: 'Outbound display number',
    nameZh: '呼出外显号码',
    source: '002 3.1(2)3)',
  },
  'ccp.voice-notification': {
    product: 'cloud-call-plus',
    basis: 'per-usage',
    usageUnit: 'voice-notification',
    listUnitPriceFen: 10,
    name: 'Voice notification',
    nameZh: '语音通知',
    source: '002 3.1(2)4)',
  },
  'ccp.caller-id-card': {
    product: 'cloud-call-plus',
    basis: 'yearly',
    name: 'Caller-ID card bundle',
    nameZh: '来电名片',
    source: '002 3.1(2)5)',
  },
  'ccp.integration': {
    product: 'cloud-call-plus',
    basis: 'one-time',
    listUnitPriceFen: 0,
    name: 'Interface development and deployment',
    nameZh: '接口开发、项目部署',
    source: '002 3.1(2)6)',
  },
  'n400.function-fee': {
    product: 'number-400',
    basis: 'monthly',
    name: '400 number monthly function fee',
    nameZh: '400 功能费',
    source: 'not priced in 003',
  },
  'sms.ordinary': {
    product: 'industry-sms',
    basis: 'per-usage',
    usageUnit: 'message',
    listUnitPriceFen: 3,
    name: 'Ordinary industry SMS, up or down',
    nameZh: '普通行业短信',
    source: '004 5.2',
  },
  'sms.fast-lane': {
    product: 'industry-sms',
    basis: 'per-usage',
    usageUnit: 'message',
    listUnitPriceFen: 3,
    name: '"Seconds" fast-lane SMS, up or down',
    nameZh: '秒达短信',
    source: '004 5.2',
  },
  'sms.multimedia': {
    product: 'industry-sms',
    basis: 'per-usage',
    usageUnit: 'message',
    name: 'Multimedia SMS',
    nameZh: '多媒体短信',
    source: '004 1.4',
  },
  'sms.smart': {
    product: 'industry-sms',
    basis: 'per-usage',
    usageUnit: 'message',
    name: 'Smart SMS',
    nameZh: '智能短信',
    source: '004 1.6',
  },
} as const satisfies Record<string, CatalogueItem>;

export type CatalogueCode = keyof typeof CATALOGUE;
export const CATALOGUE_CODES = Object.keys(CATALOGUE) as [CatalogueCode, ...CatalogueCode[]];
export const CatalogueCodeSchema = z.enum(CATALOGUE_CODES);

export function catalogueItem(code: CatalogueCode): CatalogueItem {
  return CATALOGUE[code];
}
