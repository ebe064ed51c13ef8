import type { IDBPTransaction } from 'idb';
import { chunkKeySchema, chunkKeyString, compareChunkKeys } from '../schema/chunk';
import { bumpCounters } from './counters';
import type { QueueDb, QueueDbSchema } from './open-queue-db';
import { jsonBytes, queuedChunkSchema, type QueuedChunk } from './records';

export interface BatchBounds {
  maxBytes: number;
  maxChunks: number;
  /** chunkKeyString of chunks to pass over (the uploader isolating one that fails). */
  skip?: ReadonlySet<string>;
}

/**
 * The oldest queued chunks that fit the bounds, in (sessionId, page, seq)
 * order. Always at least one chunk when any is queued, even one larger than
 * maxBytes: the uploader's 413 path decides what to do with it. Nothing is
 * removed; the caller deletes the chunks once the server has them.
 *
 * Stops at the first chunk that does not fit rather than skipping ahead, so
 * uploads stay oldest-first. A stored record that no longer parses is moved to
 * setAside (and counted) instead of failing the whole upload.
 */
export async function takeBatch(db: QueueDb, { maxBytes, maxChunks, skip }: BatchBounds, now: number = Date.now()): Promise<QueuedChunk[]> {
  const tx = db.transaction(['chunks', 'setAside', 'counters'], 'readwrite');
  const taken: QueuedChunk[] = [];
  let bytes = 0;
  let cursor = await tx.objectStore('chunks').index('byAge').openCursor();
  while (cursor) {
    const parsed = queuedChunkSchema.safeParse(cursor.value);
    if (!parsed.success) {
      await moveCorruptAside(tx, cursor.primaryKey, cursor.value, parsed.error.message, now);
      await cursor.delete();
    } else if (!skip?.has(chunkKeyString(parsed.data))) {
      if (taken.length > 0 && bytes + parsed.data.bytes > maxBytes) break;
      taken.push(parsed.data);
      bytes += parsed.data.bytes;
      if (taken.length >= maxChunks || bytes >= maxBytes) break;
    }
    cursor = await cursor.continue();
  }
  // Nothing left at all: the byte counter must be 0, whatever corruption did to it.
  if (taken.length === 0 && !skip?.size) await tx.objectStore('counters').put(0, 'pendingBytes');
  await tx.done;
  return taken.sort(compareChunkKeys);
}

type TakeTx = IDBPTransaction<QueueDbSchema, ['chunks', 'setAside', 'counters'], 'readwrite'>;

async function moveCorruptAside(tx: TakeTx, primaryKey: unknown, value: unknown, error: string, now: number) {
  const [sessionId, page, seq] = Array.isArray(primaryKey) ? primaryKey : [];
  const key = chunkKeySchema.safeParse({ sessionId, page, seq });
  const claimed = (value as { bytes?: unknown } | null)?.bytes;
  await tx.objectStore('setAside').add({
    reason: `stored record is invalid: ${error.slice(0, 500)}`,
    status: null,
    chunkKeys: key.success ? [key.data] : [],
    bytes: safeJsonBytes(value),
    at: now,
    chunks: [value],
  });
  await bumpCounters(tx.objectStore('counters'), {
    storedRecordsCorrupt: 1,
    pendingBytes: typeof claimed === 'number' && Number.isFinite(claimed) ? -claimed : 0,
  });
}

function safeJsonBytes(value: unknown): number {
  try {
    return jsonBytes(value) || 0;
  } catch {
    return 0;
  }
}
