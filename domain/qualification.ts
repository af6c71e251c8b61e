/**
 * Qualification review (资质审核): which documents a customer must hand in, computed from the products
 * and the customer's profile — never typed per contract. The rules come from the seeds' own clauses:
 * 000 3.1 (cloud call centre), 001 annex 1 §2 (dedicated lines), 002 9.6 (Cloud Call+, type 1 / type 2),
 * 003 §4 and annexes (400 number), 004 2.2 (industry SMS, direct / agent mode).
 */
import type { ProductCode } from './catalogue';
import type { ContractSpec } from './contract-spec';

export const DOCUMENTS = {
  'business-licence': ['Business licence or other proof of legal standing', '营业执照（副本）/主体资格证明'],
  'legal-representative-id': ['ID of the legal representative', '法定代表人（负责人）身份证件'],
  'agent-id': ['ID of the authorised agent handling the contract', '经办人/授权代表身份证件'],
  'authorisation-letter': [
    'Authorisation letter under the customer seal',
    '授权书/法人授权委托书/单位介绍信',
  ],
  'bank-account-licence': ['Bank account opening licence', '开户行许可证'],
  'general-taxpayer-proof': ['General VAT taxpayer certificate', '一般纳税人凭证'],
  'call-centre-licence': ['Call-centre business licence', '呼叫中心经营许可证'],
  'number-certificate': ['Number resource certificate', '码号证书'],
  'number-filing': ['Number filing record', '码号备案'],
  'vas-licence': ['Value-added telecom business licence', '增值电信业务经营许可证'],
  'cross-region-vas-licence': ['Cross-region value-added telecom licence', '跨地区增值电信业务经营许可证'],
  'sp-qualification': ['Other proof the SP may run the business', '其他SP资质证明文件'],
  'mandate-proof': ['Proof of the mandate between SP and client', '委托关系及委托权限证明'],
  'special-number-approval': ['MIIT / provincial approval of the 95/96 number', '95/96特服号核准或备案证明'],
  'number-400-ownership-proof': ['Ownership proof of the 400 caller number', '400号码权属证明'],
  'miit-sms-number-certificate': ['MIIT industry-SMS access number certificate', '行业短信接入号码使用证书'],
  'sms-access-application': ['Access application: company, business, service phone, e-mail', '接入申请说明'],
  'real-name-documents': ['Real-name documents for the 400 number', '400实名制材料'],
  'service-request-form': ['Service request form (open)', '业务需求单'],
  'network-access-undertaking': ['Network access responsibility letter', '用户入网责任书'],
  'security-commitment': ['Network and information security commitment', '网络及信息安全承诺书'],
} as const;

export type DocumentCode = keyof typeof DOCUMENTS;

/** The facts about a customer that decide its document set. */
export interface QualificationProfile {
  products: readonly ProductCode[];
  businessNature: 'operating' | 'non-operating';
  signatory: 'legal-representative' | 'authorised-agent';
  servesThirdParties: boolean;
  customerOwnedSpecialNumber: boolean;
  customerOwned400Number: boolean;
  smsModes: readonly ('direct' | 'agent')[];
  usesMiitSmsNumber: boolean;
}

export interface RequiredDocument {
  code: DocumentCode;
  name: string;
  nameZh: string;
  /** Every clause that asks for it, e.g. ["000 3.1(1)", "000 2.1.4"]. */
  refs: string[];
}

interface Rule {
  product: ProductCode;
  ref: string;
  documents: DocumentCode[];
  applies?: (p: QualificationProfile) => boolean;
}

const agentSigns = (p: QualificationProfile) => p.signatory === 'authorised-agent';
const operating = (p: QualificationProfile) => p.businessNature === 'operating';

const RULES: Rule[] = [
  {
    product: 'cloud-call-centre',
    ref: '000 3.1(1)',
    documents: ['business-licence', 'legal-representative-id', 'agent-id', 'authorisation-letter'],
  },
  {
    product: 'cloud-call-centre',
    ref: '000 3.1(2)',
    documents: ['vas-licence'],
    applies: (p) => p.servesThirdParties,
  },
  {
    product: 'cloud-call-centre',
    ref: '000 3.1(3)',
    documents: ['special-number-approval'],
    applies: (p) => p.customerOwnedSpecialNumber,
  },
  {
    product: 'cloud-call-centre',
    ref: '000 3.1(3)',
    documents: ['number-400-ownership-proof'],
    applies: (p) => p.customerOwned400Number,
  },
  { product: 'cloud-call-centre', ref: '000 2.1.4', documents: ['security-commitment'] },
  {
    product: 'dedicated-line',
    ref: '001 annex 1 §2',
    documents: ['business-licence', 'network-access-undertaking'],
  },
  { product: 'dedicated-line', ref: '001 annex 1 §2(3)', documents: ['vas-licence'], applies: operating },
  { product: 'dedicated-line', ref: '001 3.1.14', documents: ['security-commitment'] },
  // 002 9.6 type 1 (non-operating) is the base; type 2 (operating) adds the call-centre papers.
  {
    product: 'cloud-call-plus',
    ref: '002 9.6',
    documents: ['business-licence', 'legal-representative-id', 'bank-account-licence'],
  },
  {
    product: 'cloud-call-plus',
    ref: '002 9.6 type 1',
    documents: ['general-taxpayer-proof'],
    applies: (p) => !operating(p),
  },
  {
    product: 'cloud-call-plus',
    ref: '002 9.6 type 2',
    documents: ['call-centre-licence', 'number-certificate', 'number-filing'],
    applies: operating,
  },
  {
    product: 'cloud-call-plus',
    ref: '002 9.6',
    documents: ['agent-id', 'authorisation-letter'],
    applies: agentSigns,
  },
  { product: 'cloud-call-plus', ref: '002 annex 1', documents: ['security-commitment'] },
  { product: 'number-400', ref: '003 §4', documents: ['real-name-documents', 'business-licence'] },
  { product: 'number-400', ref: '003 annex 2', documents: ['service-request-form'] },
  { product: 'number-400', ref: '003 annex 1', documents: ['security-commitment'] },
  { product: 'industry-sms', ref: '004 2.2.2(1)', documents: ['business-licence', 'sms-access-application'] },
  {
    product: 'industry-sms',
    ref: '004 2.2.1',
    documents: ['cross-region-vas-licence', 'sp-qualification', 'mandate-proof'],
    applies: (p) => p.smsModes.includes('agent'),
  },
  {
    product: 'industry-sms',
    ref: '004 2.2',
    documents: ['miit-sms-number-certificate'],
    applies: (p) => p.usesMiitSmsNumber,
  },
  { product: 'industry-sms', ref: '004 3.1.2', documents: ['security-commitment'] },
];

export function qualificationProfile(spec: ContractSpec): QualificationProfile {
  const { customer } = spec.parties;
  const { numbers, smsPorts } = spec.resources;
  const owned = (kind: string) => numbers.some((n) => n.kind === kind && n.ownership === 'customer-owned');
  return {
    products: spec.products,
    businessNature: customer.businessNature,
    signatory: customer.signatory,
    servesThirdParties: spec.usage.servesThirdParties,
    customerOwnedSpecialNumber: owned('special-number'),
    customerOwned400Number: owned('number-400'),
    smsModes: [...new Set(smsPorts.map((p) => p.mode))],
    usesMiitSmsNumber: smsPorts.some((p) => p.accessNumber.source === 'miit-issued'),
  };
}

/** The checklist, one entry per document, in the order the rules first ask for them. */
export function requiredDocuments(profile: QualificationProfile): RequiredDocument[] {
  const byCode = new Map<DocumentCode, RequiredDocument>();
  for (const rule of RULES) {
    if (!profile.products.includes(rule.product) || (rule.applies && !rule.applies(profile))) continue;
    for (const code of rule.documents) {
      const [name, nameZh] = DOCUMENTS[code];
      const entry = byCode.get(code) ?? { code, name, nameZh, refs: [] };
      if (!entry.refs.includes(rule.ref)) entry.refs.push(rule.ref);
      byCode.set(code, entry);
    }
  }
  return [...byCode.values()];
}

export function requiredDocumentsFor(spec: ContractSpec): RequiredDocument[] {
  return requiredDocuments(qualificationProfile(spec));
}
