// Test-only preload for the crash test: with WEBTRACE_CRASH_AT_WRITE=n, the server process kills
// itself (SIGKILL: no cleanup, no flush) as it is about to make its n-th write-side file operation
// (1-based) after it started listening: open, writeFile, rename, mkdir, rm, and a file handle's
// write, sync or datasync. So a sweep over n stops a batch at every step of its ingest: the log
// append and its fdatasync, each chunk file, the drop log, and the reads in between.
import fsp from 'node:fs/promises';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';

const at = Number(process.env.WEBTRACE_CRASH_AT_WRITE ?? 0);
if (at > 0) {
  let armed = false;
  let n = 0;
  const step = () => {
    if (!armed) return;
    n += 1;
    if (n >= at) process.kill(process.pid, 'SIGKILL');
  };
  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (...args) {
    this.once('listening', () => (armed = true));
    return listen.apply(this, args);
  };
  for (const name of ['open', 'writeFile', 'rename', 'mkdir', 'rm']) {
    const original = fsp[name];
    fsp[name] = async (...args) => {
      step();
      return original(...args);
    };
  }
  const probe = await fsp.open('/dev/null', 'r');
  const proto = Object.getPrototypeOf(probe);
  await probe.close();
  for (const name of ['write', 'sync', 'datasync']) {
    const original = proto[name];
    proto[name] = function (...args) {
      step();
      return original.apply(this, args);
    };
  }
  syncBuiltinESMExports();
}
