/** Plain-text tables for people (CJK characters count double so columns line up in a terminal). */
import { escapeForTerminal } from './escape';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function clip(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * The terminal's width in columns, else COLUMNS; unlimited when neither is known (output to a pipe or
 * a file keeps every character, for grep and logs).
 */
export function terminalWidth(): number {
  const columns = process.stdout.columns || Number(process.env.COLUMNS);
  return Number.isFinite(columns) && columns > 0 ? columns : Number.POSITIVE_INFINITY;
}

const GAP = 2;
/** No column is squeezed below this (or its header), so a narrow terminal still reads. */
const MIN_COLUMN = 6;

/**
 * Column widths that fit `total`: the widest column gives up a character at a time until the row
 * fits or every column is at its minimum (then the terminal wraps, but nothing is lost to clipping).
 */
export function fitWidths(natural: number[], minimums: number[], total: number): number[] {
  const widths = [...natural];
  const rowWidth = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (rowWidth() > total) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (w > (minimums[i] ?? MIN_COLUMN) && (widest < 0 || w > widths[widest]!)) widest = i;
    });
    if (widest < 0) break;
    widths[widest]! -= 1;
  }
  return widths;
}

export interface FitOptions {
  /** Columns never clipped (what a person types next: a contract number, an obligation id). */
  fixed?: number[];
  /** Columns left out, first to last, while the row cannot fit even with every column at its minimum. */
  dropOrder?: number[];
}

/**
 * Render rows under a header, fitting `width` columns (the terminal's): long cells are clipped to
 * `maxWidth`, then the widest columns shrink with an ellipsis until a row fits; when even their minimums
 * do not fit, the `dropOrder` columns are left out one by one.
 */
export function renderTable(
  header: string[],
  rows: string[][],
  maxWidth = 60,
  width = terminalWidth(),
  options: FitOptions = {},
): string {
  // A line feed or control character in a cell would break the row: each cell is one escaped line.
  const escaped = [header, ...rows].map((r) => r.map((c) => clip(escapeForTerminal(c, true), maxWidth)));
  const natural = header.map((_, i) => Math.max(...escaped.map((r) => displayWidth(r[i] ?? ''))));
  const minimums = header.map((h, i) =>
    options.fixed?.includes(i) ? natural[i]! : Math.min(natural[i]!, Math.max(MIN_COLUMN, displayWidth(h))),
  );
  let shown = header.map((_, i) => i);
  const rowWidth = (cols: number[]) =>
    cols.reduce((n, i) => n + minimums[i]!, 0) + GAP * Math.max(0, cols.length - 1);
  for (const drop of options.dropOrder ?? []) {
    if (rowWidth(shown) <= width) break;
    shown = shown.filter((i) => i !== drop);
  }
  const fitted = fitWidths(
    shown.map((i) => natural[i]!),
    shown.map((i) => minimums[i]!),
    width,
  );
  const cells = escaped.map((r) => shown.map((i, j) => clip(r[i] ?? '', fitted[j]!)));
  const line = (r: string[]) =>
    r
      .map((c, j) => (j === r.length - 1 ? c : pad(c, fitted[j] ?? 0)))
      .join(' '.repeat(GAP))
      .trimEnd();
  const rule = fitted.map((w) => '─'.repeat(w)).join(' '.repeat(GAP));
  return [line(cells[0] ?? []), rule, ...cells.slice(1).map(line)].join('\n');
}
