import type { IDBPObjectStore, StoreNames } from 'idb';
import type { QueueDb, QueueDbSchema } from './open-queue-db';

import { COUNTER_NAMES, type CounterName } from '../schema/queue-stats';

export { COUNTER_NAMES, type CounterName };

/** Last-seen values, overwritten rather than added to. */
export const LAST_VALUE_NAMES = ['lastUploadAt', 'lastError', 'lastErrorAt', 'installErasedAt'] as const;
export type LastValueName = (typeof LAST_VALUE_NAMES)[number];

/** Adds to counters inside a caller's transaction (pendingBytes and shotBytes never go below 0). */
export async function bumpCounters<TxStores extends ArrayLike<StoreNames<QueueDbSchema>>>(
  store: IDBPObjectStore<QueueDbSchema, TxStores, 'counters', 'readwrite'>,
  increments: Partial<Record<CounterName, number>>,
): Promise<void> {
  for (const [name, by] of Object.entries(increments)) {
    if (!by) continue;
    const current = await store.get(name);
    const next = (typeof current === 'number' && Number.isFinite(current) ? current : 0) + by;
    await store.put(name === 'pendingBytes' || name === 'shotBytes' ? Math.max(0, next) : next, name);
  }
}

export async function incrementCounter(db: QueueDb, name: CounterName, by = 1): Promise<void> {
  const tx = db.transaction('counters', 'readwrite');
  await bumpCounters(tx.store, { [name]: by });
  await tx.done;
}

/** Records an upload error for the popup; cut short so a huge server message cannot bloat storage. */
export async function recordLastError(db: QueueDb, message: string, at: number): Promise<void> {
  const tx = db.transaction('counters', 'readwrite');
  await tx.store.put(message.slice(0, 1000), 'lastError');
  await tx.store.put(at, 'lastErrorAt');
  await tx.done;
}

/** Remembers when the server said it erased this install (a 410 on a receipt; batches do it in deleteErasedChunks). */
export async function recordInstallErased(db: QueueDb, at: number): Promise<void> {
  const tx = db.transaction('counters', 'readwrite');
  await tx.store.put(at, 'installErasedAt');
  await tx.done;
}
