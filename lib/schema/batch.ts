import { z } from 'zod';
import { chunkSchema } from './chunk';
import { droppedChunksSchema, MAX_DROP_REPORTS_PER_BATCH } from './dropped-chunks';
import { MAX_SHOT_DROP_REPORTS_PER_BATCH, shotDropReportSchema } from './shot-drops';

/**
 * The body of POST /v1/batches (gzip-compressed JSON). The batch id is also sent
 * as the Idempotency-Key header; a resent batch is acknowledged and stored once.
 */
export const MAX_CHUNKS_PER_BATCH = 500;

/** A consent text version, as consent receipts name it (lib/schema/consent-receipt.ts). */
export const consentVersionSchema = z.string().min(1).max(64);

export const batchSchema = z.object({
  batchId: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'batchId must be 8-128 characters of [A-Za-z0-9_-]'),
  /** Random per-install id; never a person's name, email or OS user. */
  installId: z.uuid(),
  orgId: z.string().max(200).nullable(),
  sentAt: z.number(),
  extensionVersion: z.string().max(50),
  chunks: z.array(chunkSchema).min(1).max(MAX_CHUNKS_PER_BATCH),
  /**
   * The consent version the install holds a grant for, under which these chunks were recorded
   * (issue 16). With WEBTRACE_REQUIRE_CONSENT_RECEIPT the server refuses (403) a version without an
   * active grant receipt. Optional: batches of earlier versions lack it.
   */
  consentVersion: consentVersionSchema.optional(),
  /** Chunks of any session this install dropped before they could be sent (lib/schema/dropped-chunks.ts). */
  dropped: z.array(droppedChunksSchema).max(MAX_DROP_REPORTS_PER_BATCH).optional(),
  /** Screenshots of any session this install discarded, as running totals (lib/schema/shot-drops.ts). */
  shotDrops: z.array(shotDropReportSchema).max(MAX_SHOT_DROP_REPORTS_PER_BATCH).optional(),
});
export type Batch = z.infer<typeof batchSchema>;

/** The server's answer to an accepted batch. */
export const batchReceiptSchema = z.object({
  batchId: z.string(),
  stored: z.int().nonnegative(),
  duplicates: z.int().nonnegative(),
});
export type BatchReceipt = z.infer<typeof batchReceiptSchema>;

/** The server's answer to a rejected request (4xx/5xx). */
export const errorBodySchema = z.object({ error: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof errorBodySchema>;
