/**
 * Dedicated lines waiting for installation, as a checklist with a circuit id per line, confirmed in ONE
 * `confirm-installations` request (not one per line). The request carries an Idempotency-Key made per
 * submission attempt and reused on retry, so a retried click is applied once. A refusal naming
 * `lines.<i>.circuitId` is shown on that line.
 */
import { useState } from 'preact/hooks';
import { ActionSchemas } from '../../../domain/lifecycle/actions';
import type { ContractStatus, MeResponse, ObligationSchema } from '../../sdk/api-contract';
import type { z } from 'zod';
import { api, ProblemError } from './api';
import { useIdempotencyKey } from './attempt';
import type { Dict } from './i18n';
import { fieldErrorsOf, refusalText } from './problems';

type Obligation = z.infer<typeof ObligationSchema>;

export function LinesChecklist(props: {
  dict: Dict;
  me: MeResponse;
  contractNo: string;
  lines: Obligation[];
  onDone: (status: ContractStatus) => void;
}) {
  const { dict, me, contractNo, lines, onDone } = props;
  const [picked, setPicked] = useState<Record<number, boolean>>({});
  const [circuits, setCircuits] = useState<Record<number, string>>({});
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [top, setTop] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const idempotency = useIdempotencyKey();
  const indexOf = (o: Obligation) => o.subject.lineIndex ?? -1;
  const circuitOf = (o: Obligation) => circuits[indexOf(o)] ?? '';
  const chosen = lines.filter((o) => picked[indexOf(o)]);
  const dated = lines.some((o) => o.dueDate);
  const allPicked = chosen.length === lines.length && lines.length > 0;

  const submit = async (e: Event) => {
    e.preventDefault();
    // The actor is never sent (the API stamps the key id); the check is the API's own schema.
    const body = { lines: chosen.map((o) => ({ lineIndex: indexOf(o), circuitId: circuitOf(o).trim() })) };
    const parsed = ActionSchemas['confirm-installations'].safeParse({ ...body, testedBy: me.keyId });
    if (!parsed.success) {
      const byLine: Record<number, string> = {};
      for (const issue of parsed.error.issues) {
        const line = issue.path[0] === 'lines' ? body.lines[Number(issue.path[1])] : undefined;
        if (line) byLine[line.lineIndex] = line.circuitId ? issue.message : dict.t('required');
      }
      setErrors(byLine);
      setTop(Object.keys(byLine).length ? null : parsed.error.issues[0]!.message);
      return;
    }
    const key = idempotency.keyFor(body);
    setSending(true);
    setErrors({});
    setTop(null);
    try {
      const status = await api.act(contractNo, 'confirm-installations', body, key);
      idempotency.settled();
      setPicked({});
      onDone(status);
    } catch (err) {
      const p = err instanceof ProblemError ? err.problem : null;
      const byLine: Record<number, string> = {};
      for (const x of p ? fieldErrorsOf(p) : []) {
        const m = /^lines\.(\d+)\./.exec(x.path);
        const line = m ? body.lines[Number(m[1])] : undefined;
        if (line) byLine[line.lineIndex] = x.message;
      }
      setErrors(byLine);
      setTop(refusalText(dict, p, err));
    } finally {
      setSending(false);
    }
  };

  return (
    <form class="lines" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="lines-title">
      <h3 id="lines-title">
        {dict.t('lines')} ({lines.length})
      </h3>
      <p class="help">{dict.t('linesHelp')}</p>
      {top && (
        <p class="problem" role="alert">
          {top}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                id="lines-all"
                aria-label={dict.t('selectAll')}
                checked={allPicked}
                onChange={() =>
                  setPicked(allPicked ? {} : Object.fromEntries(lines.map((o) => [indexOf(o), true])))
                }
              />
            </th>
            <th scope="col">{dict.t('lineNo')}</th>
            <th scope="col">{dict.t('lineGroup')}</th>
            <th scope="col">{dict.t('bandwidth')}</th>
            {dated && <th scope="col">{dict.t('due')}</th>}
            <th scope="col">{dict.t('circuitId')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((o) => {
            const i = indexOf(o);
            return (
              <tr key={o.id} class={errors[i] ? 'has-error' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    id={`line-${i}-pick`}
                    aria-label={`${dict.t('lineNo')} ${i}`}
                    checked={picked[i] === true}
                    onChange={(e) => setPicked({ ...picked, [i]: e.currentTarget.checked })}
                  />
                </td>
                <td>{i}</td>
                <td>{o.subject.lineId ?? ''}</td>
                <td>{o.subject.bandwidthMbps !== undefined ? `${o.subject.bandwidthMbps} Mbit/s` : ''}</td>
                {dated && (
                  <td class={o.overdue ? 'overdue' : undefined}>
                    {o.dueDate ?? ''}
                    {o.overdue && ` (${dict.t('overdue')})`}
                  </td>
                )}
                <td>
                  <input
                    type="text"
                    id={`line-${i}-circuit`}
                    aria-label={`${dict.t('circuitId')} ${dict.t('lineNo')} ${i}`}
                    value={circuitOf(o)}
                    onInput={(e) => setCircuits({ ...circuits, [i]: e.currentTarget.value })}
                    aria-invalid={errors[i] ? true : undefined}
                  />
                  {errors[i] && (
                    <small class="error" role="alert">
                      {errors[i]}
                    </small>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="submit" disabled={sending || chosen.length === 0}>
        {sending ? dict.t('sending') : `${dict.t('confirmSelected')} (${chosen.length})`}
      </button>
    </form>
  );
}
