/**
 * A small hand-written SVG bar chart (grouped horizontal bars), enough for the benchmark's figures to
 * be readable in a README without a charting dependency.
 */

export interface BarChart {
  title: string;
  unit: string;
  /** One row per category (e.g. a stage); one bar per series in each row. */
  categories: string[];
  series: Array<{ name: string; values: Array<number | undefined> }>;
}

const COLOURS = ['#2f6db5', '#e08a1e', '#3a9a5b', '#b23b3b', '#7d5ba6'];
const ROW = 14;
const LABEL_WIDTH = 170;
const PLOT_WIDTH = 420;
const VALUE_WIDTH = 80;

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function formatValue(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

export function barChartSvg(chart: BarChart): string {
  const max = Math.max(0, ...chart.series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const scale = max > 0 ? PLOT_WIDTH / max : 0;
  const groupHeight = chart.series.length * ROW + 10;
  const top = 40;
  const legendY = top + chart.categories.length * groupHeight + 10;
  const height = legendY + 24;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escape(chart.title)}</text>`,
    `<text x="8" y="32" fill="#555">${escape(chart.unit)}</text>`,
  ];
  chart.categories.forEach((category, row) => {
    const y0 = top + row * groupHeight;
    parts.push(
      `<text x="${LABEL_WIDTH - 6}" y="${y0 + (chart.series.length * ROW) / 2 + 4}" text-anchor="end">${escape(category)}</text>`,
    );
    chart.series.forEach((series, i) => {
      const value = series.values[row];
      const y = y0 + i * ROW;
      if (value === undefined) return;
      const w = Math.max(1, value * scale);
      parts.push(
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 2}" fill="${COLOURS[i % COLOURS.length]}"/>`,
        `<text x="${(LABEL_WIDTH + w + 4).toFixed(1)}" y="${y + ROW - 4}">${formatValue(value)}</text>`,
      );
    });
  });
  chart.series.forEach((series, i) => {
    const x = 8 + i * 160;
    parts.push(
      `<rect x="${x}" y="${legendY}" width="10" height="10" fill="${COLOURS[i % COLOURS.length]}"/>`,
      `<text x="${x + 14}" y="${legendY + 9}">${escape(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
