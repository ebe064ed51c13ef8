import { COUNTER_NAMES, type CounterName } from './counters';
import { queueLevel } from '../rules/storage/storage-budget';
import type { QueueStats } from '../schema/queue-stats';
import type { QueueDb } from './open-queue-db';

export { queueStatsSchema, type QueueStats } from '../schema/queue-stats';

/** Bytes waiting to upload (from the counter kept with every queue change; no records are read). */
export async function pendingBytes(db: QueueDb): Promise<number> {
  const value = await db.get('counters', 'pendingBytes');
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** `capBytes`: the local cap in force, to say whether new recordings wait for uploads. */
export async function getQueueStats(db: QueueDb, capBytes?: number): Promise<QueueStats> {
  const tx = db.transaction(['chunks', 'setAside', 'counters', 'drops'], 'readonly');
  const counterStore = tx.objectStore('counters');
  const read = async (name: string) => counterStore.get(name);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const counters = {} as Record<CounterName, number>;
  for (const name of COUNTER_NAMES) counters[name] = Math.max(0, Math.trunc(num(await read(name)) ?? 0));
  const lastError = await read('lastError');
  // Distinct sessions among the queued chunks, from keys only: a session's keys are adjacent, and the cursor jumps past them.
  let pendingSessions = 0;
  const chunks = tx.objectStore('chunks');
  for (let c = await chunks.openKeyCursor(); c; c = await c.continue([c.key[0], Infinity, Infinity])) pendingSessions += 1;
  const stats: QueueStats = {
    pendingChunks: await tx.objectStore('chunks').count(),
    pendingSessions,
    pendingBytes: counters.pendingBytes,
    setAsideBatches: await tx.objectStore('setAside').count(),
    counters,
    lastUploadAt: num(await read('lastUploadAt')),
    lastError: typeof lastError === 'string' ? lastError : null,
    lastErrorAt: num(await read('lastErrorAt')),
    installErasedAt: num(await read('installErasedAt')),
    dropReportsPending: await tx.objectStore('drops').index('pending').count(),
    ...(capBytes === undefined ? {} : { capBytes, storageFull: queueLevel(counters.pendingBytes, capBytes) !== 'ok' }),
  };
  await tx.done;
  return stats;
}
