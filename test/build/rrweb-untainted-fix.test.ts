import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fixUntaintedTables, RRWEB_CHECK_COPIES, rrwebUntaintedFix } from '../../scripts/build/rrweb-untainted-fix';

const require = createRequire(import.meta.url);
const distPath = require.resolve('rrweb').replace(/rrweb\.cjs$/, 'rrweb.js');
const dist = readFileSync(distPath, 'utf8');

/** The tables as rrweb's check reads them, evaluated from the (fixed) source text. */
function tables(code: string): Array<{ accessors: Record<string, string[]>; methods: Record<string, string[]> }> {
  const found: Array<{ accessors: Record<string, string[]>; methods: Record<string, string[]> }> = [];
  const re = /var testableAccessors(\$\d)? = (\{[\s\S]*?\n\});\nvar testableMethods\1 = (\{[\s\S]*?\n\});/g;
  for (const m of code.matchAll(re)) {
    found.push({ accessors: new Function(`return ${m[2]}`)(), methods: new Function(`return ${m[3]}`)() });
  }
  return found;
}

describe("rrweb's prototype check, fixed at build time", () => {
  it('the installed rrweb still lists querySelector among accessors (else the fix is obsolete)', () => {
    const before = tables(dist);
    expect(before).toHaveLength(RRWEB_CHECK_COPIES);
    for (const t of before) expect(t.accessors.Element).toContain('querySelector');
  });

  it('moves querySelector and querySelectorAll to the methods in every copy, and nothing else', () => {
    const { code, fixed } = fixUntaintedTables(dist);
    expect(fixed).toBe(RRWEB_CHECK_COPIES);
    const after = tables(code);
    expect(after).toHaveLength(RRWEB_CHECK_COPIES);
    for (const t of after) {
      expect(t.accessors.Element).toEqual(['shadowRoot']);
      expect(t.methods.Element).toEqual(['querySelector', 'querySelectorAll']);
      expect(t.accessors.Node).toContain('childNodes');
      expect(t.methods.ShadowRoot).toEqual(['getSelection']);
    }
    // Only the two tables' text changed.
    expect(code.length).toBe(
      dist.length +
        RRWEB_CHECK_COPIES * ('"querySelector", "querySelectorAll"'.length - ',\n\t\t"querySelector",\n\t\t"querySelectorAll"'.length),
    );
  });

  it("fails the build when rrweb's text no longer matches", () => {
    const plugin = rrwebUntaintedFix();
    const transform = plugin.transform as (code: string, id: string) => unknown;
    expect(() => transform('export const x = 1;', '/x/node_modules/rrweb/dist/rrweb.js')).toThrow(/expected 3 copies/);
    expect(transform('export const x = 1;', '/x/node_modules/other/index.js')).toBeNull();
    expect(transform(dist, '/x/node_modules/rrweb/dist/rrweb.js')).toMatchObject({
      code: expect.stringContaining('Element: ["querySelector", "querySelectorAll"]'),
    });
  });
});
