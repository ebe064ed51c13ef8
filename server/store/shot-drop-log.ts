import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import { shotDropReportSchema, type ShotDropReport } from '../../lib/schema/shot-drops';
import { KeyedLock } from '../util/keyed-lock';
import { writeFileAtomic } from './atomic-write';
import { readSessionJsonFiles } from './session-json-files';

/**
 * Devices' totals of discarded screenshots (issue 15), per session:
 *   shot-drops/<sessionId>.json   (one report per page and reason: the highest total seen)
 * A resent or older total changes nothing, so a lost receipt never counts a shot twice.
 */
const keptSchema = shotDropReportSchema.safeExtend({ installId: z.uuid().optional() });
type Kept = z.infer<typeof keptSchema>;
const fileSchema = z.array(keptSchema);

export class ShotDropLog {
  readonly #locks = new KeyedLock();

  private constructor(
    readonly dir: string,
    private readonly sessions: Map<string, Kept[]>,
  ) {}

  static async open(root: string, log: FastifyBaseLogger, opts: { readOnly?: boolean } = {}): Promise<ShotDropLog> {
    const { dir, sessions } = await readSessionJsonFiles(root, 'shot-drops', fileSchema, log, { ...opts, what: 'shot drop reports' });
    return new ShotDropLog(dir, sessions);
  }

  forSession(sessionId: string): ShotDropReport[] {
    return (this.sessions.get(sessionId) ?? []).map(({ installId: _i, ...r }) => r);
  }

  ownerOf(sessionId: string): string | undefined {
    return this.sessions.get(sessionId)?.find((r) => r.installId !== undefined)?.installId;
  }

  sessionsOf(installId: string): string[] {
    return [...this.sessions].filter(([, list]) => list.some((r) => r.installId === installId)).map(([id]) => id);
  }

  /** Keeps each (page, reason)'s highest total; durable when it resolves. Returns how many totals rose. */
  async record(reports: readonly ShotDropReport[], installId?: string): Promise<number> {
    const bySession = new Map<string, ShotDropReport[]>();
    for (const r of reports) bySession.set(r.sessionId, [...(bySession.get(r.sessionId) ?? []), r]);
    let raised = 0;
    for (const [id, list] of bySession) {
      raised += await this.#locks.run([id], async () => {
        const next = [...(this.sessions.get(id) ?? [])];
        let changed = 0;
        for (const r of list) {
          const i = next.findIndex((k) => k.page === r.page && k.reason === r.reason);
          if (i >= 0 && next[i]!.count >= r.count) continue;
          const kept: Kept = { ...r, ...(installId ? { installId } : {}) };
          if (i >= 0) next[i] = kept;
          else next.push(kept);
          changed += 1;
        }
        if (changed === 0) return 0;
        await writeFileAtomic(join(this.dir, `${id}.json`), JSON.stringify(next), { sync: true });
        this.sessions.set(id, next);
        return changed;
      });
    }
    return raised;
  }

  async remove(sessionId: string): Promise<void> {
    await this.#locks.run([sessionId], async () => {
      await rm(join(this.dir, `${sessionId}.json`), { force: true });
      this.sessions.delete(sessionId);
    });
  }
}
