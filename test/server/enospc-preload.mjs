// Test-only preload for the disk-full test where no small filesystem can be mounted (not root):
// while the file named by WEBTRACE_FAKE_FULL_DISK exists, every file opened for writing fails
// with ENOSPC, as on a full disk. (As root the test mounts a small tmpfs and fills it instead.)
import { existsSync } from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const marker = process.env.WEBTRACE_FAKE_FULL_DISK;
if (marker) {
  const open = fsp.open;
  fsp.open = async (path, flags, ...rest) => {
    if (typeof flags === 'string' && /[wa]/.test(flags) && existsSync(marker)) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), { code: 'ENOSPC', errno: -28, syscall: 'open' });
    }
    return open(path, flags, ...rest);
  };
  syncBuiltinESMExports();
}
