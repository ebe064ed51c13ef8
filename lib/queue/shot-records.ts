import { z } from 'zod';
import { shotMetaSchema } from '../schema/screenshot';
import { shotDropReportSchema } from '../schema/shot-drops';

/** A redacted screenshot as the `shots` store keeps it until the server's receipt for it is validated. */
export const storedShotRecordSchema = z.object({
  sessionId: z.string(),
  page: z.int(),
  takenAt: z.int(),
  storedAt: z.number(),
  meta: shotMetaSchema,
  /** The WebP bytes (redacted: nothing else is ever stored). */
  image: z.instanceof(ArrayBuffer),
});
export type StoredShotRecord = z.infer<typeof storedShotRecordSchema>;

/** Discarded shots of one page for one reason: a running total, and how much of it the server acknowledged. */
export const shotDropTallySchema = z.object({
  ...shotDropReportSchema.shape,
  /** The count the last acknowledged report carried (0: none yet). */
  reported: z.int().nonnegative(),
  /** 1 while count > reported (a sparse index); absent once all is reported. */
  pending: z.literal(1).optional(),
});
export type ShotDropTally = z.infer<typeof shotDropTallySchema>;
