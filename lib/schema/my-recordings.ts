import { z } from 'zod';

/**
 * GET /v1/subjects/:installId/recordings (issue 19, "My data"): what the
 * server holds of one install, authenticated by the install's erasure secret.
 * Counts and times only, never content: per recorded site and UTC day, and in
 * total. Sessions known only from their screenshots count as recordings too.
 */
const count = z.int().nonnegative();

export const uploadedGroupSchema = z.object({
  /** Origin of the recorded site (scheme://host:port), as the chunks name it. */
  site: z.string().max(300),
  /** The UTC day the recordings started, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d\d-\d\d$/, 'day must be YYYY-MM-DD'),
  /** Recordings (sessions) of the site that started that day. */
  recordings: count,
  /** Earliest start and latest end of them (epoch ms). */
  firstAt: z.number().nonnegative(),
  lastAt: z.number().nonnegative(),
  /** Uncompressed bytes of their stored chunks. */
  bytes: count,
  screenshots: count,
});
export type UploadedGroup = z.infer<typeof uploadedGroupSchema>;

export const uploadedRecordingsSchema = z.object({
  installId: z.uuid(),
  /** Newest day first; within a day by site. */
  groups: z.array(uploadedGroupSchema).max(100_000),
  totals: z.object({ recordings: count, bytes: count, screenshots: count }),
});
export type UploadedRecordings = z.infer<typeof uploadedRecordingsSchema>;
