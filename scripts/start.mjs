// The main job: build the extension, then run the ingestion server in the foreground
// and say how to load the extension. Ctrl+C stops the server.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
// The researchers' viewer, served by the server at /viewer/.
const viewer = spawnSync('npm', ['run', '--silent', 'build:viewer'], { cwd: root, stdio: 'inherit' });
if (viewer.status !== 0) process.exit(viewer.status ?? 1);

const extensionDir = path.join(root, '.output', 'chrome-mv3');
console.log(`
Extension built: ${extensionDir}
Load it in Chrome or Edge:
  1. open chrome://extensions (edge://extensions)
  2. turn on "Developer mode"
  3. "Load unpacked" and choose ${extensionDir}
  Extension ID: ekoclbachaclajhpilcjnngkafodjgdh
Then agree on the consent page it opens, open your web app on localhost or 127.0.0.1
(any port) and switch "Record this site" on in the toolbar popup. With no other
configuration it sends recordings to the server starting below.

Viewer (watch the recorded sessions): the server's address below + /viewer/
  e.g. http://127.0.0.1:8787/viewer/ : sign in once per browser with the read token
  framed below (kept in the data dir, the same on every start).
`);

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
