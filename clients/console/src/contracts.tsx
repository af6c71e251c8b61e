/** The contracts the key may read (a sales key: only its own), with their stage. */
import { useState } from 'preact/hooks';
import type { ListResponse } from '../../sdk/api-contract';
import { api, ProblemError } from './api';
import type { Dict } from './i18n';
import { href, usePolling } from './route';

export function ContractList({ dict }: { dict: Dict }) {
  const [data, setData] = useState<ListResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePolling(
    () =>
      void api.contracts().then(
        (d) => (setData(d), setError(null)),
        (e: unknown) =>
          setError(e instanceof ProblemError ? (e.problem.detail ?? e.problem.title) : String(e)),
      ),
    5000,
    [],
  );
  return (
    <section aria-labelledby="contracts-title">
      <h2 id="contracts-title">{dict.t('contracts')}</h2>
      {error && (
        <p class="problem" role="alert">
          {error}
        </p>
      )}
      {!data && !error && <p>{dict.t('loading')}</p>}
      {data && data.contracts.length === 0 && <p class="empty">{dict.t('noContracts')}</p>}
      {data && data.contracts.length > 0 && (
        <table class="contracts">
          <thead>
            <tr>
              <th scope="col">{dict.t('contract')}</th>
              <th scope="col">{dict.t('customer')}</th>
              <th scope="col">{dict.t('product')}</th>
              <th scope="col">{dict.t('region')}</th>
              <th scope="col">{dict.t('stage')}</th>
              <th scope="col">{dict.t('health')}</th>
            </tr>
          </thead>
          <tbody>
            {data.contracts.map((c) => (
              <tr key={c.contractNo} data-contract={c.contractNo}>
                <td>
                  <a href={href(`/contract/${c.contractNo}`)}>{c.contractNo}</a>
                </td>
                <td>{c.customerName ?? ''}</td>
                <td>{c.products.join(', ')}</td>
                <td>{c.region ?? ''}</td>
                <td data-stage={c.stage}>{c.stage ? dict.term(c.stage) : c.executionStatus}</td>
                <td>{c.health ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
