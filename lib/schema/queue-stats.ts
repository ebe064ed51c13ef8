import { z } from 'zod';

/**
 * Numeric counters kept next to the local queue (lib/queue/counters.ts). They change in the same transaction
 * as the records they count, so they cannot drift from a crash in between.
 */
export const COUNTER_NAMES = [
  'chunksQueued',
  'chunksDuplicate',
  'chunksRejectedInvalid',
  'chunksUploaded',
  'batchesUploaded',
  'batchesSetAside',
  'chunksSetAside',
  'storedRecordsCorrupt',
  'uploadFailures',
  'unauthorizedResponses',
  'rateLimitedResponses',
  /** Deleted unsent because they outlived the retention period. */
  'chunksExpired',
  /** Recorded but never stored: the recorder's unacknowledged overflow, or the rest of a page when storage was full. */
  'chunksDropped',
  /** Places where a page was nested deeper than recordings keep: what is below was replaced by a placeholder (lib/rrweb/cut-deep-nodes.ts). */
  'nodesCutTooDeep',
  'pendingBytes',
  /** Batches and their chunks deleted here because the server answered 410: the install was erased there. */
  'batchesErasedOnServer',
  'chunksErasedOnServer',
  /** Screenshots (issue 15): stored redacted, uploaded, evicted for the shots' own cap, and not taken or thrown away undecoded. */
  'shotsStored',
  'shotsUploaded',
  'shotsEvicted',
  'shotsDiscarded',
  /** Due screenshots not taken because the last stored one already shows the page as it is (not a loss). */
  'shotsSkipped',
  /** Due screenshots not taken because the byte budget (screenshots.maxMegabytesPerHour) could not pay for them (not a loss either). */
  'shotsOverBudget',
  /** Bytes of the screenshots waiting in the `shots` store (they count against the local cap, and go first). */
  'shotBytes',
] as const;
export type CounterName = (typeof COUNTER_NAMES)[number];

/**
 * What the popup shows about the local queue. It travels over a runtime
 * message, so the popup parses it with this schema.
 */
const count = z.number().int().nonnegative();
export const queueStatsSchema = z.object({
  pendingChunks: count,
  /** How many recordings (sessions) those chunks belong to: what the popup calls "recordings waiting". */
  pendingSessions: count.optional(),
  pendingBytes: count,
  setAsideBatches: count,
  counters: z.object(Object.fromEntries(COUNTER_NAMES.map((n) => [n, count])) as Record<CounterName, typeof count>),
  lastUploadAt: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorAt: z.number().nullable(),
  /** Drop records (dropped or expired chunk ranges) not yet reported to the server. */
  dropReportsPending: count.optional(),
  /** The local cap in force, and whether new recordings are paused because the queue reached it. */
  capBytes: count.optional(),
  storageFull: z.boolean().optional(),
  /** When the server erased this install's uploads (from its 410 answer), if it did. */
  installErasedAt: z.number().nullable().optional(),
});
export type QueueStats = z.infer<typeof queueStatsSchema>;
