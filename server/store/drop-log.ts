import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { chunkKeySchema } from '../../lib/schema/chunk';
import { droppedChunksSchema, type DroppedChunks } from '../../lib/schema/dropped-chunks';
import { KeyedLock } from '../util/keyed-lock';
import { ensureDir, isTempFile, writeFileAtomic } from './atomic-write';

/**
 * What devices reported dropping before upload, per session, so the
 * completeness report can tell an explained gap from a missing chunk.
 *   drops/<sessionId>.json   (an array of reports, each stored once)
 */
const fileSchema = z.array(droppedChunksSchema);
const same = (a: DroppedChunks, b: DroppedChunks) =>
  a.page === b.page && a.fromSeq === b.fromSeq && a.toSeq === b.toSeq && a.reason === b.reason;

export class DropLog {
  readonly #locks = new KeyedLock();

  private constructor(
    readonly dir: string,
    private readonly sessions: Map<string, DroppedChunks[]>,
  ) {}

  static async open(root: string, log: FastifyBaseLogger): Promise<DropLog> {
    const dir = join(root, 'drops');
    await ensureDir(dir);
    const sessions = new Map<string, DroppedChunks[]>();
    for (const name of await readdir(dir)) {
      const id = name.replace(/\.json$/, '');
      // A write a crash interrupted: the reports it had are re-sent or replayed from the batch journal.
      if (isTempFile(name)) await rm(join(dir, name), { force: true });
      if (isTempFile(name) || !name.endsWith('.json') || !chunkKeySchema.shape.sessionId.safeParse(id).success) continue;
      try {
        sessions.set(id, fileSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8'))));
      } catch (err) {
        log.error({ err, file: `drops/${name}` }, 'unreadable drop reports; ignored');
      }
    }
    return new DropLog(dir, sessions);
  }

  forSession(sessionId: string): readonly DroppedChunks[] {
    return this.sessions.get(sessionId) ?? [];
  }

  /** Stores reports not stored before; resolves once they are durable. Returns how many were new. */
  async record(reports: readonly DroppedChunks[]): Promise<number> {
    const bySession = new Map<string, DroppedChunks[]>();
    for (const r of reports) bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), r]);
    let added = 0;
    for (const [id, list] of bySession) {
      added += await this.#locks.run([id], async () => {
        const known = [...this.forSession(id)];
        const fresh = list.filter((r, i) => !known.some((k) => same(k, r)) && list.findIndex((o) => same(o, r)) === i);
        if (fresh.length === 0) return 0;
        const next = [...known, ...fresh];
        await writeFileAtomic(join(this.dir, `${id}.json`), JSON.stringify(next));
        this.sessions.set(id, next);
        return fresh.length;
      });
    }
    return added;
  }
}
