/**
 * Figures for the shape of the source tree: folder-to-folder import arrows, import circles, files over
 * 200 lines and the longest functions. Reads the TypeScript of lib/, entrypoints/, server/ and exporter/
 * (tests and scripts are not product code) with the compiler's parser; prints JSON.
 *
 *   npx tsx scripts/measure-layout.ts [root]
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(process.argv[2] ?? '.');
const tops = ['lib', 'entrypoints', 'server', 'exporter'];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(candidate)) return candidate;
  return null;
}

/** lib/queue/drops.ts -> lib/queue; entrypoints/popup/main.ts -> entrypoints. */
function folderOf(file: string): string {
  const parts = relative(root, file).split('/');
  if (parts[0] === 'entrypoints') return 'entrypoints';
  return parts.slice(0, Math.min(2, parts.length - 1)).join('/') || parts[0]!;
}

const files = tops.flatMap((t) => sourceFiles(join(root, t)));
const edges = new Map<string, Set<string>>();
const longest: Array<{ file: string; name: string; lines: number }> = [];
const overLimit: Array<{ file: string; lines: number }> = [];

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  if (lineCount > 200) overLimit.push({ file: relative(root, file), lines: lineCount });
  const targets = new Set<string>();
  const visit = (node: ts.Node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      const target = resolveImport(file, node.moduleSpecifier.text);
      if (target) targets.add(target);
    }
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const named =
        (node as ts.FunctionDeclaration).name?.getText() ??
        (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
      longest.push({ file: relative(root, file), name: named, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  edges.set(file, targets);
}

/** Strongly connected components with more than one member (Tarjan). */
function circles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return out;
}

const folderEdges = new Map<string, Set<string>>();
for (const [from, targets] of edges) {
  for (const to of targets) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    if (!folderEdges.has(a)) folderEdges.set(a, new Set());
    folderEdges.get(a)!.add(b);
  }
}
const arrows = [...folderEdges].flatMap(([a, bs]) => [...bs].map((b) => `${a} -> ${b}`)).sort();
longest.sort((a, b) => b.lines - a.lines);

console.log(
  JSON.stringify(
    {
      files: files.length,
      folders: new Set(files.map(folderOf)).size,
      folderArrows: arrows.length,
      fileCircles: circles(edges).map((c) => c.map((f) => relative(root, f))),
      folderCircles: circles(folderEdges),
      filesOver200Lines: overLimit.sort((a, b) => b.lines - a.lines),
      longestFunctions: longest.slice(0, 5),
      arrows,
    },
    null,
    2,
  ),
);
