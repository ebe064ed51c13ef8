import { bumpCounters } from './counters';
import type { QueueDb } from './open-queue-db';

/**
 * Deletes queued chunks older than the retention period (queued before
 * `cutoff`), counting them, so a machine that cannot upload does not keep
 * recordings of people forever.
 */
export async function expireChunks(db: QueueDb, cutoff: number): Promise<number> {
  const tx = db.transaction(['chunks', 'counters'], 'readwrite');
  const range = IDBKeyRange.upperBound([cutoff], true);
  let expired = 0;
  let bytes = 0;
  let cursor = await tx.objectStore('chunks').index('byAge').openCursor(range);
  while (cursor) {
    const b = cursor.value.bytes;
    bytes += typeof b === 'number' && Number.isFinite(b) ? b : 0;
    expired += 1;
    await cursor.delete();
    cursor = await cursor.continue();
  }
  if (expired) await bumpCounters(tx.objectStore('counters'), { pendingBytes: -bytes, chunksExpired: expired });
  await tx.done;
  return expired;
}
