import { z } from 'zod';
import { chunkKeySchema } from './chunk';

/**
 * Screenshots the worker discarded (issue 15), reported so that a session's
 * completeness says how many shots were given up and why. A report is the
 * running total for one (session, page, reason): resending it, or an older
 * one, changes nothing on the server, which keeps the highest count.
 */
export const SHOT_DROP_REASONS = {
  /** The page refused (not visible, focus in a protected field, IME, moving, the indicator not hidden) or had no viewport. */
  precondition: 'precondition',
  /** The page did not answer the region request in time. */
  pageSilent: 'page-silent',
  /** The two region reports differed, or the page flagged a change between them: discarded undecoded. */
  regionsChanged: 'regions-changed',
  /** The browser's capture quota refused the call. */
  quota: 'quota',
  /** The capture failed otherwise (another tab came to the front, no permission). */
  captureFailed: 'capture-failed',
  /** Decoding, redacting or encoding failed, or gave the wrong type: fail closed. */
  redactionFailed: 'redaction-failed',
  /** Local storage was over its cap. */
  storageFull: 'storage-full',
  /** Evicted from the local shot store before upload (its cap, or the queue's). */
  evicted: 'evicted',
} as const;
export type ShotDropReason = (typeof SHOT_DROP_REASONS)[keyof typeof SHOT_DROP_REASONS];

export const shotDropReportSchema = z.object({
  sessionId: chunkKeySchema.shape.sessionId,
  page: chunkKeySchema.shape.page,
  /** One of SHOT_DROP_REASONS; any short token is accepted so a newer extension is never refused for it. */
  reason: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'reason must be a short lower-case token'),
  /** Shots dropped for this reason on this page so far (a running total). */
  count: z.int().min(1).max(1_000_000_000),
  at: z.number(),
});
export type ShotDropReport = z.infer<typeof shotDropReportSchema>;

/** Shot drop reports carried by one batch at most. */
export const MAX_SHOT_DROP_REPORTS_PER_BATCH = 100;

/** The completeness report's shot drops: per reason, summed over the pages. */
export const shotDropTotalsSchema = z.record(z.string(), z.int().nonnegative());

/** Sums reports (each the highest count seen for its session, page and reason) per reason. */
export function shotDropTotals(reports: readonly Pick<ShotDropReport, 'reason' | 'count'>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reports) out[r.reason] = (out[r.reason] ?? 0) + r.count;
  return out;
}
