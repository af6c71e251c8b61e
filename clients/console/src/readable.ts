/**
 * The API's codes and the decider's English lines as people read them on the contract page (kept out
 * of the components so they are tested without a browser).
 */
import type { ContractStatus, ContractTerms } from '../../../domain/lifecycle/status';
import { when } from './format';
import type { Dict } from './i18n';

type Resource = ContractStatus['resources'][number];
type Decision = ContractStatus['decisions'][number];

/** A held resource's attributes for people: bandwidth as up/down Mbit/s, a block's size, the rest as is. */
export function attributesText(dict: Dict, attributes: Resource['attributes']): string {
  const zh = dict.lang === 'zh-CN';
  const { bandwidthUpMbps: up, bandwidthDownMbps: down, addresses, ...rest } = attributes;
  const parts: string[] = [];
  if (up !== undefined || down !== undefined)
    parts.push(up === down ? `${String(up)} Mbit/s` : `${String(up ?? '?')}/${String(down ?? '?')} Mbit/s`);
  if (addresses !== undefined)
    parts.push(zh ? `${String(addresses)} 个地址` : `${String(addresses)} addresses`);
  for (const [k, v] of Object.entries(rest)) parts.push(`${k}: ${String(v)}`);
  return parts.join(zh ? '，' : ', ');
}

const OBLIGATIONS_ZH: Record<string, string> = {
  'qualification-decision': '资质审核结论',
  'completion-notice': '发出竣工通知',
  'icp-filing': '网站备案',
  'campaign-script': '外呼话术审批',
  acceptance: '客户验收签字或书面异议',
};

function obligationZh(dict: Dict, id: string): string {
  const [kind, rest] = [id.split(':')[0]!, id.slice(id.indexOf(':') + 1)];
  if (kind === 'document') return `提交材料：${dict.document(rest)}`;
  if (kind === 'line') return `专线 ${rest} 装机测试`;
  return OBLIGATIONS_ZH[id] ?? id;
}

/**
 * The decider writes a decision's detail in English for logs and the CLI; the shapes people meet most
 * often read in Chinese here, and any other shows as written.
 */
export function decisionDetail(dict: Dict, d: Pick<Decision, 'action' | 'detail'>): string {
  const detail = d.detail ?? '';
  if (dict.lang === 'en' || !detail) return detail;
  const line = (s: string) => s.replace(/line (\d+): circuit (\S+)/g, '专线 $1：电路 $2');
  const requested = /^([^:]+): ([\s\S]*)$/.exec(detail);
  const confirmed = /^(\d+) line\(s\): ([\s\S]*)$/.exec(detail);
  switch (d.action) {
    case 'submit-document':
      return dict.document(detail);
    case 'request-documents':
      return requested
        ? `${requested[1]!
            .split(', ')
            .map((code) => dict.document(code))
            .join('、')}：${requested[2]}`
        : detail;
    case 'confirm-installation':
      return line(detail);
    case 'confirm-installations':
      return confirmed
        ? `共 ${confirmed[1]} 条：${line(confirmed[2]!)
            .replace(/; … and (\d+) more$/, '；另 $1 条')
            .replace(/; /g, '；')}`
        : detail;
    case 'claim':
    case 'unclaim':
      // "<obligation id>: <English summary>" or "<id> (held by …)": the id is enough to name it.
      return obligationZh(dict, detail.split(/: | \(/)[0]!);
    case 'issue-completion-notice':
      return detail.replace(/^completion notice dated (\S+)$/, '竣工通知日期 $1');
    case 'billing-started':
      return detail.replace(/^fees from (\S+), term (.+)$/, '自 $1 起计费，合同期 $2');
    case 'renewed':
      return detail.replace(/^term (\d+): (.+)$/, '第 $1 期：$2');
    case 'deemed-acceptance':
      return detail.replace(/^no answer by (\S+) \(clause (.+)\)$/, '$1 前未答复（第 $2 条）');
    default:
      return detail;
  }
}

/** Province, city, district as written on Chinese addresses (no separators). */
export function regionText(region: ContractTerms['region']): string {
  return [region.province, region.city, region.district].filter(Boolean).join('');
}

/** Health for people: 正常, or 卡住 with the reason (field and rule) and when it retries. */
export function healthText(dict: Dict, status: Pick<ContractStatus, 'health' | 'stuck'>): string {
  if (status.health !== 'stuck') return dict.t('healthOk');
  const s = status.stuck;
  return s
    ? `${dict.t('healthStuck')}: ${s.reason} (${dict.lang === 'en' ? `since ${when(s.since)}, next attempt ${when(s.nextAttempt)}` : `自 ${when(s.since)}，下次重试 ${when(s.nextAttempt)}`})`
    : dict.t('healthStuck');
}
