import { isPageEndEvent } from '../../lib/schema/page-end';
import type { StoredChunk } from '../store/records';
import { pageSeqKey, type PageSeq } from '../store/store-paths';

/** What the read API needs to know of a stored chunk without reading it again. */
export interface ChunkFacts {
  events: number;
  /** It carries the recorder's page-end marker. */
  ended: boolean;
}

export const factsOf = (chunk: StoredChunk): ChunkFacts => ({ events: chunk.events.length, ended: chunk.events.some(isPageEndEvent) });

/** Sessions whose per-chunk facts are remembered (a few numbers per chunk each). */
const MAX_SESSIONS = 200;

/**
 * Remembers each chunk's facts once it has been read, so paging and
 * completeness skip what they already know. Stored chunks never change, so a
 * remembered fact never goes stale; new chunks are simply unknown. The least
 * recently used session is forgotten first.
 */
export class ChunkFactsCache {
  readonly #sessions = new Map<string, Map<string, ChunkFacts>>();

  get(sessionId: string, key: PageSeq): ChunkFacts | undefined {
    return this.#session(sessionId).get(pageSeqKey(key));
  }

  set(sessionId: string, key: PageSeq, facts: ChunkFacts): void {
    this.#session(sessionId).set(pageSeqKey(key), facts);
  }

  #session(sessionId: string): Map<string, ChunkFacts> {
    const facts = this.#sessions.get(sessionId) ?? new Map<string, ChunkFacts>();
    this.#sessions.delete(sessionId);
    this.#sessions.set(sessionId, facts);
    if (this.#sessions.size > MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value!);
    return facts;
  }
}
