/**
 * Every string of the console, in Simplified Chinese (the default) and English (the choice: main.tsx).
 */
import type { ContractStatus } from '../../sdk/api-contract';
import { yuan } from './format';
import { actionsZh, fieldsEn, fieldsZh } from './labels';
import { documentsZh, eventName, eventsZh, productsZh, resourceKindsZh, workflowDecisionsZh } from './names';

export { actionsZh, fieldsEn, fieldsZh } from './labels';

type Obligation = ContractStatus['obligations'][number];

export type Lang = 'zh-CN' | 'en';

const zh = {
  title: '合同履约控制台',
  signIn: '登录',
  signOut: '退出',
  apiKey: 'API 密钥',
  apiKeyHelp: '密钥只保存在本浏览器会话中，关闭窗口即清除。',
  signInFailed: '登录失败',
  role: '角色',
  cannotAct: '此密钥只能查看，不能操作',
  inbox: '待办',
  contracts: '合同',
  language: 'English',
  languageName: '语言',
  contract: '合同',
  customer: '客户',
  product: '产品',
  region: '地区',
  stage: '阶段',
  owed: '待办事项',
  due: '到期日',
  assignee: '处理人',
  party: '责任方',
  mine: '我认领的',
  unassigned: '未认领',
  dueBefore: '到期早于',
  any: '全部',
  apply: '筛选',
  clear: '清除筛选',
  overdue: '已逾期',
  noDate: '无期限',
  nobody: '无人认领',
  you: '我',
  claim: '认领',
  unclaim: '放弃',
  open: '办理',
  empty: '没有待办事项',
  truncated: '结果过多，仅显示前面部分；请缩小筛选范围。',
  loading: '加载中…',
  since: '认领于',
  summary: '合同概要',
  contractTerms: '合同条款',
  term: '合同期',
  activation: '开通日',
  completionNotice: '竣工通知日',
  obligations: '待办义务',
  resources: '资源',
  timeline: '事件时间线',
  decisions: '决策记录',
  who: '操作人',
  what: '操作',
  when: '时间',
  money: '费用',
  paid: '已付',
  arrears: '欠费',
  lateFees: '滞纳金',
  penalties: '违约金',
  credits: '抵扣',
  checklist: '资质材料',
  submitted: '已提交',
  missing: '未提交',
  temporalUi: '在 Temporal UI 中查看',
  liveEvery: '每 5 秒自动刷新',
  submit: '提交',
  sending: '提交中…',
  accepted: '已受理',
  refused: '被拒绝',
  required: '必填',
  invalid: '格式不正确',
  lines: '专线装机',
  linesHelp: '勾选已装机并测试的专线，填写电路编号，一次确认。',
  lineNo: '线路',
  lineGroup: '线路组',
  bandwidth: '带宽',
  circuitId: '电路编号',
  confirmSelected: '确认所选线路',
  selectAll: '全选',
  selected: '已选',
  actions: '操作',
  back: '返回待办',
  stillOwes: '客户仍需',
  health: '状态',
  healthOk: '正常',
  healthStuck: '卡住',
  workflow: '系统（合同流程）',
  kind: '类型',
  value: '编号',
  details: '说明',
  none: '无',
  noContracts: '没有合同',
  yuan: '元',
  close: '关闭',
  networkError: '网络错误，请重试',
  filters: '筛选条件',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  title: 'Contract console',
  signIn: 'Sign in',
  signOut: 'Sign out',
  apiKey: 'API key',
  apiKeyHelp: 'The key is kept in this browser session only and cleared when the window closes.',
  signInFailed: 'Sign-in failed',
  role: 'Role',
  cannotAct: 'This key may read but cannot act',
  inbox: 'Inbox',
  contracts: 'Contracts',
  language: '中文',
  languageName: 'Language',
  contract: 'Contract',
  customer: 'Customer',
  product: 'Product',
  region: 'Region',
  stage: 'Stage',
  owed: 'What is owed',
  due: 'Due',
  assignee: 'Assignee',
  party: 'Party',
  mine: 'Mine',
  unassigned: 'Unassigned',
  dueBefore: 'Due before',
  any: 'Any',
  apply: 'Filter',
  clear: 'Clear filters',
  overdue: 'overdue',
  noDate: 'no date',
  nobody: 'nobody',
  you: 'me',
  claim: 'Claim',
  unclaim: 'Unclaim',
  open: 'Open',
  empty: 'Nothing waiting',
  truncated: 'More matched than shown; narrow the filters.',
  loading: 'Loading…',
  since: 'since',
  summary: 'At a glance',
  contractTerms: 'Terms',
  term: 'Term',
  activation: 'Activation',
  completionNotice: 'Completion notice',
  obligations: 'Obligations',
  resources: 'Resources',
  timeline: 'Timeline',
  decisions: 'Decisions',
  who: 'Who',
  what: 'What',
  when: 'When',
  money: 'Payments and balance',
  paid: 'Paid',
  arrears: 'Arrears',
  lateFees: 'Late fees',
  penalties: 'Penalties',
  credits: 'Credits',
  checklist: 'Documents',
  submitted: 'submitted',
  missing: 'missing',
  temporalUi: 'Open in the Temporal UI',
  liveEvery: 'Refreshes every 5 s',
  submit: 'Submit',
  sending: 'Sending…',
  accepted: 'Accepted',
  refused: 'Refused',
  required: 'required',
  invalid: 'invalid',
  lines: 'Dedicated lines',
  linesHelp: 'Tick the lines installed and tested, enter their circuit ids, confirm in one step.',
  lineNo: 'Line',
  lineGroup: 'Line group',
  bandwidth: 'Bandwidth',
  circuitId: 'Circuit id',
  confirmSelected: 'Confirm selected lines',
  selectAll: 'Select all',
  selected: 'selected',
  actions: 'Actions',
  back: 'Back to the inbox',
  stillOwes: 'The customer still owes',
  health: 'Health',
  healthOk: 'ok',
  healthStuck: 'stuck',
  workflow: 'workflow',
  kind: 'Kind',
  value: 'Value',
  details: 'Details',
  none: 'none',
  noContracts: 'No contracts',
  yuan: 'yuan',
  close: 'Close',
  networkError: 'Network error, try again',
  filters: 'Filters',
};

/** Stage and party names (the API's codes) for people. */
const termsZh: Record<string, string> = {
  qualification: '资质审核',
  provisioning: '资源开通',
  acceptance: '竣工验收',
  active: '在网服务',
  suspended: '停机',
  terminating: '终止中',
  closed: '已结束',
  reviewer: '审核员',
  engineer: '工程师',
  customer: '客户',
  billing: '计费',
  compliance: '合规',
  sales: '销售',
};

const documentZh = (code: string) => documentsZh[code] ?? code;

function summaryZh(o: Obligation): string | undefined {
  const s = o.subject;
  switch (o.kind) {
    case 'document':
      return `提交材料：${documentZh(s.documentType ?? '')}`;
    case 'qualification-decision':
      return '资质审核结论';
    case 'line-installation':
      return `专线 ${s.lineIndex ?? ''} 装机测试${s.bandwidthMbps ? `（${s.bandwidthMbps} Mbit/s）` : ''}`;
    case 'completion-notice':
      return '发出竣工通知';
    case 'icp-filing':
      return '网站备案（开放 80/8080/443 端口前）';
    case 'campaign-script':
      return '外呼话术审批';
    case 'acceptance':
      return '客户验收签字或书面异议';
    case 'payment':
      return s.amountFen !== undefined ? `付款 ${yuan(s.amountFen)}` : undefined;
    case 'invoice':
      return `开具发票 ${s.invoiceId ?? ''}`;
    case 'usage-report':
      return `上报 ${s.month ?? ''} 用量`;
    case 'remediation':
      return `整改 ${s.violationId ?? ''}`;
    case 'non-renewal-notice':
      return '不续约通知截止';
    case 'term-end':
      return '合同期届满';
  }
}

export interface Dict {
  lang: Lang;
  t(key: MessageKey): string;
  field(name: string, description?: string): { label: string; help?: string };
  action(name: string): string;
  /** A stage or party code for people (the code itself in English). */
  term(code: string): string;
  /** What an obligation asks for, in the console's language (the API's English summary otherwise). */
  summary(o: Obligation): string;
  /** A document type of the checklist (the code in English, and for a type no rule knows). */
  document(code: string): string;
  resourceKind(kind: string): string;
  product(code: string): string;
  /** A lifecycle event's type (telecom.contract.x.v1) for people. */
  event(type: string): string;
  /** Who made a decision: a key id, or the workflow itself. */
  actor(by: string): string;
}

export function dictionary(lang: Lang): Dict {
  const messages = lang === 'en' ? en : zh;
  const fields = lang === 'en' ? fieldsEn : fieldsZh;
  return {
    lang,
    t: (key) => messages[key],
    field: (name, description) => {
      const entry = fields[name];
      return { label: entry?.[0] ?? name, help: entry?.[1] ?? description };
    },
    action: (name) =>
      lang === 'en' ? name.replace(/-/g, ' ') : (actionsZh[name] ?? workflowDecisionsZh[name] ?? name),
    term: (code) => (lang === 'en' ? code : (termsZh[code] ?? code)),
    summary: (o) => (lang === 'en' ? o.summary : (summaryZh(o) ?? o.summary)),
    document: (code) => (lang === 'en' ? code : documentZh(code)),
    resourceKind: (kind) => (lang === 'en' ? kind : (resourceKindsZh[kind as never] ?? kind)),
    product: (code) => (lang === 'en' ? code : (productsZh[code] ?? code)),
    event: (type) => (lang === 'en' ? eventName(type) : (eventsZh[eventName(type)] ?? eventName(type))),
    actor: (by) => (by === 'workflow' ? messages.workflow : by),
  };
}
