import { SHOT_DROP_REASONS } from '../schema/shot-drops';
import { bumpCounters } from './counters';
import type { QueueDb } from './open-queue-db';
import { tallyShotDropsInTx } from './shot-drops';

/** Bytes of the shots waiting in the `shots` store (the `shotBytes` counter). */
export async function queuedShotBytes(db: QueueDb): Promise<number> {
  const value = await db.get('counters', 'shotBytes');
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * The queue is at its cap: the oldest shots go until `bytes` are freed (or
 * none is left), so DOM events and actions keep their room (issue 15). Each
 * eviction is counted (`shotsEvicted`) and tallied for its page, reported to
 * the server like every discarded shot. Returns the bytes freed.
 */
export async function evictShotsForChunks(db: QueueDb, bytes: number, at: number): Promise<{ evicted: number; freed: number }> {
  if (bytes <= 0) return { evicted: 0, freed: 0 };
  const tx = db.transaction(['shots', 'counters', 'shotDrops'], 'readwrite', { durability: 'strict' });
  let freed = 0;
  let evicted = 0;
  for (let cursor = await tx.objectStore('shots').index('byAge').openCursor(); cursor && freed < bytes; cursor = await cursor.continue()) {
    freed += cursor.value.image?.byteLength ?? 0;
    evicted += 1;
    await tallyShotDropsInTx(tx.objectStore('shotDrops'), cursor.value, SHOT_DROP_REASONS.evicted, at);
    await cursor.delete();
  }
  await bumpCounters(tx.objectStore('counters'), { shotsEvicted: evicted, shotBytes: -freed });
  await tx.done;
  return { evicted, freed };
}
