import type { FastifyBaseLogger } from 'fastify';
import type { StoredChunk } from '../../server/store/records';
import { SessionStore } from '../../server/store/session-store';
import type { Store } from '../../server/store/store';
import { chunkFileName, type PageSeq } from '../../server/store/store-paths';

/**
 * The exporter's only door to the server's store: the store interface
 * (server/store/store.ts), so an export reads an fs store (opened read-only:
 * nothing written, nothing replayed) or an s3 one the same way. It hands out
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
}

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
    const sessions = metas.map((meta) => ({
      id: meta.id,
      installId: meta.installId,
      site: meta.site,
      startedAt: meta.startedAt,
      actions: Object.values(meta.actionCounts).reduce((a, b) => a + (b ?? 0), 0),
      chunks: meta.chunks,
      bytes: meta.bytes,
    }));
    // Sessions the store skipped while loading (no readable meta and no readable chunk).
    const problems = this.#log.skippedSessions.map((id) => ({
      what: 'session' as const,
      name: `sessions/${id}`,
      reason: 'no readable meta.json and no readable chunk',
    }));
    return { sessions, problems };
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
