import { z } from 'zod';
import { actionFromEvent, type RrwebEvent } from '../../lib/schema/rrweb-event';
import { batchReceiptSchema, batchSchema, consentVersionSchema } from '../../lib/schema/batch';
import { chunkSchema } from '../../lib/schema/chunk';
import { MAX_SUMMARY_TITLES, sessionSummarySchema, type SessionSummary } from '../../lib/schema/read-api';
import { activityBinsSchema } from '../../lib/schema/activity-bins';
import { addToBins, bucketActivity, emptyBins } from '../../lib/rules/summary/activity-bins';
import { snapshotTitle } from '../../lib/rules/summary/snapshot-title';
import { comparePageSeq } from './store-paths';

/** A chunk file: the chunk plus where it came from (kept so data can be traced to an install/org). */
export const storedChunkSchema = chunkSchema.extend({
  batchId: batchSchema.shape.batchId,
  installId: batchSchema.shape.installId,
  orgId: batchSchema.shape.orgId,
  extensionVersion: batchSchema.shape.extensionVersion,
  /** The consent version its batch named (issue 16); absent for batches that named none. */
  consentVersion: batchSchema.shape.consentVersion,
});
export type StoredChunk = z.infer<typeof storedChunkSchema>;

/**
 * batches/<batchId>.json: the receipt of an accepted batch, with who sent it
 * and a digest of what it carried, so a resend of the id is answered only when
 * it is the same batch from the same install. Receipts written before these
 * were kept lack them.
 */
export const storedReceiptSchema = batchReceiptSchema.extend({
  installId: batchSchema.shape.installId.optional(),
  digest: z.string().max(200).optional(),
});
export type StoredReceipt = z.infer<typeof storedReceiptSchema>;

/** meta.json: the read API's summary plus what is needed to keep it up to date. */
export const storedMetaSchema = sessionSummarySchema.omit({ activity: true }).extend({
  chunks: z.int().nonnegative(),
  /** Earliest chunk seen; `url` and `site` come from it even when chunks arrive out of order. */
  first: chunkSchema.pick({ page: true, seq: true }),
  installId: batchSchema.shape.installId,
  orgId: batchSchema.shape.orgId,
  /** The consent versions its chunks were recorded under, sorted; absent while no batch named one. */
  consentVersions: z.array(consentVersionSchema).max(1000).optional(),
  /** Actions over time, for the read API's `activity`; absent in metas stored before it (never started late: it would show half a session). */
  activityBins: activityBinsSchema.optional(),
});
export type StoredMeta = z.infer<typeof storedMetaSchema>;

/** rrweb's EventType: Meta carries the page's href at load time, FullSnapshot the DOM (and its <title>). */
const RRWEB_META_EVENT = 4;
const RRWEB_FULL_SNAPSHOT = 2;

/** The meta after storing `chunk` (`bytes`: size of its file). Pure: callers persist the result. */
export function applyChunk(meta: StoredMeta | null, chunk: StoredChunk, bytes: number): StoredMeta {
  const times = chunk.events.map((e) => e.timestamp);
  const actionCounts = { ...meta?.actionCounts };
  const actionTimes: number[] = [];
  for (const event of chunk.events) {
    const action = actionFromEvent(event);
    if (action) actionCounts[action.type] = (actionCounts[action.type] ?? 0) + 1;
    if (action) actionTimes.push(event.timestamp);
  }
  const bins = meta ? meta.activityBins : emptyBins();
  const earliest = !meta || comparePageSeq(chunk, meta.first) < 0;
  return {
    id: chunk.sessionId,
    site: earliest ? chunk.site : meta.site,
    url: earliest ? (firstUrl(chunk.events) ?? chunk.url) : meta.url,
    startedAt: Math.min(meta?.startedAt ?? Infinity, ...times),
    endedAt: Math.max(meta?.endedAt ?? -Infinity, ...times),
    actionCounts,
    bytes: (meta?.bytes ?? 0) + bytes,
    chunks: (meta?.chunks ?? 0) + 1,
    first: earliest ? { page: chunk.page, seq: chunk.seq } : meta.first,
    // The install that first wrote the session owns it (server/ingest/ingest-batch.ts refuses others).
    installId: meta?.installId ?? chunk.installId,
    orgId: meta ? meta.orgId : chunk.orgId,
    titles: addTitles(meta?.titles ?? [], chunk.events),
    pages: Math.max(meta?.pages ?? 0, chunk.page + 1),
    tabRunId: meta?.tabRunId ?? chunk.tabRunId ?? null,
    ...(bins ? { activityBins: addToBins(bins, actionTimes) } : {}),
    ...consentVersions(meta?.consentVersions, chunk.consentVersion),
  };
}

/** Titles of the chunk's full snapshots not yet known, until MAX_SUMMARY_TITLES (arrival order: batches come in page order). */
function addTitles(known: readonly string[], events: readonly RrwebEvent[]): string[] {
  const titles = [...known];
  for (const event of events) {
    if (titles.length >= MAX_SUMMARY_TITLES) break;
    if (event.type !== RRWEB_FULL_SNAPSHOT) continue;
    const title = snapshotTitle((event.data as { node?: unknown } | null)?.node);
    if (title !== null && !titles.includes(title)) titles.push(title);
  }
  return titles;
}

function consentVersions(known: readonly string[] | undefined, version: string | undefined): Pick<StoredMeta, 'consentVersions'> {
  if (version === undefined || known?.includes(version)) return known ? { consentVersions: [...known] } : {};
  return { consentVersions: [...(known ?? []), version].sort() };
}

function firstUrl(events: readonly RrwebEvent[]): string | undefined {
  for (const event of events) {
    const href = (event.data as { href?: unknown } | null)?.href;
    if (event.type === RRWEB_META_EVENT && typeof href === 'string') return href;
  }
  return undefined;
}

/** Only the read API's fields, in its shape. */
export function toSummary(meta: StoredMeta): SessionSummary {
  const { id, site, url, startedAt, endedAt, actionCounts, bytes, titles, pages, activityBins, tabRunId } = meta;
  const activity = activityBins ? bucketActivity(activityBins, startedAt, endedAt) : [];
  return { id, site, url, startedAt, endedAt, actionCounts, bytes, titles, pages, activity, tabRunId };
}
