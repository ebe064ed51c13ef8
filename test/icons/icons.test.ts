import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES, ICON_STATES, iconPaths } from '../../lib/rules/toolbar/icon-paths';
import { iconOutputs } from '../../scripts/icons/icon-outputs';
import { renderIcon } from '../../scripts/icons/render-icon';

const root = new URL('../../', import.meta.url).pathname;

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('icons', () => {
  it('are committed as PNGs of their sizes, exactly what their SVG sources render to (npm run icons)', () => {
    for (const output of iconOutputs()) {
      const committed = readFileSync(`${root}/${output.out}`);
      expect(pngSize(committed), output.out).toEqual({ width: output.width, height: output.height });
      expect(committed.equals(renderIcon(output, root)), `${output.out} is stale: run npm run icons`).toBe(true);
    }
  });

  it('cover every toolbar state at every size the stores and toolbars ask for, each state its own picture', () => {
    const outs = new Set(iconOutputs().map((o) => `/${o.out.replace(/^public\//, '')}`));
    for (const state of ICON_STATES) for (const size of ICON_SIZES) expect(outs.has(iconPaths(state)[size])).toBe(true);
    const pictures = ICON_STATES.map((s) => readFileSync(`${root}/public${iconPaths(s)['16']}`).toString('base64'));
    expect(new Set(pictures).size).toBe(ICON_STATES.length);
  });
});
