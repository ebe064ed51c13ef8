// Test-only preload for the crash test: with WEBTRACE_CRASH_AT_RENAME=n, the server process kills
// itself (SIGKILL: no cleanup, no flush) as it is about to make its n-th rename (1-based), i.e. right
// after n-1 atomic file writes were committed. Renames are where atomic-write.ts commits files.
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const at = Number(process.env.WEBTRACE_CRASH_AT_RENAME ?? 0);
if (at > 0) {
  const rename = fsp.rename;
  let n = 0;
  fsp.rename = async (...args) => {
    n += 1;
    if (n >= at) process.kill(process.pid, 'SIGKILL');
    return rename(...args);
  };
  syncBuiltinESMExports();
}
