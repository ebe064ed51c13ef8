import { z } from 'zod';
import { chunkKeySchema, chunkSchema } from '../schema/chunk';
import { droppedChunksSchema } from '../schema/dropped-chunks';

/**
 * Shapes of what the queue stores. Stored records are a boundary (another
 * extension version, a bug or disk corruption may have written them), so every
 * read goes back through these schemas.
 */
export const queuedChunkSchema = z
  .object({
    sessionId: z.uuid(),
    page: z.int().min(0),
    seq: z.int().min(0),
    site: z.string(),
    /** UTF-8 size of the chunk's JSON: what it adds to a batch body. */
    bytes: z.int().nonnegative(),
    queuedAt: z.number(),
    chunk: chunkSchema,
  })
  .refine(
    (r) => r.sessionId === r.chunk.sessionId && r.page === r.chunk.page && r.seq === r.chunk.seq,
    'record key does not match its chunk',
  );
export type QueuedChunk = z.infer<typeof queuedChunkSchema>;

/**
 * A batch the server rejected as invalid (or a stored record that no longer
 * parses). Kept for a person to inspect and delete; never retried.
 * `status` is the HTTP status, or null when the queue itself set it aside.
 * `chunks` are stored as they were; corrupt ones may not be Chunks at all.
 */
export const setAsideRecordSchema = z.object({
  id: z.int(),
  reason: z.string(),
  status: z.int().nullable(),
  chunkKeys: z.array(chunkKeySchema),
  bytes: z.number().nonnegative(),
  at: z.number(),
  chunks: z.array(z.unknown()),
});
export type SetAsideRecord = z.infer<typeof setAsideRecordSchema>;

/** The same without the (possibly large) chunks: what a list view needs. */
export const setAsideSummarySchema = setAsideRecordSchema.omit({ chunks: true });
export type SetAsideSummary = z.infer<typeof setAsideSummarySchema>;

/**
 * What was dropped before upload, one record per range of a page's sequence
 * numbers. New records are `pending` until a batch carrying them is
 * acknowledged; reported ones stay a while so a re-sent report (a recorder
 * whose ack was lost) is recognised instead of counted twice.
 */
export const dropRecordSchema = z.object({
  ...droppedChunksSchema.shape,
  /** 1 while not yet reported (a sparse index); absent once reported. */
  pending: z.literal(1).optional(),
  reportedAt: z.number().optional(),
});
export type DropRecord = z.infer<typeof dropRecordSchema>;

/** UTF-8 length of a value's JSON. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}
