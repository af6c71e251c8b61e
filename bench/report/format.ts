/** Number and table formatting shared by the report's sections. */
import { formatValue } from '../chart';
import type { Percentiles, Spread } from '../stats';

export const f = (n: number | undefined) => (n === undefined ? '–' : formatValue(n));
/** "median (min–max)" */
export const s = (x: Spread | undefined) => (x ? `${f(x.median)} (${f(x.min)}–${f(x.max)})` : '–');
/** "p50 / p99 (n)" in ms */
export const p = (x: Percentiles | undefined) => (x ? `${f(x.p50)} / ${f(x.p99)} (${x.count})` : '–');
export const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
