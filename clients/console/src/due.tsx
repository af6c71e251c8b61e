import type { Obligation } from '../../../domain/lifecycle/status';
import type { Dict } from './i18n';

/** An obligation's due date as a table cell: overdue in red and in words (not by colour alone). */
export function DueCell({ dict, obligation }: { dict: Dict; obligation: Obligation }) {
  return (
    <td class={obligation.overdue ? 'date overdue' : 'date'}>
      {obligation.dueDate ?? dict.t('noDate')}
      {obligation.overdue && <strong> ({dict.t('overdue')})</strong>}
    </td>
  );
}
