import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { chunkKeySchema } from '../../lib/schema/chunk';
import { ensureDir, isTempFile } from './atomic-write';

/**
 * Reads `<root>/<folder>/<sessionId>.json` files into a map by session id;
 * a file that does not parse is logged and ignored. A temporary file a crash
 * left is removed (its content is re-sent or replayed from the write-ahead log).
 */
export async function readSessionJsonFiles<T>(
  root: string,
  folder: string,
  schema: z.ZodType<T>,
  log: FastifyBaseLogger,
  opts: { readOnly?: boolean; what: string },
): Promise<{ dir: string; sessions: Map<string, T> }> {
  const dir = join(root, folder);
  if (!opts.readOnly) await ensureDir(dir);
  const sessions = new Map<string, T>();
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const id = name.replace(/\.json$/, '');
    if (isTempFile(name) && !opts.readOnly) await rm(join(dir, name), { force: true });
    if (isTempFile(name) || !name.endsWith('.json') || !chunkKeySchema.shape.sessionId.safeParse(id).success) continue;
    try {
      sessions.set(id, schema.parse(JSON.parse(await readFile(join(dir, name), 'utf8'))));
    } catch (err) {
      log.error({ err, file: `${folder}/${name}` }, `unreadable ${opts.what}; ignored`);
    }
  }
  return { dir, sessions };
}
