import { z } from 'zod';
import { actionSchema, actionTypeSchema } from './action';
import { rrwebEventSchema } from './rrweb-event';

/** Responses of the server's read API, used by the viewer, the exporter and the tests. */
export const sessionSummarySchema = z.object({
  id: z.uuid(),
  site: z.string(),
  url: z.string(),
  startedAt: z.number(),
  endedAt: z.number(),
  actionCounts: z.partialRecord(actionTypeSchema, z.int().nonnegative()),
  /** Uncompressed bytes of the stored chunks. */
  bytes: z.int().nonnegative(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionListSchema = z.object({ sessions: z.array(sessionSummarySchema) });
export const sessionActionsSchema = z.object({ actions: z.array(actionSchema) });
export const sessionEventsSchema = z.array(rrwebEventSchema);

/** GET /v1/stats: the server's in-memory ingest counters (reset when it restarts). */
const count = z.int().nonnegative();
export const ingestStatsSchema = z.object({
  /** Batches processed and acknowledged for the first time. */
  batchesAccepted: count,
  /** Resent batches answered from their stored receipt (nothing written). */
  duplicateBatches: count,
  chunksStored: count,
  /** Chunks skipped inside accepted batches because their (sessionId, page, seq) was already stored. */
  chunkDuplicates: count,
  /** Rejected uploads by error code (unauthorized, invalid_batch, payload_too_large…). */
  rejected: z.record(z.string(), count),
});
export type IngestStats = z.infer<typeof ingestStatsSchema>;
