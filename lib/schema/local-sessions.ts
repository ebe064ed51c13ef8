import { z } from 'zod';
import { actionTypeSchema } from './action';

/** A recording still on this machine, as the My data page lists it. */
export const localSessionSchema = z.object({
  sessionId: z.uuid(),
  site: z.string(),
  startedAt: z.number(),
  endedAt: z.number(),
  actions: z.int().nonnegative(),
  actionCounts: z.partialRecord(actionTypeSchema, z.int().nonnegative()),
  bytes: z.int().nonnegative(),
  chunks: z.int().nonnegative(),
  /** Redacted screenshots of it still on this machine (issue 15). */
  shots: z.int().nonnegative().optional(),
  /** waiting: queued for upload; rejected: the server refused part of it (kept, never retried). */
  state: z.enum(['waiting', 'rejected']),
});
export type LocalSession = z.infer<typeof localSessionSchema>;
