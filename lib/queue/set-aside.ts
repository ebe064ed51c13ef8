import { bumpCounters } from './counters';
import { chunkStoreKey, type QueueDb } from './open-queue-db';
import { setAsideRecordSchema, setAsideSummarySchema, type QueuedChunk, type SetAsideRecord, type SetAsideSummary } from './records';

export interface SetAsideInput {
  reason: string;
  /** HTTP status that caused it, or null. */
  status: number | null;
  records: readonly QueuedChunk[];
  at: number;
}

/**
 * Moves chunks out of the queue into setAside in one transaction, so a chunk
 * is never in both or in neither. Chunks no longer queued are skipped; when
 * none are left, nothing is recorded and null is returned.
 */
export async function setAsideBatch(db: QueueDb, { reason, status, records, at }: SetAsideInput): Promise<number | null> {
  const tx = db.transaction(['chunks', 'setAside', 'counters'], 'readwrite');
  const chunks = tx.objectStore('chunks');
  const moved: QueuedChunk[] = [];
  for (const record of records) {
    if ((await chunks.getKey(chunkStoreKey(record))) === undefined) continue;
    await chunks.delete(chunkStoreKey(record));
    moved.push(record);
  }
  let id: number | null = null;
  if (moved.length > 0) {
    const bytes = moved.reduce((sum, r) => sum + r.bytes, 0);
    id = await tx.objectStore('setAside').add({
      reason: reason.slice(0, 2000),
      status,
      chunkKeys: moved.map(({ sessionId, page, seq }) => ({ sessionId, page, seq })),
      bytes,
      at,
      chunks: moved.map((r) => r.chunk),
    });
    await bumpCounters(tx.objectStore('counters'), { batchesSetAside: 1, chunksSetAside: moved.length, pendingBytes: -bytes });
  }
  await tx.done;
  return id;
}

/** Summaries, newest first. Entries that no longer parse are still listed, with what could be read. */
export async function listSetAside(db: QueueDb): Promise<SetAsideSummary[]> {
  const out: SetAsideSummary[] = [];
  let cursor = await db.transaction('setAside').store.openCursor(null, 'prev');
  while (cursor) {
    const parsed = setAsideSummarySchema.safeParse(cursor.value);
    out.push(parsed.success ? parsed.data : unreadable(cursor.primaryKey));
    cursor = await cursor.continue();
  }
  return out;
}

/** One entry with its chunks, for inspection or export; null when absent or unreadable. */
export async function getSetAside(db: QueueDb, id: number): Promise<SetAsideRecord | null> {
  const parsed = setAsideRecordSchema.safeParse(await db.get('setAside', id));
  return parsed.success ? parsed.data : null;
}

export async function deleteSetAside(db: QueueDb, id: number): Promise<void> {
  await db.delete('setAside', id);
}

export async function countSetAside(db: QueueDb): Promise<number> {
  return db.count('setAside');
}

function unreadable(id: number): SetAsideSummary {
  return { id, reason: 'unreadable set-aside entry', status: null, chunkKeys: [], bytes: 0, at: 0 };
}
