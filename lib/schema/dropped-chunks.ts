import { z } from 'zod';
import { chunkKeySchema } from './chunk';
import { addSeqRange, countSeqs, rangeHas, subtractSeqRanges, unionSeqRanges } from './seq-ranges';

export { addSeqRange, countSeqs, rangeHas, subtractSeqRanges, unionSeqRanges };

/**
 * Chunks the extension had to drop before they reached the server, reported so
 * that a gap in a session's sequence numbers is explained rather than silent.
 * A range is inclusive; `toSeq: null` means "to the end of the page" (the
 * recorder was stopped there).
 */
export const DROP_REASONS = {
  /** The recorder held too many unacknowledged chunks (the worker did not answer) and let the oldest go. */
  recorderOverflow: 'recorder-overflow',
  /** Local storage was over its cap, so the rest of the page was not recorded. */
  storageFull: 'storage-full',
  /** Queued longer than the retention period, deleted unsent. */
  expired: 'expired',
  /** IndexedDB could not store it (the browser refused the value), so it was never queued. */
  unstorable: 'unstorable',
} as const;

const seq = chunkKeySchema.shape.seq;

/** A run of a page's sequence numbers, as the recorder reports it to the worker. */
export const seqRangeSchema = z
  .object({ fromSeq: seq, toSeq: z.nullable(seq) })
  .refine((r) => r.toSeq === null || r.toSeq >= r.fromSeq, 'toSeq must not be below fromSeq');
export type SeqRange = z.infer<typeof seqRangeSchema>;

export const droppedChunksSchema = z
  .object({
    sessionId: chunkKeySchema.shape.sessionId,
    page: chunkKeySchema.shape.page,
    fromSeq: seq,
    toSeq: z.nullable(seq),
    /** One of DROP_REASONS; any short string is accepted so a newer extension never gets a batch refused for it. */
    reason: z.string().min(1).max(100),
    at: z.number(),
  })
  .refine((r) => r.toSeq === null || r.toSeq >= r.fromSeq, 'toSeq must not be below fromSeq');
export type DroppedChunks = z.infer<typeof droppedChunksSchema>;

/** Drop reports carried by one batch at most. */
export const MAX_DROP_REPORTS_PER_BATCH = 100;
