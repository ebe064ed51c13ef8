import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs lint helper, no types
import { findFolderCycles, findImportCycles } from '../../scripts/lint/find-import-cycles.mjs';

const find = findImportCycles as (folders: string[], root?: string) => string[][];
const findFolders = findFolderCycles as (folders: string[], root?: string) => string[][];
const root = resolve(import.meta.dirname, '../..');

describe('import cycles', () => {
  it('there are none in the extension, the server or the exporter', () => {
    expect(
      find(
        ['lib', 'entrypoints', 'server', 'exporter'].map((f) => join(root, f)),
        root,
      ),
    ).toEqual([]);
  });

  it('are found, type-only and round about ones too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webtrace-cycles-'));
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'a.ts'), "import type { B } from './sub/b';\nexport type A = B;\n");
      writeFileSync(join(dir, 'sub/b.ts'), "export { c } from '../c';\nexport type B = number;\n");
      writeFileSync(join(dir, 'c.ts'), "import {\n  a,\n} from './a';\nexport const c = a;\n");
      writeFileSync(join(dir, 'd.ts'), "import { c } from './c';\nexport const d = c;\n");
      expect(find([dir], dir)).toEqual([['a.ts', 'c.ts', 'sub/b.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run one way between folders too: no two folders import each other, even round about', () => {
    expect(
      findFolders(
        ['lib', 'entrypoints', 'server', 'exporter'].map((f) => join(root, f)),
        root,
      ),
    ).toEqual([]);
  });

  it('between folders are found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webtrace-folder-cycles-'));
    try {
      for (const f of ['top/a', 'top/b', 'top/c']) mkdirSync(join(dir, f), { recursive: true });
      writeFileSync(join(dir, 'top/a/one.ts'), "import { two } from '../b/two';\nexport const one = two;\n");
      writeFileSync(join(dir, 'top/b/two.ts'), "import { three } from '../c/three';\nexport const two = three;\n");
      // No file circle: three.ts imports a file of top/a that imports nothing back.
      writeFileSync(join(dir, 'top/a/four.ts'), 'export const four = 4;\n');
      writeFileSync(join(dir, 'top/c/three.ts'), "import { four } from '../a/four';\nexport const three = four;\n");
      expect(find([dir], dir)).toEqual([]);
      expect(findFolders([dir], dir)).toEqual([['top/a', 'top/b', 'top/c']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
