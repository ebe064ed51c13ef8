import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import type { SessionEventsPage } from '../../lib/schema/read-api';
import type { Store } from '../store/store';
import { mapLimit } from '../util/map-limit';
import { factsOf, type ChunkFactsCache } from './chunk-facts';

/** Chunks read in parallel while filling a page. */
const READ_AHEAD = 8;

/**
 * Serves a session's events a page at a time without reading the whole
 * session for every page: it remembers how many events each chunk holds
 * (ChunkFactsCache), so chunks before the requested offset are skipped unread.
 * Memory holds one page and a read-ahead of chunks, whatever the session's size.
 */
export class EventPager {
  constructor(
    private readonly store: Store,
    private readonly facts: ChunkFactsCache,
  ) {}

  /** Events [offset, offset + limit) in (page, seq) order, or null for an unknown session. */
  async page(sessionId: string, offset: number, limit: number): Promise<SessionEventsPage | null> {
    // The chunks the index knows of: a file written but not yet indexed is left out.
    const keys = await this.store.chunkKeys(sessionId);
    if (!keys) return null;
    const events: RrwebEvent[] = [];
    let pos = 0; // index (in the whole session) of the first event of chunk keys[i]
    let i = 0;
    while (i < keys.length && events.length < limit) {
      const known = this.facts.get(sessionId, keys[i]!)?.events;
      if (known !== undefined && pos + known <= offset) {
        pos += known;
        i += 1;
        continue;
      }
      const group = keys.slice(i, i + READ_AHEAD);
      const chunks = await mapLimit(group, READ_AHEAD, (key) => this.store.readChunk(sessionId, key));
      for (const [k, chunk] of chunks.entries()) {
        this.facts.set(sessionId, group[k]!, factsOf(chunk));
        const from = Math.max(0, offset - pos);
        if (events.length < limit && from < chunk.events.length) {
          events.push(...chunk.events.slice(from, from + limit - events.length));
        }
        pos += chunk.events.length;
        i += 1;
      }
    }
    const end = offset + events.length;
    const more = events.length > 0 && (pos > end || i < keys.length);
    return { events, next: more ? end : null };
  }
}
