import { addSeqRange, DROP_REASONS, type SeqRange } from '../schema/dropped-chunks';
import { bumpCounters } from './counters';
import { addDropsInTx } from './drops';
import type { QueueDb } from './open-queue-db';

/**
 * Deletes queued chunks older than the retention period (queued before
 * `cutoff`), counting them, so a machine that cannot upload does not keep
 * recordings of people forever. What went is recorded as dropped ('expired')
 * in the same transaction, so the next upload tells the server about the gap.
 */
export async function expireChunks(db: QueueDb, cutoff: number, now: number = Date.now()): Promise<number> {
  const tx = db.transaction(['chunks', 'counters', 'drops'], 'readwrite');
  const range = IDBKeyRange.upperBound([cutoff], true);
  let expired = 0;
  let bytes = 0;
  const pages = new Map<string, { sessionId: string; page: number; ranges: SeqRange[] }>();
  let cursor = await tx.objectStore('chunks').index('byAge').openCursor(range);
  while (cursor) {
    const { sessionId, page, seq, bytes: b } = cursor.value;
    bytes += typeof b === 'number' && Number.isFinite(b) ? b : 0;
    expired += 1;
    if (typeof sessionId === 'string' && Number.isInteger(page) && Number.isInteger(seq)) {
      const key = `${sessionId}/${page}`;
      const entry = pages.get(key) ?? { sessionId, page, ranges: [] };
      entry.ranges = addSeqRange(entry.ranges, seq);
      pages.set(key, entry);
    }
    await cursor.delete();
    cursor = await cursor.continue();
  }
  const counters = tx.objectStore('counters');
  if (expired) await bumpCounters(counters, { pendingBytes: -bytes, chunksExpired: expired });
  for (const p of pages.values()) {
    await addDropsInTx(tx.objectStore('drops'), counters, p, [{ ranges: p.ranges, reason: DROP_REASONS.expired }], now, null);
  }
  await tx.done;
  return expired;
}
