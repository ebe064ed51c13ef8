import { z } from 'zod';
import { chunkKeySchema } from '../../lib/schema/chunk';
import { sessionSortSchema, sortOrderSchema } from '../../lib/schema/read-api';
import { intParam } from '../http/parse-request';

/** Epoch milliseconds (what the summaries' startedAt/endedAt are in). */
const epochMsParam = z
  .string()
  .regex(/^\d{1,15}$/, 'must be epoch milliseconds (a non-negative integer)')
  .transform(Number);

export const sessionListQuerySchema = z
  .object({
    site: z.string().min(1).max(300).optional(),
    limit: intParam(1, 1000).default(100),
    offset: intParam(0, 1_000_000_000).default(0),
    /** Sessions that started at or after `from` and before `to`. */
    from: epochMsParam.optional(),
    to: epochMsParam.optional(),
    sort: sessionSortSchema.default('start'),
    /** Default: defaultSortOrder(sort). */
    order: sortOrderSchema.optional(),
    /** Only the sessions of this tab run (lib/rules/session/assign-page.ts). */
    tabRun: z.uuid().toLowerCase().optional(),
    /** `tab`: one row per tab run (server/read/stitch-sessions.ts); absent: one row per session. */
    stitch: z.literal('tab').optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'must not be after "to"',
    path: ['from'],
  });
export type SessionListQuery = z.output<typeof sessionListQuerySchema>;

/** Without offset/limit the events endpoint answers with the whole array (its original form). */
export const eventsQuerySchema = z.object({
  offset: intParam(0, 1_000_000_000).optional(),
  limit: intParam(1, 20_000).optional(),
});
export const DEFAULT_EVENTS_PAGE = 5000;

export const sessionParamsSchema = z.object({ id: chunkKeySchema.shape.sessionId });
