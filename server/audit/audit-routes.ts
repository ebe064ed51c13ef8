import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { auditEntrySchema } from '../../lib/schema/audit-entry';
import { dateOrMsSchema } from '../../lib/schema/date-or-ms';
import { intParam, parseOr400 } from '../http/parse-request';
import type { AuditLog } from './audit-log';
import { processingFactsSchema, type ProcessingFacts } from './processing-facts';
import { buildProcessingRecord, type ProcessingRecord } from './processing-record';
import { verifyAuditLog, type VerifyResult } from './verify-audit-log';

export const auditQuerySchema = z
  .object({
    /** Entries at or after `from` and before `to`: ISO date or epoch ms. */
    from: dateOrMsSchema.optional(),
    to: dateOrMsSchema.optional(),
    limit: intParam(1, 10_000).default(1000),
    /** The previous page's `next`. */
    after: intParam(0, 1_000_000_000).optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'must not be after "to"', path: ['from'] });

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), next: z.int().nonnegative().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;

export interface AuditRoutesOptions {
  log: AuditLog;
  /** The admin-token check (the integrator's); run before every route here. */
  requireAdmin: preHandlerAsyncHookHandler;
  /** The facts in force, read on each request (settings can change). */
  processingFacts: () => ProcessingFacts;
  now?: () => number;
}

/**
 * The admin's view of the audit trail: the log itself, its verification, and
 * the Art. 30 record built from the settings in force. The guard is on each
 * route, so registering the plugin without encapsulation cannot leave a route open.
 */
export async function auditRoutes(app: FastifyInstance, opts: AuditRoutesOptions): Promise<void> {
  const guard = { preHandler: opts.requireAdmin };
  const now = opts.now ?? Date.now;

  app.get('/v1/admin/audit', guard, async (request): Promise<AuditPage> => {
    const q = parseOr400(auditQuerySchema, request.query, 'invalid_query');
    return opts.log.entries({ from: q.from, to: q.to, limit: q.limit, afterSeq: q.after });
  });

  app.get('/v1/admin/audit/verify', guard, async (): Promise<VerifyResult> => verifyAuditLog(opts.log.paths.dataDir));

  app.get('/v1/admin/processing-record', guard, async (): Promise<ProcessingRecord> => {
    // The facts come from settings: checked here too, so a bad setting is a clear failure, not a wrong record.
    return buildProcessingRecord(processingFactsSchema.parse(opts.processingFacts()), now());
  });
}
