/**
 * A simulated timeline as a table for people: date, event, money in yuan (from exact fen) and the
 * catalogue's key fields. A footer sums what was paid, charged and credited.
 */
import { formatMoney } from '../../domain/money';
import { CONTRACT_EVENTS } from '../../domain/events/catalogue';
import type { TimelineEntry } from './timeline';

const LIST_SHOWN = 3;

export const shortType = (type: string): string =>
  type.replace(/^telecom\.contract\./, '').replace(/\.v\d+$/, '');

function formatValue(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    const shown = value.slice(0, LIST_SHOWN).map((v) => {
      if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const label = o.value ?? o.itemId ?? o.resourceId;
        return typeof label === 'string' ? label : '…';
      }
      return String(v);
    });
    const more = value.length > LIST_SHOWN ? ` +${value.length - LIST_SHOWN} more` : '';
    return value.length > LIST_SHOWN || value.some((v) => v && typeof v === 'object')
      ? `${value.length}: ${shown.join(' ')}${more}`
      : shown.join(' ');
  }
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('startDate' in o && 'endDate' in o) return `${String(o.startDate)}..${String(o.endDate)}`;
    return JSON.stringify(value);
  }
  return String(value);
}

type Instalments = Array<{ amountFen: number }> | undefined;

/** The bills an event issues: the scheduled instalments of a term, a usage period's bill. */
function billedFen(entry: TimelineEntry): number {
  if (entry.type === 'telecom.contract.billing-started.v1' || entry.type === 'telecom.contract.renewed.v1')
    return ((entry.data.instalments as Instalments) ?? []).reduce((n, i) => n + i.amountFen, 0);
  if (entry.type === 'telecom.contract.usage-settled.v1') return entry.data.amountDueFen as number;
  return 0;
}

/** Money the provider owes back: credits, the SLA credit of a usage period, the activation-delay credit. */
function creditedFen(entry: TimelineEntry): number {
  const d = entry.data;
  if (entry.type === 'telecom.contract.credit-applied.v1') return d.amountFen as number;
  if (entry.type === 'telecom.contract.usage-settled.v1') return d.slaCreditFen as number;
  if (entry.type === 'telecom.contract.billing-started.v1') return d.firstMonthCreditFen as number;
  return 0;
}

/** Key fields as `name=value` (money fields go to the money column; the entry's own date is left out). */
function keyData(entry: TimelineEntry): { text: string; money: string } {
  const spec = CONTRACT_EVENTS[entry.type];
  const parts: string[] = [];
  const amounts: string[] = [];
  const billed = billedFen(entry);
  // A usage settlement shows its own amounts (fee, credit, amount due) among the key fields.
  if (billed > 0 && entry.type !== 'telecom.contract.usage-settled.v1')
    amounts.push(`billed ${formatMoney(billed)}`);
  const settlement = entry.data.settlement as { totalFen: number } | undefined;
  if (settlement && settlement.totalFen !== 0) amounts.push(`settles ${formatMoney(settlement.totalFen)}`);
  for (const field of spec?.keyFields ?? Object.keys(entry.data)) {
    const value = entry.data[field];
    if (value === undefined) continue;
    if (field.endsWith('Fen') && typeof value === 'number') {
      if (value !== 0 || field === 'amountFen') amounts.push(formatMoney(value));
      continue;
    }
    if (field.endsWith('Date') && value === entry.date) continue;
    parts.push(`${field}=${formatValue(value)}`);
  }
  return { text: parts.join(', '), money: amounts.join(' / ') };
}

/** Display width: CJK characters take two columns in a terminal. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

const padEnd = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));
const padStart = (text: string, to: number) => ' '.repeat(Math.max(0, to - width(text))) + text;

function totals(entries: TimelineEntry[]): string {
  const sum = (type: string) =>
    entries
      .filter((e) => e.type === type)
      .reduce((n, e) => n + (typeof e.data.amountFen === 'number' ? e.data.amountFen : 0), 0);
  const total = (of: (e: TimelineEntry) => number) => entries.reduce((n, e) => n + of(e), 0);
  const first = entries[0]?.date ?? '-';
  const last = entries[entries.length - 1]?.date ?? '-';
  return (
    `${entries.length} events, ${first} to ${last}; ` +
    `bills issued ${formatMoney(total(billedFen))} CNY, ` +
    `payments received ${formatMoney(sum('telecom.contract.payment-received.v1'))} CNY, ` +
    `charges applied ${formatMoney(sum('telecom.contract.charge-applied.v1'))} CNY, ` +
    `credits ${formatMoney(total(creditedFen))} CNY`
  );
}

/** Money before the key data, so the amounts line up however long the key data gets. */
export function formatTimeline(entries: TimelineEntry[]): string {
  const rows = entries.map((e) => {
    const { text, money } = keyData(e);
    return [e.date, shortType(e.type), money, text] as const;
  });
  const header = ['DATE', 'EVENT', 'MONEY (CNY)', 'KEY DATA'] as const;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (r: readonly string[]) =>
    [padEnd(r[0]!, widths[0]!), padEnd(r[1]!, widths[1]!), padStart(r[2]!, widths[2]!), r[3]!]
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), '', totals(entries)].join('\n');
}
