import { z } from 'zod';
import { shotMetaSchema } from '../schema/screenshot';

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
