/**
 * What a contract waits for is data (its obligations). `waitingFor` is a line for people: no code may
 * parse it. This scans every source file outside the decider that builds the line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SCANNED = ['clients', 'bench', 'test', 'scripts', 'workers', 'workflows', 'activities'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** A regular expression, a string search or a comparison applied to the waiting line. */
const PARSES = [
  /(\.test|\.match|\.matchAll|\.includes|\.startsWith|\.endsWith|\.indexOf|\.search)\([^)]*waitingFor/,
  /waitingFor[^;\n]*\.(match|includes|startsWith|endsWith|indexOf|search|split)\(/,
  /waitingFor\s*[!=]==?\s*['"`]/,
];

test('no code outside the decider matches, searches or compares the waitingFor text', () => {
  const offences = SCANNED.flatMap((dir) => sources(join(ROOT, dir)))
    .filter((file) => !file.endsWith('obligations-not-text.unit.test.ts'))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          PARSES.some((p) => p.test(line)) ? [`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
  expect(offences).toEqual([]);
});

test('the scan would catch a parser', () => {
  // The samples are assembled, so this file itself holds no line that parses the display text.
  const field = ['waiting', 'For'].join('');
  const samples = [
    `s.stage === 'provisioning' && /installation/.test(s.${field})`,
    `if (status.${field}.startsWith('customer')) act()`,
  ];
  for (const sample of samples) expect(PARSES.some((p) => p.test(sample))).toBe(true);
});
