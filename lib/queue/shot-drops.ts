import type { ShotDropReport } from '../schema/shot-drops';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { QueueDb, QueueDbSchema } from './open-queue-db';
import { shotDropTallySchema, type ShotDropTally } from './shot-records';

/**
 * The `shotDrops` store: per [sessionId, page, reason] the number of shots
 * the worker gave up. Reports carry the running total, so a lost receipt or a
 * resend never counts a shot twice on the server (it keeps the highest).
 */
export async function tallyShotDrops(
  db: QueueDb,
  page: { sessionId: string; page: number },
  reason: string,
  at: number,
  by = 1,
): Promise<void> {
  if (by <= 0) return;
  const tx = db.transaction('shotDrops', 'readwrite');
  await tallyShotDropsInTx(tx.store, page, reason, at, by);
  await tx.done;
}

/** The same inside the caller's transaction (an eviction counts where it deletes). */
export async function tallyShotDropsInTx<T extends ArrayLike<StoreNames<QueueDbSchema>>>(
  store: IDBPObjectStore<QueueDbSchema, T, 'shotDrops', 'readwrite'>,
  page: { sessionId: string; page: number },
  reason: string,
  at: number,
  by = 1,
): Promise<void> {
  const old = shotDropTallySchema.safeParse(await store.get([page.sessionId, page.page, reason]));
  const base: Pick<ShotDropTally, 'count' | 'reported'> = old.success ? old.data : { count: 0, reported: 0 };
  await store.put({ sessionId: page.sessionId, page: page.page, reason, count: base.count + by, reported: base.reported, at, pending: 1 });
}

/** Up to `max` totals not yet acknowledged, as reports; records that no longer parse are skipped. */
export async function takeShotDropReports(db: QueueDb, max: number): Promise<ShotDropReport[]> {
  const out: ShotDropReport[] = [];
  let cursor = await db.transaction('shotDrops').store.index('pending').openCursor();
  while (cursor && out.length < max) {
    const parsed = shotDropTallySchema.safeParse(cursor.value);
    if (parsed.success) {
      const { sessionId, page, reason, count, at } = parsed.data;
      out.push({ sessionId, page, reason, count, at });
    }
    cursor = await cursor.continue();
  }
  return out;
}

/** The server acknowledged these totals: pending only where more shots were dropped meanwhile. */
export async function markShotDropsReported(db: QueueDb, reports: readonly ShotDropReport[]): Promise<void> {
  if (reports.length === 0) return;
  const tx = db.transaction('shotDrops', 'readwrite');
  for (const r of reports) {
    const parsed = shotDropTallySchema.safeParse(await tx.store.get([r.sessionId, r.page, r.reason]));
    if (!parsed.success) continue;
    const { pending: _pending, ...rest } = parsed.data;
    const reported = Math.max(rest.reported, r.count);
    await tx.store.put(rest.count > reported ? { ...rest, reported, pending: 1 } : { ...rest, reported });
  }
  await tx.done;
}

/** Shots dropped per reason, over every session (for tests and the popup's figures). */
export async function shotDropCounts(db: QueueDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await db.getAll('shotDrops')) out[t.reason] = (out[t.reason] ?? 0) + t.count;
  return out;
}
