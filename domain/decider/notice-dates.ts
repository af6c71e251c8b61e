/**
 * Dates a person writes on a notice, checked against the contract before the notice takes effect. The
 * schemas already keep them within the plausible years; these rules need the contract: a notice cannot
 * predate the signature it refers to, nor be dated after today (it would act before it was given), and
 * a stop date cannot precede its own notice.
 */
import type { IsoDate } from '../calendar';
import type { Draft } from './draft';

/** Why `date` (the input field `field`) cannot be a notice date of this contract, or undefined. */
export function noticeDateProblem(d: Draft, field: string, date: IsoDate): string | undefined {
  if (date < d.spec.signedDate)
    return `${field} ${date} must not be before the contract was signed (${d.spec.signedDate})`;
  if (date > d.today) return `${field} ${date} is in the future`;
  return undefined;
}

/** A stop, end or start date the notice names must not come before the notice itself. */
export function notBeforeNotice(
  field: string,
  date: IsoDate | undefined,
  noticeDate: IsoDate,
): string | undefined {
  return date !== undefined && date < noticeDate
    ? `${field} ${date} must not be before the noticeDate ${noticeDate}`
    : undefined;
}
