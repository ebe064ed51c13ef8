import { z } from 'zod';
import { COUNTER_NAMES, type CounterName } from './counters';
import type { QueueDb } from './open-queue-db';

/**
 * What the popup shows about the local queue. It travels over a runtime
 * message, so the popup parses it with this schema.
 * (Meant for lib/schema/queue-stats.ts; lives here until moved.)
 */
const count = z.number().int().nonnegative();
export const queueStatsSchema = z.object({
  pendingChunks: count,
  pendingBytes: count,
  setAsideBatches: count,
  counters: z.object(Object.fromEntries(COUNTER_NAMES.map((n) => [n, count])) as Record<CounterName, typeof count>),
  lastUploadAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
});
export type QueueStats = z.infer<typeof queueStatsSchema>;

/** Bytes waiting to upload (from the counter kept with every queue change; no records are read). */
export async function pendingBytes(db: QueueDb): Promise<number> {
  const value = await db.get('counters', 'pendingBytes');
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

export async function getQueueStats(db: QueueDb): Promise<QueueStats> {
  const tx = db.transaction(['chunks', 'setAside', 'counters'], 'readonly');
  const counterStore = tx.objectStore('counters');
  const read = async (name: string) => counterStore.get(name);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const counters = {} as Record<CounterName, number>;
  for (const name of COUNTER_NAMES) counters[name] = Math.max(0, Math.trunc(num(await read(name)) ?? 0));
  const lastError = await read('lastError');
  const stats: QueueStats = {
    pendingChunks: await tx.objectStore('chunks').count(),
    pendingBytes: counters.pendingBytes,
    setAsideBatches: await tx.objectStore('setAside').count(),
    counters,
    lastUploadAt: num(await read('lastUploadAt')),
    lastError: typeof lastError === 'string' ? lastError : null,
    lastErrorAt: num(await read('lastErrorAt')),
  };
  await tx.done;
  return stats;
}
