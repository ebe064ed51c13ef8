import { execFileSync } from 'node:child_process';
import { mkdir, open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir, removeDir } from './harness';

/**
 * A directory whose filesystem can be made full and free again. As root it is
 * a small tmpfs, filled with a real file until writes fail with ENOSPC; else
 * the server runs with a preload that fails its writes with ENOSPC while a
 * marker file exists (`kind` says which one a run used).
 */
export interface FullDisk {
  kind: 'tmpfs' | 'injected';
  dataDir: string;
  /** Node flags and env for a server process on this disk. */
  nodeArgs: string[];
  env: Record<string, string>;
  fill(): Promise<void>;
  free(): Promise<void>;
  dispose(): Promise<void>;
}

const PRELOAD = fileURLToPath(new URL('./enospc-preload.mjs', import.meta.url));

export async function makeFullDisk(sizeMb = 16): Promise<FullDisk> {
  const root = await makeTempDir();
  const mount = join(root, 'disk');
  await mkdir(mount);
  let tmpfs = false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', mount], { stdio: 'ignore' });
    tmpfs = true;
  } catch {
    // Not root (or no mount): fall back to the injected fault.
  }
  const dataDir = join(mount, 'data');
  const filler = join(mount, 'filler.bin');
  const marker = join(root, 'disk-is-full');
  return {
    kind: tmpfs ? 'tmpfs' : 'injected',
    dataDir,
    nodeArgs: tmpfs ? [] : ['--import', PRELOAD],
    env: tmpfs ? {} : { WEBTRACE_FAKE_FULL_DISK: marker },
    async fill() {
      if (!tmpfs) return writeFile(marker, '');
      const handle = await open(filler, 'w');
      const block = Buffer.alloc(256 * 1024, 1);
      try {
        for (;;) await handle.write(block);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
        // Every last byte: a half block too, so even a small file cannot be written.
        for (let size = 64 * 1024; size >= 1; size = Math.floor(size / 2)) await handle.write(Buffer.alloc(size, 1)).catch(() => null);
      } finally {
        await handle.close().catch(() => null);
      }
    },
    async free() {
      await rm(tmpfs ? filler : marker, { force: true });
    },
    async dispose() {
      if (tmpfs) execFileSync('umount', ['-l', mount], { stdio: 'ignore' });
      await removeDir(root);
    },
  };
}
