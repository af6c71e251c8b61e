/**
 * One contract: terms at a glance, obligations (claim, and a form to discharge each), the dedicated
 * lines checklist, resources, money in yuan, decisions and the timeline, refreshed every 5 s while the
 * page is visible, with a link to its workflow in the Temporal UI.
 */
import { useState } from 'preact/hooks';
import type { ContractStatus, EventsResponse, MeResponse } from '../../sdk/api-contract';
import { api, ProblemError } from './api';
import { ActionForm } from './form';
import { when, yuan } from './format';
import { History } from './history';
import { DueCell } from './due';
import type { Dict } from './i18n';
import { LinesChecklist } from './lines';
import { href, usePolling } from './route';
import { SummarySection, TermsSection } from './terms';

type Obligation = ContractStatus['obligations'][number];

/** What the obligation already names (its document, its line), sent with its form rather than typed. */
function fixedOf(o: Obligation): Record<string, unknown> {
  if (o.action === 'submit-document' && o.subject.documentType)
    return { documentType: o.subject.documentType };
  if (o.action === 'confirm-installation' && o.subject.lineIndex !== undefined)
    return { lineIndex: o.subject.lineIndex };
  return {};
}

export function ContractPage(props: {
  dict: Dict;
  me: MeResponse;
  contractNo: string;
  params: URLSearchParams;
}) {
  const { dict, me, contractNo, params } = props;
  const [status, setStatus] = useState<ContractStatus | null>(null);
  const [events, setEvents] = useState<EventsResponse['events']>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = () => {
    api.contract(contractNo).then(
      (s) => (setStatus(s), setError(null)),
      (e: unknown) => setError(e instanceof ProblemError ? (e.problem.detail ?? e.problem.title) : String(e)),
    );
    api.events(contractNo).then(
      (r) => setEvents(r.events),
      () => undefined,
    );
  };
  usePolling(load, 5000, [contractNo]);

  if (!status) return <p role={error ? 'alert' : undefined}>{error ?? dict.t('loading')}</p>;
  const selected = params.get('obligation');
  const open = (id?: string) => (location.hash = href(`/contract/${contractNo}`, { obligation: id }));
  const done = (s: ContractStatus) => {
    setStatus(s);
    setNotice(dict.t('accepted'));
    open(undefined);
    load();
  };
  const lines = status.obligations.filter(
    (o) => o.kind === 'line-installation' && o.action === 'confirm-installation',
  );
  const others = status.obligations.filter((o) => !lines.includes(o));
  const chosen = status.obligations.find((o) => o.id === selected && o.action);
  const customerOwes = status.obligations.filter((o) => o.party === 'customer');
  const ui = me.temporalUi;

  const claim = async (o: Obligation, action: 'claim' | 'unclaim') => {
    try {
      done(await api.act(contractNo, action, { obligationId: o.id }));
    } catch (e) {
      setError(
        e instanceof ProblemError
          ? `${dict.t('refused')}: ${e.problem.detail ?? e.problem.title}`
          : String(e),
      );
    }
  };

  return (
    <article aria-labelledby="contract-title">
      <p>
        <a href="#/inbox">← {dict.t('back')}</a>
      </p>
      <h2 id="contract-title">
        {status.contractNo} · {status.customerName}
      </h2>
      <p class="live">
        {dict.t('liveEvery')}
        {ui && (
          <>
            {' · '}
            <a
              href={`${ui.url}/namespaces/${ui.namespace}/workflows/${status.workflowId}`}
              target="_blank"
              rel="noreferrer"
            >
              {dict.t('temporalUi')}
            </a>
          </>
        )}
      </p>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      {!me.mayAct && <p class="note">{dict.t('cannotAct')}</p>}
      <div class="grid">
        <SummarySection dict={dict} status={status} />
        {status.terms && <TermsSection dict={dict} terms={status.terms} />}
        <section aria-labelledby="money-title">
          <h3 id="money-title">{dict.t('money')}</h3>
          <dl>
            <dt>{dict.t('paid')}</dt>
            <dd>{yuan(status.balances.paidFen)}</dd>
            <dt>{dict.t('arrears')}</dt>
            <dd>{yuan(status.balances.arrearsFen)}</dd>
            <dt>{dict.t('lateFees')}</dt>
            <dd>{yuan(status.balances.lateFeesFen)}</dd>
            <dt>{dict.t('penalties')}</dt>
            <dd>{yuan(status.balances.penaltiesFen)}</dd>
            <dt>{dict.t('credits')}</dt>
            <dd>{yuan(status.balances.creditsFen)}</dd>
          </dl>
        </section>
      </div>
      {me.role === 'sales' && (
        <section aria-labelledby="owes-title">
          <h3 id="owes-title">{dict.t('stillOwes')}</h3>
          <ul>
            {customerOwes.map((o) => (
              <li key={o.id}>
                {dict.summary(o)} {o.dueDate && `(${dict.t('due')} ${o.dueDate})`}
              </li>
            ))}
            {customerOwes.length === 0 && <li>—</li>}
          </ul>
        </section>
      )}
      <section aria-labelledby="obligations-title">
        <h3 id="obligations-title">{dict.t('obligations')}</h3>
        <table class="obligations">
          <thead>
            <tr>
              <th scope="col">{dict.t('owed')}</th>
              <th scope="col">{dict.t('party')}</th>
              <th scope="col">{dict.t('due')}</th>
              <th scope="col">{dict.t('assignee')}</th>
              {me.mayAct && <th scope="col">{dict.t('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {others.map((o) => (
              <tr key={o.id} data-obligation={o.id} class={o.id === selected ? 'selected' : undefined}>
                <td>{dict.summary(o)}</td>
                <td>{dict.term(o.party)}</td>
                <DueCell dict={dict} obligation={o} />
                <td>
                  {o.assignee
                    ? `${o.assignee.by} ${dict.t('since')} ${when(o.assignee.since)}`
                    : dict.t('nobody')}
                </td>
                {me.mayAct && (
                  <td class="row-actions">
                    {o.action && (
                      <>
                        <button type="button" onClick={() => open(o.id)}>
                          {dict.action(o.action)}
                        </button>
                        {!o.assignee && (
                          <button type="button" onClick={() => void claim(o, 'claim')}>
                            {dict.t('claim')}
                          </button>
                        )}
                        {o.assignee?.by === me.keyId && (
                          <button type="button" onClick={() => void claim(o, 'unclaim')}>
                            {dict.t('unclaim')}
                          </button>
                        )}
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {others.length === 0 && (
              <tr>
                <td colSpan={me.mayAct ? 5 : 4}>
                  {lines.length > 0 ? `${dict.t('lines')}: ${lines.length}` : dict.t('none')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      {me.mayAct && chosen?.action && chosen.kind !== 'line-installation' && (
        <ActionForm
          key={chosen.id}
          dict={dict}
          me={me}
          contractNo={contractNo}
          action={chosen.action}
          fixed={fixedOf(chosen)}
          subject={dict.summary(chosen)}
          onDone={done}
        />
      )}
      {me.mayAct && lines.length > 0 && (
        <LinesChecklist dict={dict} me={me} contractNo={contractNo} lines={lines} onDone={done} />
      )}
      {!me.mayAct && lines.length > 0 && (
        <p>
          {dict.t('lines')}: {lines.length}
        </p>
      )}
      <History dict={dict} status={status} events={events} />
    </article>
  );
}
