/** Tables fit the terminal: the widest columns give way (ellipsis), narrow ones and headers stay whole. */
import { displayWidth, fitWidths, renderTable, terminalWidth } from '../../../clients/cli/table';

test('the widest column shrinks first until the row fits; none below its minimum', () => {
  // 10 + 50 + 30 + 2 gaps of 2 = 94 → fits 80 by taking 14 from the widest.
  expect(fitWidths([10, 50, 30], [6, 6, 6], 80)).toEqual([10, 36, 30]);
  // Both wide columns shrink once they are level.
  expect(fitWidths([10, 50, 40], [6, 6, 6], 60)).toEqual([10, 23, 23]);
  // Cannot fit: every column at its minimum, nothing more is taken.
  expect(fitWidths([10, 50, 30], [8, 6, 6], 10)).toEqual([8, 6, 6]);
});

test('a wide table renders within the width, clipping with an ellipsis; a narrow one is untouched', () => {
  const rows = [['2026-12-01', 'JSCZE2208138CGN00', '江苏某某网络科技有限公司'.repeat(3), 'x'.repeat(80)]];
  const table = renderTable(['DUE', 'CONTRACT', 'CUSTOMER', 'NOTE'], rows, 200, 100);
  const lines = table.split('\n');
  expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(100);
  expect(lines[2]).toMatch(/^2026-12-01 {2}JSCZE2208138CGN00 {2}江苏.*…\s+x+…$/);
  const small = renderTable(['A', 'B'], [['1', '2']], 60, 100);
  expect(small).toBe('A  B\n─  ─\n1  2');
});

test('the width is the terminal’s columns, else COLUMNS, else unlimited (a pipe keeps every character)', () => {
  const saved = { columns: process.stdout.columns, env: process.env.COLUMNS };
  try {
    Object.defineProperty(process.stdout, 'columns', { value: undefined, configurable: true });
    delete process.env.COLUMNS;
    expect(terminalWidth()).toBe(Number.POSITIVE_INFINITY);
    const wide = renderTable(['CONTRACT'], [['JSCZE2208138CGN00-261202'.repeat(3)]], 200);
    expect(wide.split('\n')[2]).toBe('JSCZE2208138CGN00-261202'.repeat(3));
    process.env.COLUMNS = '132';
    expect(terminalWidth()).toBe(132);
    Object.defineProperty(process.stdout, 'columns', { value: 72, configurable: true });
    expect(terminalWidth()).toBe(72);
  } finally {
    Object.defineProperty(process.stdout, 'columns', { value: saved.columns, configurable: true });
    if (saved.env === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved.env;
  }
});

test('fixed columns stay whole; when minimums cannot fit, the drop order leaves columns out', () => {
  const header = ['DUE', 'CONTRACT', 'ID', 'OWES', 'REGION', 'PRODUCT', 'CUSTOMER'];
  const row = [
    '2026-12-09',
    'JSCZE2208138CGN00-84DA9A07',
    'document:legal-representative-id',
    'hand in the legal representative id',
    '新疆维吾尔自治区',
    'cloud-call-centre',
    '沙雅县公安局',
  ];
  const lines = renderTable(header, [row], 60, 100, { fixed: [0, 1, 2], dropOrder: [4, 5] }).split('\n');
  expect(lines[0]).toMatch(/^DUE\s+CONTRACT\s+ID\s+OWES\s+PRODUCT\s+CUSTOMER$/);
  expect(lines[2]).toContain('2026-12-09  JSCZE2208138CGN00-84DA9A07  document:legal-representative-id  ');
  expect(Math.max(...lines.map(displayWidth))).toBeLessThanOrEqual(100);
  // Wide enough: nothing dropped, nothing clipped.
  const wide = renderTable(header, [row], 60, 200, { fixed: [0, 1, 2], dropOrder: [4, 5] }).split('\n');
  expect(wide[2]).toContain('新疆维吾尔自治区');
  expect(wide[2]).not.toContain('…');
});
