import { cutDeepChunk } from '../rrweb/cut-deep-nodes';
import type { Chunk } from '../schema/chunk';
import { addSeqRange, type SeqRange } from '../schema/dropped-chunks';
import { storedRecorderStashSchema } from '../schema/recorder-port';
import { RECORDER_STASH_PREFIX } from '../schema/storage-keys';

/**
 * Collects what recorders left in storage.local as their page went
 * (lib/schema/recorder-port.ts, keys RECORDER_STASH_PREFIX…) and stores it like a
 * chunk that came over a port: only where recording is still allowed, and
 * counted as dropped when storage is over its limit. An entry is removed only
 * after its chunks are stored, so a worker stopped half-way collects it again
 * (storing a chunk twice is a no-op). The entry is a JSON string
 * (serializeRecorderStash): storage.local would have cut a deep page to 100
 * levels. Anything else, an object an older version left included (it may be
 * cut), is discarded rather than queued.
 */
export interface RecoverStashDeps {
  area: { get(keys: null): Promise<Record<string, unknown>>; remove(key: string): Promise<void> };
  allowed: (url: string) => Promise<boolean>;
  storageOver: () => Promise<boolean>;
  append: (chunk: Chunk, dropped: readonly SeqRange[]) => Promise<void>;
  /** Records the chunks' seqs (and the recorder's own drops) as dropped for lack of storage. */
  drop: (page: { sessionId: string; page: number }, seqs: readonly SeqRange[], dropped: readonly SeqRange[]) => Promise<void>;
  log: (message: string, detail?: unknown) => void;
}

export async function recoverStash(deps: RecoverStashDeps): Promise<{ stored: number; dropped: number; discarded: number }> {
  const result = { stored: 0, dropped: 0, discarded: 0 };
  const all = await deps.area.get(null);
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(RECORDER_STASH_PREFIX)) continue;
    const parsed = storedRecorderStashSchema.safeParse(value);
    if (!parsed.success) {
      deps.log('discarding an unreadable recorder stash', parsed.error.message);
    } else {
      const { chunks, dropped } = parsed.data;
      const kept: Chunk[] = [];
      for (const chunk of chunks) {
        if (await deps.allowed(chunk.url)) kept.push(chunk);
        else result.discarded += 1;
      }
      if (kept.length && (await deps.storageOver())) {
        const seqs = kept.reduce<SeqRange[]>((list, c) => addSeqRange(list, c.seq), []);
        await deps.drop(kept[0]!, seqs, dropped);
        result.dropped += kept.length;
      } else {
        for (const [i, chunk] of kept.entries()) await deps.append(cutDeepChunk(chunk).chunk, i === 0 ? dropped : []);
        result.stored += kept.length;
      }
    }
    await deps.area.remove(key);
  }
  return result;
}
