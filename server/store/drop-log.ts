import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { droppedChunksSchema, type DroppedChunks } from '../../lib/schema/dropped-chunks';
import { KeyedLock } from '../util/keyed-lock';
import { writeFileAtomic } from './atomic-write';
import { readSessionJsonFiles } from './session-json-files';
import type { DeferredSync } from './deferred-sync';
import { ShotDropLog } from './shot-drop-log';

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
    /** Discarded-screenshot totals: kept beside the chunk drops, and removed with them. */
    readonly shots: ShotDropLog,
  ) {}

  static async open(root: string, log: FastifyBaseLogger, opts: { readOnly?: boolean } = {}): Promise<DropLog> {
    const { dir, sessions } = await readSessionJsonFiles(root, 'drops', fileSchema, log, { ...opts, what: 'drop reports' });
    return new DropLog(dir, sessions, await ShotDropLog.open(root, log, opts));
  }

  forSession(sessionId: string): readonly DroppedChunks[] {
    return this.sessions.get(sessionId) ?? [];
  }

  /** The install whose report first named this session, if any said. */
  ownerOf(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.find((r) => r.installId !== undefined)?.installId ?? this.shots.ownerOf(sessionId);
  }

  /** Sessions with a report from this install (an erasure removes those known only from drop reports too). */
  sessionsOf(installId: string): string[] {
    const ids = [...this.sessions].filter(([, reports]) => reports.some((r) => r.installId === installId)).map(([id]) => id);
    return [...new Set([...ids, ...this.shots.sessionsOf(installId)])];
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
    await this.shots.remove(sessionId);
  }
}
