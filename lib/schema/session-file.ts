import { z } from 'zod';
import { actionSchema } from './action';
import { sessionSummarySchema } from './read-api';
import { rrwebEventSchema } from './rrweb-event';

/**
 * A session downloaded from the viewer: everything the read API serves for one
 * session, in one JSON document. The viewer embeds it in a copy of itself
 * (a self-contained HTML file) and can also open it from disk.
 */
export const SESSION_FILE_FORMAT = 'webtrace-session';

export const sessionFileSchema = z.object({
  format: z.literal(SESSION_FILE_FORMAT),
  version: z.literal(1),
  /** Epoch milliseconds. */
  exportedAt: z.number(),
  session: sessionSummarySchema,
  actions: z.array(actionSchema),
  events: z.array(rrwebEventSchema),
});
export type SessionFile = z.infer<typeof sessionFileSchema>;
