/**
 * One calculator per clause, and it is the one that runs: every function docs/contract-terms.md names
 * in its calculator column is reachable from the decider (decide, nextWake, obligations), found by a
 * call graph of domain/ built with the TypeScript compiler, not by reading names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '../../..');
const DOMAIN = join(ROOT, 'domain');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

function isValueReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) return false;
  if (ts.isFunctionDeclaration(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent))
    return false;
  for (let n: ts.Node = node; n; n = n.parent) if (ts.isTypeNode(n)) return false;
  return true;
}

const withoutExtension = (path: string) => path.replace(/\.ts$/, '');

/**
 * "file#name" → the "file#name"s it uses: top-level functions, consts and classes of domain/, with
 * each identifier resolved through the file's own declarations, then its imports (and re-exports).
 */
function callGraph(): Map<string, Set<string>> {
  const files = sources(DOMAIN).map((file) => ({
    key: withoutExtension(file),
    source: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true),
  }));
  const declared = new Map<string, Set<string>>();
  const imported = new Map<string, Map<string, string>>(); // file → local name → "file#name"
  const reexports = new Map<string, string[]>(); // file → modules it re-exports with `export *`
  for (const { key, source } of files) {
    const names = new Set<string>();
    const imports = new Map<string, string>();
    const stars: string[] = [];
    source.forEachChild((node) => {
      if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name)
        names.add(node.name.text);
      if (ts.isVariableStatement(node))
        for (const d of node.declarationList.declarations)
          if (ts.isIdentifier(d.name)) names.add(d.name.text);
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
        const target = resolve(dirname(key), (node.moduleSpecifier as ts.StringLiteral).text);
        const clause = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : node.exportClause;
        if (ts.isExportDeclaration(node) && !node.exportClause) stars.push(target);
        if (clause && (ts.isNamedImports(clause) || ts.isNamedExports(clause)))
          for (const el of clause.elements)
            imports.set(el.name.text, `${target}#${(el.propertyName ?? el.name).text}`);
      }
    });
    declared.set(key, names);
    imported.set(key, imports);
    reexports.set(key, stars);
  }
  /** Where "file#name" is really declared, following imports and `export *`. */
  const locate = (ref: string, depth = 0): string | undefined => {
    const [file, name] = ref.split('#') as [string, string];
    const index = declared.has(file) ? file : `${file}/index`;
    if (declared.get(index)?.has(name)) return `${index}#${name}`;
    if (depth > 10) return undefined;
    const via = imported.get(index)?.get(name);
    if (via) return locate(via, depth + 1);
    for (const star of reexports.get(index) ?? []) {
      const found = locate(`${star}#${name}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  const graph = new Map<string, Set<string>>();
  for (const { key, source } of files) {
    const uses = (node: ts.Node, into: Set<string>): void => {
      if (ts.isIdentifier(node) && isValueReference(node)) {
        const found = declared.get(key)!.has(node.text)
          ? `${key}#${node.text}`
          : imported.get(key)!.has(node.text)
            ? locate(imported.get(key)!.get(node.text)!)
            : undefined;
        if (found) into.add(found);
      }
      ts.forEachChild(node, (child) => uses(child, into));
    };
    source.forEachChild((node) => {
      const add = (name: string, body: ts.Node) => {
        const set = graph.get(`${key}#${name}`) ?? new Set<string>();
        uses(body, set);
        graph.set(`${key}#${name}`, set);
      };
      if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name)
        add(node.name.text, node);
      if (ts.isVariableStatement(node))
        for (const d of node.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.initializer) add(d.name.text, d.initializer);
    });
  }
  return graph;
}

/** The short names ("firstTerm") reachable from the decider's entry points. */
function reachableFrom(roots: string[]): Set<string> {
  const graph = callGraph();
  const seen = new Set<string>();
  const queue = [...roots];
  for (let ref = queue.shift(); ref; ref = queue.shift()) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    queue.push(...(graph.get(ref) ?? []));
  }
  return new Set([...seen].map((ref) => ref.split('#')[1]!));
}

/** Backticked identifiers in the last column of the clause tables of docs/contract-terms.md. */
function documentedCalculators(): string[] {
  const names = new Set<string>();
  for (const line of readFileSync(join(ROOT, 'docs/contract-terms.md'), 'utf8').split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !line.startsWith('|')) continue;
    const calculator = cells.at(-2)!;
    for (const m of calculator.matchAll(/`([A-Za-z][A-Za-z0-9]*)`/g)) names.add(m[1]!);
  }
  return [...names].sort();
}

const decider = (name: string) =>
  `${join(DOMAIN, 'decider', name === 'statusOf' ? 'status' : name === 'obligations' ? 'obligations' : 'decide')}#${name}`;
const reachable = reachableFrom(['decide', 'nextWake', 'obligations', 'statusOf'].map(decider));

test('docs/contract-terms.md names calculators (the parse finds them)', () => {
  expect(documentedCalculators()).toEqual(
    expect.arrayContaining(['acceptanceWindow', 'dunningLadder', 'firstTerm']),
  );
});

test.each(documentedCalculators())(
  '%s, named in docs/contract-terms.md, is called by the decider',
  (name) => {
    expect(reachable.has(name)).toBe(true);
  },
);

test('the call graph is real: a function nothing calls is not reachable', () => {
  expect(reachable.has('decide')).toBe(true);
  expect(reachable.has('shiftContractYears')).toBe(false);
});

test('every exported calculator in domain/clauses is called by the decider or by contract validation', () => {
  const validation = reachableFrom([`${join(DOMAIN, 'contract-spec')}#parseContractSpec`]);
  const exported = sources(join(DOMAIN, 'clauses')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^export function (\w+)/gm)].map((m) => m[1]!),
  );
  expect(exported.filter((name) => !reachable.has(name) && !validation.has(name))).toEqual([]);
});
