/**
 * The top of the contract page: where it stands (stage, health, current term and its dates) and the
 * signed terms at a glance, each clause cited so a person can find it in the paper contract.
 */
import type { ContractStatus, ContractTerms } from '../../../domain/lifecycle/status';
import type { Dict, Lang } from './i18n';
import { healthText, regionText } from './readable';

const DEFAULT_REF = 'default';

const LABELS = {
  'zh-CN': {
    products: '产品',
    region: '地区',
    signed: '签订日期',
    start: '合同期起',
    end: '合同期止',
    renewal: '续约',
    lines: '专线数量',
    acceptance: '验收期',
    clause: (ref: string) => (ref === DEFAULT_REF ? '（合同未约定，按默认）' : `（第 ${ref} 条）`),
    startOn: { activation: '业务实际开通日', signature: '双方签章之日', fixed: '' },
    months: (n: number) => `起 ${n} 个月`,
    renewalMode: (r: ContractTerms['renewal']) =>
      r.mode === 'auto' ? `自动续约，每次 ${r.months} 个月` : r.mode === 'negotiated' ? '届时协商' : '不续约',
    lineCount: (n: number) => `${n} 条`,
    window: (w: NonNullable<ContractTerms['acceptanceWindow']>) =>
      `竣工通知后 ${w.days} 个${w.dayType === 'working' ? '工作日' : '自然日'}`,
  },
  en: {
    products: 'Products',
    region: 'Region',
    signed: 'Signed',
    start: 'Term starts',
    end: 'Term ends',
    renewal: 'Renewal',
    lines: 'Dedicated lines',
    acceptance: 'Acceptance window',
    clause: (ref: string) => (ref === DEFAULT_REF ? ' (contract silent: default)' : ` (clause ${ref})`),
    startOn: { activation: 'on activation', signature: 'on signature', fixed: '' },
    months: (n: number) => `${n} months after the start`,
    renewalMode: (r: ContractTerms['renewal']) =>
      r.mode === 'auto'
        ? `automatic, ${r.months} months each`
        : r.mode === 'negotiated'
          ? 'negotiated at the time'
          : 'none',
    lineCount: (n: number) => String(n),
    window: (w: NonNullable<ContractTerms['acceptanceWindow']>) =>
      `${w.days} ${w.dayType === 'working' ? 'working' : 'calendar'} days after the completion notice`,
  },
} satisfies Record<Lang, unknown>;

export function TermsSection({ dict, terms }: { dict: Dict; terms: ContractTerms }) {
  const l = LABELS[dict.lang];
  const { start, end, renewal, acceptanceWindow: window } = terms;
  return (
    <section aria-labelledby="contract-terms-title" data-testid="terms">
      <h3 id="contract-terms-title">{dict.t('contractTerms')}</h3>
      <dl>
        <dt>{l.products}</dt>
        <dd>{terms.products.map((p) => dict.product(p)).join('、')}</dd>
        <dt>{l.region}</dt>
        <dd>{regionText(terms.region)}</dd>
        <dt>{l.signed}</dt>
        <dd>{terms.signedDate}</dd>
        <dt>{l.start}</dt>
        <dd>
          {start.kind === 'fixed' ? start.date : l.startOn[start.kind]}
          {l.clause(terms.termClause)}
        </dd>
        <dt>{l.end}</dt>
        <dd>
          {end.kind === 'fixed' ? end.date : l.months(end.months ?? 0)}
          {l.clause(terms.termClause)}
        </dd>
        <dt>{l.renewal}</dt>
        <dd>
          {l.renewalMode(renewal)}
          {l.clause(renewal.clause)}
        </dd>
        {terms.dedicatedLines > 0 && (
          <>
            <dt>{l.lines}</dt>
            <dd>{l.lineCount(terms.dedicatedLines)}</dd>
          </>
        )}
        {window && (
          <>
            <dt>{l.acceptance}</dt>
            <dd>
              {l.window(window)}
              {l.clause(window.clause)}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function SummarySection({ dict, status }: { dict: Dict; status: ContractStatus }) {
  const { term } = status;
  return (
    <section aria-labelledby="summary-title">
      <h3 id="summary-title">{dict.t('summary')}</h3>
      <dl>
        <dt>{dict.t('stage')}</dt>
        <dd data-testid="stage" data-stage={status.stage}>
          {dict.term(status.stage)}
        </dd>
        <dt>{dict.t('health')}</dt>
        <dd data-testid="health" class={status.health === 'stuck' ? 'overdue' : undefined}>
          {healthText(dict, status)}
        </dd>
        <dt>{dict.t('term')}</dt>
        <dd>
          #{term.number} {term.start || term.end ? `${term.start ?? ''} – ${term.end ?? ''}` : ''}
        </dd>
        <dt>{dict.t('activation')}</dt>
        <dd>{term.activationDate ?? '—'}</dd>
        <dt>{dict.t('completionNotice')}</dt>
        <dd>{term.completionNoticeDate ?? '—'}</dd>
      </dl>
    </section>
  );
}
