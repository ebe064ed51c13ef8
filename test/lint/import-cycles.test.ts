import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs lint helper, no types
import { findImportCycles } from '../../scripts/lint/find-import-cycles.mjs';

const find = findImportCycles as (folders: string[], root?: string) => string[][];
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
});
