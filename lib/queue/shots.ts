import { SHOT_DROP_REASONS } from '../schema/shot-drops';
import { bumpCounters } from './counters';
import { tallyShotDropsInTx } from './shot-drops';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { QueueDb, QueueDbSchema, ShotStoreKey } from './open-queue-db';
import { storedShotRecordSchema, type StoredShotRecord } from './shot-records';

/**
 * The `shots` store. Shots have their own cap, apart from the chunks' budget:
 * a shot never takes a chunk's place. Past the cap the oldest shots are
 * evicted first, counted in `shotsEvicted`.
 */
export async function appendShot(db: QueueDb, record: StoredShotRecord, capBytes: number): Promise<{ evicted: number }> {
  const tx = db.transaction(['shots', 'counters', 'shotDrops'], 'readwrite', { durability: 'strict' });
  let total = record.image.byteLength;
  // Newest first: what is kept is the most recent within the cap.
  let cursor = await tx.objectStore('shots').index('byAge').openCursor(null, 'prev');
  let evicted = 0;
  let evictedBytes = 0;
  while (cursor) {
    const bytes = cursor.value.image?.byteLength ?? 0;
    if (total + bytes > capBytes) {
      await cursor.delete();
      evicted += 1;
      evictedBytes += bytes;
      await tallyShotDropsInTx(tx.objectStore('shotDrops'), cursor.value, SHOT_DROP_REASONS.evicted, record.storedAt);
    } else {
      total += bytes;
    }
    cursor = await cursor.continue();
  }
  await tx.objectStore('shots').put(record);
  const shotBytes = record.image.byteLength - evictedBytes;
  await bumpCounters(tx.objectStore('counters'), { shotsStored: 1, shotsEvicted: evicted, shotBytes });
  await tx.done;
  return { evicted };
}

/** Up to `max` shots, oldest first; records that no longer parse are deleted (and counted as evicted). */
export async function takeShots(db: QueueDb, max: number): Promise<StoredShotRecord[]> {
  const out: StoredShotRecord[] = [];
  const corrupt: ShotStoreKey[] = [];
  let cursor = await db.transaction('shots').store.index('byAge').openCursor();
  while (cursor && out.length < max) {
    const parsed = storedShotRecordSchema.safeParse(cursor.value);
    if (parsed.success) out.push(parsed.data);
    else corrupt.push(cursor.primaryKey);
    cursor = await cursor.continue();
  }
  if (corrupt.length) {
    const tx = db.transaction(['shots', 'counters'], 'readwrite');
    for (const key of corrupt) await deleteShotsInTx(tx.objectStore('shots'), tx.objectStore('counters'), IDBKeyRange.only(key));
    await bumpCounters(tx.objectStore('counters'), { shotsEvicted: corrupt.length });
    await tx.done;
  }
  return out;
}

/** Deletes one shot after its receipt was validated. */
export async function deleteUploadedShot(db: QueueDb, key: ShotStoreKey): Promise<void> {
  const tx = db.transaction(['shots', 'counters'], 'readwrite');
  const bytes = (await tx.objectStore('shots').get(key))?.image?.byteLength ?? 0;
  await tx.objectStore('shots').delete(key);
  await bumpCounters(tx.objectStore('counters'), { shotsUploaded: 1, shotBytes: -bytes });
  await tx.done;
}

const sessionRange = (sessionId: string) => IDBKeyRange.bound([sessionId], [sessionId, []]);

/** The person deletes a session: its shots go too. */
export async function deleteSessionShots(db: QueueDb, sessionId: string): Promise<number> {
  const tx = db.transaction(['shots', 'counters'], 'readwrite');
  const n = await deleteShotsInTx(tx.objectStore('shots'), tx.objectStore('counters'), sessionRange(sessionId));
  await tx.done;
  return n;
}

type ShotsTxStores = ArrayLike<StoreNames<QueueDbSchema>>;

/** Deletes the shots in `range` inside the caller's transaction, taking their bytes off `shotBytes`. */
export async function deleteShotsInTx<T extends ShotsTxStores>(
  shots: IDBPObjectStore<QueueDbSchema, T, 'shots', 'readwrite'>,
  counters: IDBPObjectStore<QueueDbSchema, T, 'counters', 'readwrite'>,
  range: IDBKeyRange,
): Promise<number> {
  let n = 0;
  let bytes = 0;
  for (let cursor = await shots.openCursor(range); cursor; cursor = await cursor.continue()) {
    bytes += cursor.value.image?.byteLength ?? 0;
    n += 1;
    await cursor.delete();
  }
  await bumpCounters(counters, { shotBytes: -bytes });
  return n;
}

/** Shots per session (keys only, no image is read), for My data. */
export async function countShotsBySession(db: QueueDb): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor = await db.transaction('shots').store.openKeyCursor();
  while (cursor) {
    const sessionId = cursor.primaryKey[0];
    counts.set(sessionId, (counts.get(sessionId) ?? 0) + 1);
    cursor = await cursor.continue();
  }
  return counts;
}
