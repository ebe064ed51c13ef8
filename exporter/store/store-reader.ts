import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { ExportLineage } from '../../lib/schema/export-lineage';
import { storedShotSchema, type StoredShot } from '../../lib/schema/screenshot';
import type { StoredChunk } from '../../server/store/records';
import { SessionStore } from '../../server/store/session-store';
import type { Store } from '../../server/store/store';
import { chunkFileName, type PageSeq } from '../../server/store/store-paths';

/**
 * The exporter's only door to the server's store: the store interface
 * (server/store/store.ts), so an export reads an fs store (opened read-only:
 * nothing written but the export's lineage, nothing replayed) or an s3 one the same way. It hands out
 * one session's chunks at a time, so an export never holds more than the
 * sessions it is working on, and turns what the store cannot read into
 * problems named so an operator can find them.
 */
export interface SessionInfo {
  id: string;
  installId: string;
  site: string;
  startedAt: number;
  /** Actions the store counted (for the progress bar's total). */
  actions: number;
  chunks: number;
  bytes: number;
  /** Digest of the session's stored shots (keys and sha256), so a run over other shots has another run key. */
  shots: string;
}

/** A captured shot's image as stored, checked against its listing. */
export type ShotRead = { ok: true; bytes: Uint8Array } | { ok: false; problem: InputProblem };

/** Bad input, named so an operator can find it. */
export interface InputProblem {
  what: 'session' | 'chunk' | 'action';
  name: string;
  reason: string;
}

export interface SessionFilter {
  sites: readonly string[];
  from: number | null;
  to: number | null;
}

export type ChunkRead = { ok: true; chunk: StoredChunk } | { ok: false; key: PageSeq; problem: InputProblem };

export class StoreReader {
  readonly #log = new CapturingLog();
  readonly #store: Promise<Store>;

  /** A data directory (an fs store, opened read-only) or an open store. */
  constructor(source: string | Store) {
    this.#store =
      typeof source === 'string'
        ? SessionStore.open(source, this.#log.asLogger(), { readOnly: true }).catch((err: Error) => {
            throw new Error(`cannot read the store at ${source}: ${err.message}`);
          })
        : Promise.resolve(source);
  }

  /** Matching sessions, oldest first (ties by id): the order an export walks them in. */
  async listSessions(filter: SessionFilter): Promise<{ sessions: SessionInfo[]; problems: InputProblem[] }> {
    const store = await this.#store;
    const metas = await store.listSessions({ sites: filter.sites, from: filter.from, to: filter.to });
    const sessions: SessionInfo[] = [];
    for (const meta of metas)
      sessions.push({
        id: meta.id,
        installId: meta.installId,
        site: meta.site,
        startedAt: meta.startedAt,
        actions: Object.values(meta.actionCounts).reduce((a, b) => a + (b ?? 0), 0),
        chunks: meta.chunks,
        bytes: meta.bytes,
        shots: shotsDigest((await this.listShots(meta.id)).shots),
      });
    // Sessions the store skipped while loading (no readable meta and no readable chunk).
    const problems = this.#log.skippedSessions.map((id) => ({
      what: 'session' as const,
      name: `sessions/${id}`,
      reason: 'no readable meta.json and no readable chunk',
    }));
    return { sessions, problems };
  }

  /** An export's lineage as the server keeps it (for --rebuild-of), or null. */
  async exportLineage(exportId: string): Promise<ExportLineage | null> {
    return (await this.#store).exportLineage(exportId);
  }

  /** The exporter's one write to the store: its lineage (server/store/fs-export-lineage.ts allows it read-only). */
  async putExportLineage(record: ExportLineage): Promise<void> {
    await (await this.#store).putExportLineage(record);
  }

  /** A session's chunks in (page, seq) order, read one at a time; an unreadable one is reported in its place. */
  async *readChunks(sessionId: string): AsyncGenerator<ChunkRead> {
    const store = await this.#store;
    for (const key of (await store.chunkKeys(sessionId)) ?? []) {
      this.#log.reason = null;
      try {
        yield { ok: true, chunk: await store.readChunk(sessionId, key) };
      } catch (err) {
        const reason = this.#log.reason ?? (err as Error).message;
        yield { ok: false, key, problem: { what: 'chunk', name: `sessions/${sessionId}/chunks/${chunkFileName(key)}`, reason } };
      }
    }
  }

  /**
   * A session's captured shots (issue 15), oldest first, each parsed; a listing
   * the store cannot give or an entry that does not parse is a problem, and
   * the steps it would have shown fall back to the replay rendering.
   */
  async listShots(sessionId: string): Promise<{ shots: StoredShot[]; problems: InputProblem[] }> {
    const store = await this.#store;
    const name = `sessions/${sessionId}/shots`;
    let listed: unknown[];
    try {
      listed = await store.listShots(sessionId);
    } catch (err) {
      return { shots: [], problems: [{ what: 'session', name, reason: `shots unreadable: ${(err as Error).message}` }] };
    }
    const shots: StoredShot[] = [];
    const problems: InputProblem[] = [];
    for (const [i, entry] of listed.entries()) {
      const parsed = storedShotSchema.safeParse(entry);
      if (parsed.success && parsed.data.sessionId === sessionId) shots.push(parsed.data);
      else problems.push({ what: 'session', name: `${name} entry ${i}`, reason: parsed.error?.issues[0]?.message ?? 'another session' });
    }
    shots.sort((a, b) => a.takenAt - b.takenAt || a.page - b.page);
    return { shots, problems };
  }

  /** A shot's stored image; it must be the WebP the listing describes (its size and sha256), else it is a problem. */
  async readShot(shot: StoredShot): Promise<ShotRead> {
    const store = await this.#store;
    const name = `sessions/${shot.sessionId}/shots/${shot.page}/${shot.takenAt}`;
    const fail = (reason: string): ShotRead => ({ ok: false, problem: { what: 'session', name, reason } });
    let bytes: Uint8Array | null;
    try {
      bytes = await store.readShotImage(shot);
    } catch (err) {
      return fail(`shot image unreadable: ${(err as Error).message}`);
    }
    if (!bytes) return fail('shot image missing');
    if (!isWebp(bytes)) return fail('shot image is not a WebP');
    if (bytes.length !== shot.image.bytes || createHash('sha256').update(bytes).digest('hex') !== shot.sha256)
      return fail('shot image differs from its listing (size or sha256)');
    return { ok: true, bytes };
  }
}

/** RIFF....WEBP */
export function isWebp(b: Uint8Array): boolean {
  const tag = (at: number) => String.fromCharCode(...b.subarray(at, at + 4));
  return b.length >= 12 && tag(0) === 'RIFF' && tag(8) === 'WEBP';
}

function shotsDigest(shots: readonly StoredShot[]): string {
  if (shots.length === 0) return '0';
  const h = createHash('sha256');
  for (const s of shots) h.update(`${s.page}/${s.takenAt}/${s.sha256}\n`);
  return `${shots.length}:${h.digest('hex').slice(0, 16)}`;
}

/** The fs store logs what it skips; this keeps the reasons for the export's report. */
class CapturingLog {
  reason: string | null = null;
  readonly skippedSessions: string[] = [];

  asLogger(): FastifyBaseLogger {
    const record = (obj: unknown, msg?: string) => {
      const { err, sessionId } = (obj ?? {}) as { err?: Error; sessionId?: string };
      if (sessionId && msg?.startsWith('skipping')) this.skippedSessions.push(sessionId);
      this.reason ??= [msg, err?.message].filter(Boolean).join(': ') || 'unreadable';
    };
    const noop = () => undefined;
    const log = {
      level: 'error',
      fatal: record,
      error: record,
      warn: noop,
      info: noop,
      debug: noop,
      trace: noop,
      silent: noop,
      child: () => log,
    };
    return log as unknown as FastifyBaseLogger;
  }
}
