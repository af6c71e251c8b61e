/**
 * The inbox: open obligations across contracts that the key's role works on (GET /v1/obligations),
 * earliest due first, with claim and unclaim. Its filters live in the URL hash, so a view is a bookmark.
 */
import { useState } from 'preact/hooks';
import { STAGES } from '../../../domain/lifecycle/stages';
import type { MeResponse, ObligationItem, ObligationsResponse } from '../../sdk/api-contract';
import { api, ProblemError } from './api';
import { DueCell } from './due';
import type { Dict } from './i18n';
import { byDueDate } from './order';
import { href, usePolling } from './route';

export const FILTERS = ['party', 'region', 'product', 'stage', 'assignee', 'dueBefore'] as const;

/** A form value as trimmed text (file inputs never occur here). */
export const textOf = (v: FormDataEntryValue | null): string => (typeof v === 'string' ? v.trim() : '');

const COLUMNS = ['contract', 'customer', 'product', 'region', 'stage', 'owed', 'due', 'assignee'] as const;
const columns = (mayAct: boolean) => (mayAct ? [...COLUMNS, 'actions' as const] : COLUMNS);

export function Inbox({ dict, me, params }: { dict: Dict; me: MeResponse; params: URLSearchParams }) {
  const [data, setData] = useState<ObligationsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query.set(f, v);
  }
  const load = () =>
    void api.obligations(query).then(
      (d) => (setData(d), setError(null)),
      (e: unknown) => setError(e instanceof ProblemError ? (e.problem.detail ?? e.problem.title) : String(e)),
    );
  usePolling(load, 5000, [query.toString()]);

  const apply = (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    location.hash = href('/inbox', Object.fromEntries(FILTERS.map((f) => [f, textOf(form.get(f))])));
  };
  const act = async (item: ObligationItem, action: 'claim' | 'unclaim') => {
    setBusy(item.obligation.id + item.contractNo);
    try {
      await api.act(item.contractNo, action, { obligationId: item.obligation.id });
      setError(null);
    } catch (e) {
      setError(
        e instanceof ProblemError
          ? `${dict.t('refused')}: ${e.problem.detail ?? e.problem.title}`
          : String(e),
      );
    } finally {
      setBusy(null);
      load();
    }
  };
  const items = [...(data?.items ?? [])].sort(byDueDate);

  return (
    <section aria-labelledby="inbox-title">
      <h2 id="inbox-title">{dict.t('inbox')}</h2>
      <form class="filters" onSubmit={apply} aria-label={dict.t('filters')} key={query.toString()}>
        <Select
          name="party"
          label={dict.t('party')}
          value={params.get('party')}
          options={me.parties}
          labels={Object.fromEntries(me.parties.map((p) => [p, dict.term(p)]))}
          dict={dict}
        />
        <Text name="region" label={dict.t('region')} value={params.get('region')} />
        <Text name="product" label={dict.t('product')} value={params.get('product')} />
        <Select
          name="stage"
          label={dict.t('stage')}
          value={params.get('stage')}
          options={STAGES}
          labels={Object.fromEntries(STAGES.map((p) => [p, dict.term(p)]))}
          dict={dict}
        />
        <Select
          name="assignee"
          label={dict.t('assignee')}
          value={params.get('assignee')}
          options={['mine', 'unassigned']}
          labels={{ mine: dict.t('mine'), unassigned: dict.t('unassigned') }}
          dict={dict}
        />
        <div class="field">
          <label for="f-dueBefore">{dict.t('dueBefore')}</label>
          <input id="f-dueBefore" name="dueBefore" type="date" defaultValue={params.get('dueBefore') ?? ''} />
        </div>
        <button type="submit">{dict.t('apply')}</button>
        <a href="#/inbox">{dict.t('clear')}</a>
      </form>
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      {data?.truncated && <p class="note">{dict.t('truncated')}</p>}
      {!data && !error && <p>{dict.t('loading')}</p>}
      {data && items.length === 0 && <p class="empty">{dict.t('empty')}</p>}
      {items.length > 0 && (
        <table class="inbox">
          <thead>
            <tr>
              {columns(me.mayAct).map((k) => (
                <th scope="col" key={k}>
                  {dict.t(k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const o = item.obligation;
              const mine = o.assignee?.by === me.keyId;
              const claimable = item.actionable && me.mayAct && o.action !== undefined;
              const id = item.obligation.id + item.contractNo;
              return (
                <tr key={id} data-obligation={o.id} data-contract={item.contractNo}>
                  <td>
                    <a href={href(`/contract/${item.contractNo}`, { obligation: o.id })}>{item.contractNo}</a>
                  </td>
                  <td>{item.customerName}</td>
                  <td>{item.products.map((p) => dict.product(p)).join('、')}</td>
                  <td>{item.region}</td>
                  <td>{dict.term(item.stage)}</td>
                  <td>{dict.summary(o)}</td>
                  <DueCell dict={dict} obligation={o} />
                  <td>
                    {o.assignee
                      ? mine
                        ? `${dict.t('you')} (${o.assignee.by})`
                        : o.assignee.by
                      : dict.t('nobody')}
                  </td>
                  {me.mayAct && (
                    <td class="row-actions">
                      {claimable && !o.assignee && (
                        <button type="button" disabled={busy === id} onClick={() => void act(item, 'claim')}>
                          {dict.t('claim')}
                        </button>
                      )}
                      {claimable && mine && (
                        <button
                          type="button"
                          disabled={busy === id}
                          onClick={() => void act(item, 'unclaim')}
                        >
                          {dict.t('unclaim')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Text({ name, label, value }: { name: string; label: string; value: string | null }) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} type="text" defaultValue={value ?? ''} />
    </div>
  );
}

function Select(props: {
  name: string;
  label: string;
  value: string | null;
  options: readonly string[];
  labels?: Record<string, string>;
  dict: Dict;
}) {
  return (
    <div class="field">
      <label for={`f-${props.name}`}>{props.label}</label>
      {/* Preact sets a select's defaultValue before its options exist: mark the chosen option instead. */}
      <select id={`f-${props.name}`} name={props.name}>
        <option value="">{props.dict.t('any')}</option>
        {props.options.map((o) => (
          <option key={o} value={o} selected={o === props.value}>
            {props.labels?.[o] ?? o}
          </option>
        ))}
      </select>
    </div>
  );
}
