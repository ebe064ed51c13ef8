import type { Chunk } from '../schema/chunk';
import { depthCutOf } from '../schema/depth-cut';
import { DROP_REASONS, type SeqRange } from '../schema/dropped-chunks';
import { bumpCounters } from './counters';
import { addDropsInTx } from './drops';
import { chunkStoreKey, type QueueDb } from './open-queue-db';
import { jsonBytes } from './records';

export interface AppendResult {
  /** False when this key was already queued (a recorder resending after a lost ack). */
  added: boolean;
  /** Bytes waiting to upload after this append: the scheduler's threshold input. */
  pendingBytes: number;
}

/**
 * Queues a chunk the caller has already validated. Resolves only once the
 * transaction is committed with strict durability, because the recorder drops
 * its copy when it is acknowledged. A key already queued is left as it was
 * (first write wins), so a resend neither duplicates nor reorders it.
 * `dropped`: the recorder's report of this page's chunks it had to drop,
 * stored in the same transaction (whether or not the chunk is new).
 */
export async function appendChunk(
  db: QueueDb,
  chunk: Chunk,
  now: number = Date.now(),
  dropped: readonly SeqRange[] = [],
): Promise<AppendResult> {
  const tx = db.transaction(['chunks', 'counters', 'drops'], 'readwrite', { durability: 'strict' });
  const chunks = tx.objectStore('chunks');
  const counters = tx.objectStore('counters');
  const key = chunkStoreKey(chunk);
  const added = (await chunks.getKey(key)) === undefined;
  if (added) {
    const bytes = jsonBytes(chunk);
    await chunks.add({ sessionId: chunk.sessionId, page: chunk.page, seq: chunk.seq, site: chunk.site, bytes, queuedAt: now, chunk });
    const cut = chunk.events.reduce((n, e) => n + (depthCutOf(e)?.placeholders ?? 0), 0);
    await bumpCounters(counters, { chunksQueued: 1, pendingBytes: bytes, nodesCutTooDeep: cut });
  } else {
    await bumpCounters(counters, { chunksDuplicate: 1 });
  }
  if (dropped.length) {
    await addDropsInTx(
      tx.objectStore('drops'),
      counters,
      chunk,
      [{ ranges: dropped, reason: DROP_REASONS.recorderOverflow }],
      now,
      'chunksDropped',
    );
  }
  const pending = await counters.get('pendingBytes');
  await tx.done;
  return { added, pendingBytes: typeof pending === 'number' ? pending : 0 };
}
