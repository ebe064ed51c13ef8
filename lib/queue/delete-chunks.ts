import type { IDBPTransaction } from 'idb';
import type { ChunkKey } from '../schema/chunk';
import { bumpCounters, type CounterName, type LastValueName } from './counters';
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
 * leaves the queue besides set-aside, a 410 (below) and a user's delete. The
 * drop reports the batch carried (`dropKeys`) are marked reported in the same transaction.
 */
export const deleteUploadedChunks = (db: QueueDb, keys: readonly ChunkKey[], now: number, dropKeys: readonly ChunkStoreKey[] = []) =>
  deleteAnswered(db, keys, now, dropKeys, { batches: 'batchesUploaded', chunks: 'chunksUploaded', at: 'lastUploadAt' });

/**
 * Deletes the chunks of a batch the server refused with its validated 410 (the install was erased
 * there: it keeps nothing more from it), marks the batch's drop reports done, counts it and
 * remembers when the server erased the install, all in one transaction.
 */
export const deleteErasedChunks = (db: QueueDb, keys: readonly ChunkKey[], erasedAt: number, dropKeys: readonly ChunkStoreKey[] = []) =>
  deleteAnswered(db, keys, erasedAt, dropKeys, { batches: 'batchesErasedOnServer', chunks: 'chunksErasedOnServer', at: 'installErasedAt' });

/** A batch the server answered for good: its chunks go, its drop reports are done, counted and stamped in one transaction. */
async function deleteAnswered(
  db: QueueDb,
  keys: readonly ChunkKey[],
  at: number,
  dropKeys: readonly ChunkStoreKey[],
  names: { batches: CounterName; chunks: CounterName; at: LastValueName },
): Promise<{ deleted: number; bytes: number }> {
  const tx = db.transaction(['chunks', 'counters', 'drops'], 'readwrite');
  const result = await removeInTx(tx, keys, { [names.batches]: 1 });
  await markDropsReportedInTx(tx.objectStore('drops'), dropKeys, at);
  await bumpCounters(tx.objectStore('counters'), { [names.chunks]: result.deleted });
  await tx.objectStore('counters').put(at, names.at);
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
