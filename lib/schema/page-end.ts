import { z } from 'zod';
import { RRWEB_CUSTOM_EVENT, type RrwebEvent } from './rrweb-event';

/**
 * The marker a recorder puts in a page's last chunk (on pagehide, or when it
 * is stopped), so the server can tell a page that ended from one whose last
 * chunks have not arrived. It travels as an rrweb custom event, like actions.
 */
export const PAGE_END_EVENT_TAG = 'webtrace.page-end';
export const PAGE_END_REASONS = ['pagehide', 'stop'] as const;
export const pageEndReasonSchema = z.enum(PAGE_END_REASONS);
export type PageEndReason = z.infer<typeof pageEndReasonSchema>;

/**
 * What the page's recorder counted, carried by the page-end marker:
 * `untrustedEvents`, the input events a page script dispatched (isTrusted
 * false: el.click(), dispatchEvent) that were not recorded as actions.
 */
export const recorderPageStatsSchema = z.object({ untrustedEvents: z.int().nonnegative() });
export type RecorderPageStats = z.infer<typeof recorderPageStatsSchema>;

export const pageEndPayloadSchema = z.object({ reason: pageEndReasonSchema, stats: recorderPageStatsSchema.optional() });

export function pageEndEvent(timestamp: number, reason: PageEndReason, stats?: RecorderPageStats): RrwebEvent {
  return { type: RRWEB_CUSTOM_EVENT, timestamp, data: { tag: PAGE_END_EVENT_TAG, payload: stats ? { reason, stats } : { reason } } };
}

export function isPageEndEvent(event: RrwebEvent): boolean {
  return event.type === RRWEB_CUSTOM_EVENT && (event.data as { tag?: unknown } | null)?.tag === PAGE_END_EVENT_TAG;
}
