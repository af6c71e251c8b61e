import type { Problem } from '../../sdk/api-contract';
import type { Dict } from './i18n';

/**
 * The fields a refusal names: the problem's `errors`, or else a workflow refusal whose message starts
 * with the field's path (`lines.3.circuitId: line 3 was already confirmed as …`).
 */
export function fieldErrorsOf(problem: Problem): Array<{ path: string; message: string }> {
  if (problem.errors?.length) return problem.errors;
  const m = /^([A-Za-z][\w]*(?:\.[\w]+)*): (.+)$/s.exec(problem.detail ?? '');
  return m ? [{ path: m[1]!, message: m[2]! }] : [];
}

/** The line on top of a form after a failed request: unreachable API, the refusal's reason, or the error. */
export function refusalText(dict: Dict, problem: Problem | null, err: unknown): string {
  if (!problem) return String(err);
  return problem.status === 0
    ? dict.t('networkError')
    : `${dict.t('refused')}: ${problem.detail ?? problem.title}`;
}
