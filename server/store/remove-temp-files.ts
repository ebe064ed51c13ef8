import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { isTempFile } from './atomic-write';
import type { StorePaths } from './store-paths';

/**
 * Deletes temp files a crash left behind (an atomic write that never got to
 * its rename). Nothing ever reads them; they would only take disk space.
 * Runs before the store is loaded, while nothing writes.
 */
export async function removeTempFiles(paths: StorePaths, log: FastifyBaseLogger): Promise<number> {
  const dirs = [paths.batchesDir];
  for (const entry of await readdir(paths.sessionsDir, { withFileTypes: true })) {
    if (entry.isDirectory()) dirs.push(paths.sessionDir(entry.name), paths.chunksDir(entry.name));
  }
  let removed = 0;
  for (const dir of dirs) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names.filter(isTempFile)) {
      await rm(join(dir, name), { force: true });
      removed += 1;
    }
  }
  if (removed) log.warn({ removed }, 'removed temp files left by an interrupted write');
  return removed;
}
