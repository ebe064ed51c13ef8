import { readdir } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import type { SessionEventsPage } from '../../lib/schema/read-api';
import { readChunkFile } from '../store/load-index';
import { StoreCorruptError, type SessionStore } from '../store/session-store';
import { comparePageSeq, pageSeqKey, parseChunkFileName, type PageSeq } from '../store/store-paths';
import { mapLimit } from '../util/map-limit';

/** Chunks read in parallel while filling a page. */
const READ_AHEAD = 8;
/** Sessions whose per-chunk event counts are remembered (a few numbers per chunk each). */
const MAX_SESSIONS = 200;

/**
 * Serves a session's events a page at a time without reading the whole
 * session for every page: it remembers how many events each chunk holds, so
 * chunks before the requested offset are skipped unread. Stored chunks never
 * change, so a remembered count never goes stale; new chunks are simply unknown.
 */
export class EventPager {
  readonly #counts = new Map<string, Map<string, number>>();

  constructor(
    private readonly store: SessionStore,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Events [offset, offset + limit) in (page, seq) order, or null for an unknown session. */
  async page(sessionId: string, offset: number, limit: number): Promise<SessionEventsPage | null> {
    const keys = await this.#storedChunks(sessionId);
    if (!keys) return null;
    const counts = this.#countsOf(sessionId);
    const events: RrwebEvent[] = [];
    let pos = 0; // index (in the whole session) of the first event of chunk keys[i]
    let i = 0;
    while (i < keys.length && events.length < limit) {
      const known = counts.get(pageSeqKey(keys[i]!));
      if (known !== undefined && pos + known <= offset) {
        pos += known;
        i += 1;
        continue;
      }
      const group = keys.slice(i, i + READ_AHEAD);
      const chunks = await mapLimit(group, READ_AHEAD, (key) => this.#read(sessionId, key));
      for (const [k, chunkEvents] of chunks.entries()) {
        counts.set(pageSeqKey(group[k]!), chunkEvents.length);
        const from = Math.max(0, offset - pos);
        if (events.length < limit && from < chunkEvents.length) {
          events.push(...chunkEvents.slice(from, from + limit - events.length));
        }
        pos += chunkEvents.length;
        i += 1;
      }
    }
    const end = offset + events.length;
    const more = events.length > 0 && (pos > end || i < keys.length);
    return { events, next: more ? end : null };
  }

  /** The chunks the store's index knows of (a file written but not yet indexed is left out), in order. */
  async #storedChunks(sessionId: string): Promise<PageSeq[] | null> {
    if (!this.store.meta(sessionId)) return null;
    const names = await readdir(this.store.paths.chunksDir(sessionId)).catch(() => [] as string[]);
    return names
      .map(parseChunkFileName)
      .filter((k): k is PageSeq => k !== null && this.store.hasChunk({ sessionId, ...k }))
      .sort(comparePageSeq);
  }

  async #read(sessionId: string, key: PageSeq): Promise<RrwebEvent[]> {
    const read = await readChunkFile(this.store.paths, sessionId, key, this.log);
    if (!read) throw new StoreCorruptError(`stored chunk ${sessionId}/${key.page}/${key.seq} is unreadable`);
    return read.chunk.events;
  }

  /** The session's remembered counts, most recently used last (the oldest session is forgotten first). */
  #countsOf(sessionId: string): Map<string, number> {
    const counts = this.#counts.get(sessionId) ?? new Map<string, number>();
    this.#counts.delete(sessionId);
    this.#counts.set(sessionId, counts);
    if (this.#counts.size > MAX_SESSIONS) this.#counts.delete(this.#counts.keys().next().value!);
    return counts;
  }
}
