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
