// Import cycles among our own TypeScript modules (relative imports only). ESLint's import/no-cycle
// needs a plugin this project does not carry; the graph is small enough to walk here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT = /(?:^|[\s;])(?:import|export)\s(?:[^'"]*?\sfrom\s*)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function tsFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && !name.startsWith('.')) tsFiles(path, out);
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(resolve(path));
  }
  return out;
}

function resolveImport(from, spec) {
  const base = resolve(dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile()) ?? null;
}

/** The import graph of every .ts file under `folders` (absolute paths). */
export function importGraph(folders) {
  const graph = new Map();
  for (const file of folders.filter((f) => existsSync(f)).flatMap((f) => tsFiles(f))) {
    const targets = new Set();
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolveImport(file, m[1] ?? m[2]);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** Groups of modules that import each other, directly or round about. */
export function findImportCycles(folders, root = process.cwd()) {
  return stronglyConnected(importGraph(folders)).map((group) => group.map((f) => relative(root, f)).sort());
}

/**
 * Groups of folders (the first two levels: server/audit, lib/actions) whose modules import each
 * other round about: a folder is one concern, so its arrows must run one way.
 */
export function findFolderCycles(folders, root = process.cwd()) {
  const folderOf = (file) => relative(root, dirname(file)).split('/').slice(0, 2).join('/');
  const graph = new Map();
  for (const [file, targets] of importGraph(folders)) {
    const from = folderOf(file);
    const into = graph.get(from) ?? new Set();
    for (const t of targets) if (folderOf(t) !== from) into.add(folderOf(t));
    graph.set(from, into);
  }
  return stronglyConnected(new Map([...graph].map(([k, v]) => [k, [...v]]))).map((group) => group.sort());
}

/** Tarjan's strongly connected components of more than one node (or a node importing itself). */
function stronglyConnected(graph) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const groups = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || graph.get(v).includes(v)) groups.push(group);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return groups;
}
