import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { chunkKeySchema } from '../../lib/schema/chunk';
import { droppedChunksSchema, type DroppedChunks } from '../../lib/schema/dropped-chunks';
import { KeyedLock } from '../util/keyed-lock';
import { ensureDir, isTempFile, writeFileAtomic } from './atomic-write';
import type { DeferredSync } from './deferred-sync';

/**
 * What devices reported dropping before upload, per session, so the
 * completeness report can tell an explained gap from a missing chunk.
 *   drops/<sessionId>.json   (an array of reports, each stored once)
 */
/** A report as kept: with the install that sent it (the session's owner when no chunk of it is stored yet). */
const keptReportSchema = droppedChunksSchema.safeExtend({ installId: z.uuid().optional() });
type KeptReport = z.infer<typeof keptReportSchema>;
const fileSchema = z.array(keptReportSchema);
const same = (a: DroppedChunks, b: DroppedChunks) =>
  a.page === b.page && a.fromSeq === b.fromSeq && a.toSeq === b.toSeq && a.reason === b.reason;

export class DropLog {
  readonly #locks = new KeyedLock();

  private constructor(
    readonly dir: string,
    private readonly sessions: Map<string, KeptReport[]>,
  ) {}

  static async open(root: string, log: FastifyBaseLogger, opts: { readOnly?: boolean } = {}): Promise<DropLog> {
    const dir = join(root, 'drops');
    if (!opts.readOnly) await ensureDir(dir);
    const sessions = new Map<string, KeptReport[]>();
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const id = name.replace(/\.json$/, '');
      // A write a crash interrupted: the reports it had are re-sent or replayed from the write-ahead log.
      if (isTempFile(name) && !opts.readOnly) await rm(join(dir, name), { force: true });
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

  /** The install whose report first named this session, if any said. */
  ownerOf(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.find((r) => r.installId !== undefined)?.installId;
  }

  /** Sessions with a report from this install (an erasure removes those known only from drop reports too). */
  sessionsOf(installId: string): string[] {
    return [...this.sessions].filter(([, reports]) => reports.some((r) => r.installId === installId)).map(([id]) => id);
  }

  /**
   * Stores reports not stored before (from `installId`); resolves once they
   * are durable, or, given `deferred`, once written (made durable with it).
   * Returns how many were new.
   */
  async record(reports: readonly DroppedChunks[], installId?: string, deferred?: DeferredSync): Promise<number> {
    const bySession = new Map<string, KeptReport[]>();
    for (const r of reports) bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), installId ? { ...r, installId } : r]);
    let added = 0;
    for (const [id, list] of bySession) {
      added += await this.#locks.run([id], async () => {
        const known = [...(this.sessions.get(id) ?? [])];
        const fresh = list.filter((r, i) => !known.some((k) => same(k, r)) && list.findIndex((o) => same(o, r)) === i);
        if (fresh.length === 0) return 0;
        const next = [...known, ...fresh];
        const file = join(this.dir, `${id}.json`);
        await writeFileAtomic(file, JSON.stringify(next), { sync: !deferred });
        deferred?.file(file);
        this.sessions.set(id, next);
        return fresh.length;
      });
    }
    return added;
  }

  /** Forgets a session's reports (its erasure). */
  async remove(sessionId: string): Promise<void> {
    await this.#locks.run([sessionId], async () => {
      await rm(join(this.dir, `${sessionId}.json`), { force: true });
      this.sessions.delete(sessionId);
    });
  }
}
