import { z } from 'zod';

/** Columns of a session's activity sparkline, whatever its length. */
export const ACTIVITY_BUCKETS = 24;

/**
 * GET /v1/sessions/:id/outline (read token): what a session was, for the list.
 * The pages it visited (page number, address and title as recorded at load)
 * and how many actions fell in each of ACTIVITY_BUCKETS equal stretches
 * between its first and last event (server/read/session-outline.ts).
 */
export const sessionOutlineSchema = z.object({
  id: z.uuid(),
  pages: z.array(
    z.object({
      page: z.int().nonnegative(),
      url: z.string().nullable(),
      /** The document's <title> in the page's first full snapshot; null when it had none. */
      title: z.string().max(500).nullable(),
    }),
  ),
  activity: z.array(z.int().nonnegative()).length(ACTIVITY_BUCKETS),
});
export type SessionOutline = z.infer<typeof sessionOutlineSchema>;
