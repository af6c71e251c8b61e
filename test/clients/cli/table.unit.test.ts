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

test('the width is the terminal’s columns, else COLUMNS, else 100', () => {
  const saved = { columns: process.stdout.columns, env: process.env.COLUMNS };
  try {
    Object.defineProperty(process.stdout, 'columns', { value: undefined, configurable: true });
    delete process.env.COLUMNS;
    expect(terminalWidth()).toBe(100);
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
