import { appendChunk, incrementCounter, pendingBytes, recordDrops, type QueueDb } from '../queue';
import { evictShotsForChunks, queuedShotBytes } from '../queue/evict-shots';
import { queueLevel, type QueueLevel } from '../rules/storage/storage-budget';
import type { Chunk, ChunkKey } from '../schema/chunk';
import { DROP_REASONS, type SeqRange } from '../schema/dropped-chunks';

/**
 * Where a chunk enters the queue, whether it came over a recorder's port or from a page's stash:
 * it is stored, or its loss is recorded (with the recorder's own drops riding on it) so the server
 * learns of it. The queue level is read the same way for both.
 */
export interface ChunkAdmissionDeps {
  db: () => Promise<QueueDb>;
  /** The local cap in force (bytes). */
  capBytes: () => Promise<number>;
  now: () => number;
  /** The queue grew: the upload scheduler may start a run early. */
  onQueued: (pendingBytes: number) => void;
  log: (message: string, detail?: unknown) => void;
}

type Page = { sessionId: string; page: number };

export function createChunkAdmission(deps: ChunkAdmissionDeps) {
  const drop = async (page: Page, ranges: readonly SeqRange[], reason: string, recorderDropped: readonly SeqRange[]) =>
    recordDrops(
      await deps.db(),
      page,
      [
        { ranges, reason },
        { ranges: recorderDropped, reason: DROP_REASONS.recorderOverflow },
      ],
      deps.now(),
    );

  return {
    async store(chunk: Chunk, dropped: readonly SeqRange[]): Promise<void> {
      const result = await appendChunk(await deps.db(), chunk, deps.now(), dropped);
      deps.onQueued(result.pendingBytes);
    },
    /**
     * The queue's level for chunks. Shots count against the same cap and go first: at the cap the
     * oldest are evicted (counted, reported) until the chunks and shots fit again.
     */
    async level(): Promise<QueueLevel> {
      const db = await deps.db();
      const [chunks, shots, cap] = await Promise.all([pendingBytes(db), queuedShotBytes(db), deps.capBytes()]);
      const level = queueLevel(chunks + shots, cap);
      if (level === 'ok' || shots === 0) return level;
      const { evicted } = await evictShotsForChunks(db, chunks + shots - cap + 1, deps.now());
      if (evicted) deps.log(`the queue is at its cap: evicted ${evicted} screenshots for the recording`);
      return queueLevel(chunks + (await queuedShotBytes(db)), cap);
    },
    /** Whether a shot may be stored: the chunks and the shots are under the cap (shots never evict chunks). */
    async roomForShot(): Promise<boolean> {
      const db = await deps.db();
      return queueLevel((await pendingBytes(db)) + (await queuedShotBytes(db)), await deps.capBytes()) === 'ok';
    },
    /** Storage is past its hard limit: the page's chunks from key.seq on are lost. */
    async refuse(key: ChunkKey, dropped: readonly SeqRange[]): Promise<void> {
      const added = await drop(key, [{ fromSeq: key.seq, toSeq: null }], DROP_REASONS.storageFull, dropped);
      deps.log(`storage full: stopped recording a page and counted ${added} dropped chunks`);
    },
    /** IndexedDB cannot store this one chunk. */
    async dropUnstorable(key: ChunkKey, dropped: readonly SeqRange[]): Promise<void> {
      await drop(key, [{ fromSeq: key.seq, toSeq: key.seq }], DROP_REASONS.unstorable, dropped);
    },
    /** A stash found with storage past its hard limit: its chunks are lost. */
    async dropStashed(page: Page, seqs: readonly SeqRange[], dropped: readonly SeqRange[]): Promise<void> {
      await drop(page, seqs, DROP_REASONS.storageFull, dropped);
    },
    countInvalid(reason: string): void {
      deps.log(`invalid recorder message: ${reason}`);
      void deps.db().then((db) => incrementCounter(db, 'chunksRejectedInvalid'));
    },
  };
}
export type ChunkAdmission = ReturnType<typeof createChunkAdmission>;
