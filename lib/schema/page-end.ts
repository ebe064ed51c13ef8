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

export function pageEndEvent(timestamp: number, reason: PageEndReason): RrwebEvent {
  return { type: RRWEB_CUSTOM_EVENT, timestamp, data: { tag: PAGE_END_EVENT_TAG, payload: { reason } } };
}

export function isPageEndEvent(event: RrwebEvent): boolean {
  return event.type === RRWEB_CUSTOM_EVENT && (event.data as { tag?: unknown } | null)?.tag === PAGE_END_EVENT_TAG;
}
