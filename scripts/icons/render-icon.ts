import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { IconOutput } from './icon-outputs';

/** Renders one icon's SVG source to PNG bytes at its output size. */
export function renderIcon(output: IconOutput, root: string): Buffer {
  const svg = readFileSync(`${root}/${output.source}`, 'utf8');
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: output.width } }).render();
  if (png.width !== output.width || png.height !== output.height) {
    throw new Error(`${output.source} renders at ${png.width}x${png.height}, expected ${output.width}x${output.height}`);
  }
  return png.asPng();
}
