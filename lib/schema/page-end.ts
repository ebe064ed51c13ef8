import { z } from 'zod';
import { isPageEndEvent, PAGE_END_EVENT_TAG, PAGE_END_REASONS, pageEndEvent } from './marker-events';

/**
 * The marker a recorder puts in a page's last chunk (on pagehide, or when it
 * is stopped), so the server can tell a page that ended from one whose last
 * chunks have not arrived. It travels as an rrweb custom event, like actions.
 */
export { isPageEndEvent, PAGE_END_EVENT_TAG, PAGE_END_REASONS, pageEndEvent };

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
