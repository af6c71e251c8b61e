/**
 * The lower half of the contract page: the document checklist, the resources held, the decisions (who
 * did what, when) and the timeline of lifecycle events, in the console's language.
 */
import type { ContractStatus, EventsResponse } from '../../sdk/api-contract';
import { when, yuan } from './format';
import type { Dict } from './i18n';
import { attributesText, decisionDetail } from './readable';

export function History(props: { dict: Dict; status: ContractStatus; events: EventsResponse['events'] }) {
  const { dict, status, events } = props;
  return (
    <>
      <section aria-labelledby="checklist-title">
        <h3 id="checklist-title">{dict.t('checklist')}</h3>
        <ul>
          {status.checklist.map((c) => (
            <li key={c.documentType}>
              {dict.document(c.documentType)}
              {dict.lang === 'en' ? ': ' : '：'}
              {c.documentRef
                ? `${dict.t('submitted')}${dict.lang === 'en' ? ` (${c.documentRef})` : `（${c.documentRef}）`}`
                : dict.t('missing')}
            </li>
          ))}
          {status.checklist.length === 0 && <li>—</li>}
        </ul>
      </section>
      <section aria-labelledby="resources-title">
        <h3 id="resources-title">{dict.t('resources')}</h3>
        <table class="resources">
          <thead>
            <tr>
              <th scope="col">{dict.t('kind')}</th>
              <th scope="col">{dict.t('value')}</th>
              <th scope="col">{dict.t('details')}</th>
            </tr>
          </thead>
          <tbody>
            {status.resources.map((r) => (
              <tr key={r.kind + r.value} data-kind={r.kind}>
                <td>{dict.resourceKind(r.kind)}</td>
                <td>{r.value}</td>
                <td>{attributesText(dict, r.attributes)}</td>
              </tr>
            ))}
            {status.resources.length === 0 && (
              <tr>
                <td colSpan={3}>{dict.t('none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="decisions-title">
        <h3 id="decisions-title">{dict.t('decisions')}</h3>
        <table class="decisions">
          <thead>
            <tr>
              <th scope="col">{dict.t('when')}</th>
              <th scope="col">{dict.t('who')}</th>
              <th scope="col">{dict.t('what')}</th>
            </tr>
          </thead>
          <tbody>
            {status.decisions.map((d, i) => (
              <tr key={i}>
                <td class="date">{when(d.at)}</td>
                <td class="who">{dict.actor(d.by)}</td>
                <td>
                  {dict.action(d.action)}
                  {d.detail ? `${dict.lang === 'en' ? ': ' : '：'}${decisionDetail(dict, d)}` : ''}
                </td>
              </tr>
            ))}
            {status.decisions.length === 0 && (
              <tr>
                <td colSpan={3}>{dict.t('none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="timeline-title">
        <h3 id="timeline-title">{dict.t('timeline')}</h3>
        <ol class="timeline">
          {events.map((e) => (
            <li key={e.id} data-event={e.type}>
              <time>{e.date}</time> {dict.event(e.type)}
              {e.amountFen !== undefined && <span class="amount"> {yuan(e.amountFen)}</span>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
