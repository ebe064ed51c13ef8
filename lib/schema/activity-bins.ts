import { z } from 'zod';

/**
 * A stored session summary's activity: how many actions fell in each bin of
 * `binMs` milliseconds, as [bin index (floor(t / binMs)), count] pairs in
 * index order. Kept at ingest (lib/rules/summary/activity-bins.ts) so the
 * list's sparkline never re-reads a session's chunks.
 */
export const activityBinsSchema = z.object({
  binMs: z.int().positive(),
  counts: z.array(z.tuple([z.int(), z.int().positive()])).max(1_000),
});
export type ActivityBins = z.infer<typeof activityBinsSchema>;
