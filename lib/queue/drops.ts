import type { IDBPObjectStore, StoreNames } from 'idb';
import { countSeqs, droppedChunksSchema, subtractSeqRanges, type DroppedChunks, type SeqRange } from '../schema/dropped-chunks';
import { bumpCounters, type CounterName } from './counters';
import type { ChunkStoreKey, QueueDb, QueueDbSchema } from './open-queue-db';

export interface DropEntry {
  ranges: readonly SeqRange[];
  reason: string;
}

type Stores = ArrayLike<StoreNames<QueueDbSchema>>;
type DropsStore<T extends Stores> = IDBPObjectStore<QueueDbSchema, T, 'drops', 'readwrite'>;
type CountersStore<T extends Stores> = IDBPObjectStore<QueueDbSchema, T, 'counters', 'readwrite'>;

/** All of a page's drop records: keys are [sessionId, page, fromSeq]. */
const pageRange = (sessionId: string, page: number) => IDBKeyRange.bound([sessionId, page], [sessionId, page, []]);

/**
 * Adds ranges to a page's drop records inside the caller's transaction; only
 * sequence numbers not recorded before are added, and counted in `counter`
 * (null: counted elsewhere, as expiry is). Returns how many were new.
 */
export async function addDropsInTx<T extends Stores>(
  drops: DropsStore<T>,
  counters: CountersStore<T>,
  page: { sessionId: string; page: number },
  entries: readonly DropEntry[],
  at: number,
  counter: CounterName | null,
): Promise<number> {
  if (entries.every((e) => e.ranges.length === 0)) return 0;
  const known: SeqRange[] = (await drops.getAll(pageRange(page.sessionId, page.page))).map((r) => ({ fromSeq: r.fromSeq, toSeq: r.toSeq }));
  let added = 0;
  for (const entry of entries) {
    const fresh = subtractSeqRanges(entry.ranges, known);
    for (const r of fresh) {
      await drops.put({
        sessionId: page.sessionId,
        page: page.page,
        fromSeq: r.fromSeq,
        toSeq: r.toSeq,
        reason: entry.reason.slice(0, 100),
        at,
        pending: 1,
      });
      known.push(r);
    }
    added += countSeqs(fresh);
  }
  if (counter && added) await bumpCounters(counters, { [counter]: added });
  return added;
}

/** Records drops in their own durable transaction. */
export async function recordDrops(
  db: QueueDb,
  page: { sessionId: string; page: number },
  entries: readonly DropEntry[],
  at: number,
): Promise<number> {
  const tx = db.transaction(['drops', 'counters'], 'readwrite', { durability: 'strict' });
  const added = await addDropsInTx(tx.objectStore('drops'), tx.objectStore('counters'), page, entries, at, 'chunksDropped');
  await tx.done;
  return added;
}

/** Up to `max` unreported drops, oldest pages first; records that no longer parse are skipped (and stay). */
export async function takeDropReports(db: QueueDb, max: number): Promise<Array<{ key: ChunkStoreKey; report: DroppedChunks }>> {
  const out: Array<{ key: ChunkStoreKey; report: DroppedChunks }> = [];
  let cursor = await db.transaction('drops').store.index('pending').openCursor();
  while (cursor && out.length < max) {
    const parsed = droppedChunksSchema.safeParse(cursor.value);
    if (parsed.success) {
      const { sessionId, page, fromSeq, toSeq, reason, at } = parsed.data;
      out.push({ key: cursor.primaryKey, report: { sessionId, page, fromSeq, toSeq, reason, at } });
    }
    cursor = await cursor.continue();
  }
  return out;
}

/** Marks drops as reported, inside the transaction that records the acknowledged upload. */
export async function markDropsReportedInTx<T extends Stores>(
  drops: DropsStore<T>,
  keys: readonly ChunkStoreKey[],
  at: number,
): Promise<void> {
  for (const key of keys) {
    const record = await drops.get(key);
    if (!record) continue;
    const { pending: _pending, ...rest } = record;
    await drops.put({ ...rest, reportedAt: at });
  }
}

export async function countPendingDrops(db: QueueDb): Promise<number> {
  return db.countFromIndex('drops', 'pending');
}

/** Forgets reported drops older than `cutoff`: past retention no resend can arrive any more. */
export async function pruneReportedDrops(db: QueueDb, cutoff: number): Promise<number> {
  const tx = db.transaction('drops', 'readwrite');
  let pruned = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    const r = cursor.value;
    if (r.pending === undefined && typeof r.reportedAt === 'number' && r.reportedAt < cutoff) {
      await cursor.delete();
      pruned += 1;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return pruned;
}
