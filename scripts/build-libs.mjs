// Builds the component-library pages for e2e/libs.spec.ts (e2e/libs/dist), unless
// the pages and the installed packages are unchanged since the last build
// (a stamp of their contents in e2e/libs/dist/.stamp): a full build takes ~25 s.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const libs = path.join(root, 'e2e/libs');
const inputs = [
  ...readdirSync(path.join(libs, 'pages')).map((f) => path.join(libs, 'pages', f)),
  path.join(libs, 'vite.config.ts'),
  path.join(root, 'package-lock.json'),
];
const hash = createHash('sha256');
for (const file of inputs.sort()) hash.update(file).update(readFileSync(file));
const stamp = hash.digest('hex');
const stampFile = path.join(libs, 'dist/.stamp');

if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.log('component-library pages are up to date');
} else {
  execFileSync('npx', ['vite', 'build', '--config', path.join(libs, 'vite.config.ts')], { cwd: root, stdio: 'inherit' });
  writeFileSync(stampFile, stamp);
  console.log('component-library pages built into e2e/libs/dist');
}
