// Renders every icon PNG from its SVG source in icons/ (npm run icons). The PNGs are committed;
// test/icons/icons.test.ts fails when they are not what the sources render to.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { iconOutputs } from './icons/icon-outputs';
import { renderIcon } from './icons/render-icon';

const root = fileURLToPath(new URL('../', import.meta.url));
for (const output of iconOutputs()) {
  const file = path.join(root, output.out);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, renderIcon(output, root));
}
console.log(`rendered ${iconOutputs().length} icons`);
