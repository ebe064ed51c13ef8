import { z } from 'zod';
import { actionSchema, actionTypeSchema } from './action';
import { rrwebEventSchema } from './rrweb-event';
import { ACTIVITY_BUCKETS } from './session-outline';
import { shotDropTotalsSchema } from './shot-drops';

/** Distinct page titles a summary keeps, in the order they were first stored. */
export const MAX_SUMMARY_TITLES = 5;

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
  /**
   * What the list shows of a session, kept up to date at ingest. Summaries
   * stored before these fields existed parse with the defaults: no titles,
   * 0 pages and an empty `activity` (the viewer then asks /outline instead).
   */
  /** Distinct <title>s of its pages' full snapshots, at most MAX_SUMMARY_TITLES. */
  titles: z.array(z.string().max(500)).max(MAX_SUMMARY_TITLES).default([]),
  /** Page loads in the session: its highest page number + 1. */
  pages: z.int().nonnegative().default(0),
  /** Actions in each of ACTIVITY_BUCKETS equal stretches from startedAt to endedAt; empty: not known (an older summary). */
  activity: z
    .array(z.int().nonnegative())
    .refine((a) => a.length === 0 || a.length === ACTIVITY_BUCKETS, `activity has ${ACTIVITY_BUCKETS} buckets or none`)
    .default([]),
  /** The tab's run of sessions it belongs to (lib/schema/chunk.ts); null: recorded before runs were kept. */
  tabRunId: z.uuid().nullable().default(null),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

/** One session of a stitched row: what the row names and links it by. */
export const sessionPartSchema = sessionSummarySchema.pick({
  id: true,
  site: true,
  url: true,
  startedAt: true,
  endedAt: true,
  titles: true,
  pages: true,
});
export type SessionPart = z.infer<typeof sessionPartSchema>;

/**
 * A row of GET /v1/sessions?stitch=tab: the sessions of one tab run as one
 * summary (the first session's id, site and url; counts, bytes and pages
 * summed; one activity over the whole span), with `parts` in start order.
 * Without `stitch` a row is one session and has no `parts`.
 */
export const sessionRowSchema = sessionSummarySchema.extend({ parts: z.array(sessionPartSchema).min(1).optional() });
export type SessionRow = z.infer<typeof sessionRowSchema>;

/** GET /v1/sessions: one page of the matching rows; `total` counts every matching row (for paging). */
export const sessionListSchema = z.object({
  sessions: z.array(sessionRowSchema),
  total: z.int().nonnegative(),
});
/** An action as the read API lists it: with the page (load) it was recorded on; absent from servers before it. */
export const sessionActionSchema = actionSchema.safeExtend({ page: z.int().nonnegative().optional() });
export type SessionAction = z.infer<typeof sessionActionSchema>;
export const sessionActionsSchema = z.object({ actions: z.array(sessionActionSchema) });
export const sessionEventsSchema = z.array(rrwebEventSchema);

/** GET /v1/sessions: what the list can be sorted by, and in which direction. */
export const SESSION_SORT_KEYS = ['start', 'duration', 'actions', 'bytes', 'site'] as const;
export const sessionSortSchema = z.enum(SESSION_SORT_KEYS);
export type SessionSort = z.infer<typeof sessionSortSchema>;
export const sortOrderSchema = z.enum(['asc', 'desc']);
export type SortOrder = z.infer<typeof sortOrderSchema>;
/** Without an explicit order: sites A to Z, everything else newest / longest / biggest first. */
export const defaultSortOrder = (sort: SessionSort): SortOrder => (sort === 'site' ? 'asc' : 'desc');

/** GET /v1/sessions/:id/events?offset=&limit=: one page of events; `next` is the next page's offset, null at the end. */
export const sessionEventsPageSchema = z.object({
  events: z.array(rrwebEventSchema),
  next: z.int().nonnegative().nullable(),
});
export type SessionEventsPage = z.infer<typeof sessionEventsPageSchema>;

/** GET /v1/sites: every recorded site with its number of sessions, most sessions first. */
export const siteListSchema = z.object({
  sites: z.array(z.object({ site: z.string(), sessions: z.int().nonnegative() })),
});
export type SiteList = z.infer<typeof siteListSchema>;

/** POST and GET /v1/viewer/session: the viewer is signed in; until when (null: signed in with a bearer token, no session). */
export const viewerSessionSchema = z.object({
  signedIn: z.literal(true),
  expiresAt: z.iso.datetime().nullable(),
});
export type ViewerSession = z.infer<typeof viewerSessionSchema>;

/** GET /v1/stats: the server's in-memory ingest counters (reset when it restarts). */
const count = z.int().nonnegative();
export const ingestStatsSchema = z.object({
  /** Batches processed and acknowledged for the first time. */
  batchesAccepted: count,
  /** Resent batches answered from their stored receipt (nothing written). */
  duplicateBatches: count,
  chunksStored: count,
  /** Chunks skipped inside accepted batches because their (sessionId, page, seq) was already stored. */
  chunkDuplicates: count,
  /** Screenshots stored (issue 15), and resends of stored ones answered `duplicate: true`; 0 from servers before them. */
  shotsStored: count.default(0),
  shotDuplicates: count.default(0),
  /** Rejected uploads by error code (unauthorized, invalid_batch, payload_too_large…). */
  rejected: z.record(z.string(), count),
});
export type IngestStats = z.infer<typeof ingestStatsSchema>;

/**
 * GET /v1/sessions/:id/completeness: whether every chunk of the session is on
 * the server, and where it is not (server/read/completeness.ts).
 */
export const chunkGapSchema = z.object({
  page: z.int().nonnegative(),
  fromSeq: z.int().nonnegative(),
  /** null: to the end of the page (a whole page, or a page's tail the device dropped). */
  toSeq: z.int().nonnegative().nullable(),
  /** Why, when the device reported dropping these chunks (lib/schema/dropped-chunks.ts); null: unexplained. */
  reason: z.string().nullable(),
});
export type ChunkGap = z.infer<typeof chunkGapSchema>;
export const pageCompletenessSchema = z.object({
  page: z.int().nonnegative(),
  chunks: z.int().nonnegative(),
  lastSeq: z.int().nonnegative().nullable(),
  /** The page's last chunk carries the recorder's page-end marker (or the device reported its tail dropped). */
  ended: z.boolean(),
});
export const sessionCompletenessSchema = z.object({
  id: z.uuid(),
  /** No gaps and every page ended: nothing of this session is missing or still to come. */
  complete: z.boolean(),
  pages: z.array(pageCompletenessSchema),
  /** Missing chunks, in (page, seq) order. */
  gaps: z.array(chunkGapSchema),
  /** Pages without a page-end marker: still recording, cut short (recording turned off, a crash), or their last chunks are missing. */
  openPages: z.array(z.int().nonnegative()),
  /** Screenshots stored for the session (issue 15); absent from servers before them. */
  shots: z.int().nonnegative().optional(),
  /** Screenshots the device discarded, per reason (lib/schema/shot-drops.ts); absent from servers before them. */
  shotDrops: shotDropTotalsSchema.optional(),
});
export type SessionCompleteness = z.infer<typeof sessionCompletenessSchema>;
