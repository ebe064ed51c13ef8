import type { IDBPTransaction } from 'idb';
import type { ChunkKey } from '../schema/chunk';
import { bumpCounters, type CounterName } from './counters';
import { markDropsReportedInTx } from './drops';
import { chunkStoreKey, type ChunkStoreKey, type QueueDb, type QueueDbSchema } from './open-queue-db';

type ChunksTx = IDBPTransaction<QueueDbSchema, ['chunks', 'counters'] | ['chunks', 'counters', 'drops'], 'readwrite'>;

/** Deletes queued chunks (absent keys are ignored); returns how many and how many bytes went. */
export async function deleteChunks(db: QueueDb, keys: readonly ChunkKey[]): Promise<{ deleted: number; bytes: number }> {
  const tx = db.transaction(['chunks', 'counters'], 'readwrite');
  const result = await removeInTx(tx, keys, {});
  await tx.done;
  return result;
}

/**
 * Deletes chunks the server has acknowledged (2xx) and counts the upload in
 * the same transaction. Call only after a 2xx: this is the only way data
 * leaves the queue besides set-aside and a user's delete. The drop reports
 * the batch carried (`dropKeys`) are marked reported in the same transaction.
 */
export async function deleteUploadedChunks(
  db: QueueDb,
  keys: readonly ChunkKey[],
  now: number,
  dropKeys: readonly ChunkStoreKey[] = [],
): Promise<{ deleted: number; bytes: number }> {
  const tx = db.transaction(['chunks', 'counters', 'drops'], 'readwrite');
  const result = await removeInTx(tx, keys, { batchesUploaded: 1 });
  await markDropsReportedInTx(tx.objectStore('drops'), dropKeys, now);
  await bumpCounters(tx.objectStore('counters'), { chunksUploaded: result.deleted });
  await tx.objectStore('counters').put(now, 'lastUploadAt');
  await tx.done;
  return result;
}

async function removeInTx(tx: ChunksTx, keys: readonly ChunkKey[], extra: Partial<Record<CounterName, number>>) {
  const store = tx.objectStore('chunks');
  let deleted = 0;
  let bytes = 0;
  for (const key of keys) {
    // The record is read for its byte count; only one is held at a time.
    const record = await store.get(chunkStoreKey(key));
    if (record === undefined) continue;
    await store.delete(chunkStoreKey(key));
    deleted += 1;
    bytes += typeof record.bytes === 'number' && Number.isFinite(record.bytes) ? record.bytes : 0;
  }
  await bumpCounters(tx.objectStore('counters'), { ...extra, pendingBytes: -bytes });
  return { deleted, bytes };
}
