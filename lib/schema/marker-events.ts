import type { RrwebEvent } from './rrweb-event';
import { RRWEB_CUSTOM_EVENT } from './rrweb-event-type';

/**
 * The recorder's own marker events (rrweb custom events) as plain values: the
 * page-end marker (lib/schema/page-end.ts) and the depth-cut marker
 * (lib/schema/depth-cut.ts), whose payload schemas live there. Kept free of
 * zod so the recorder builds no schema it never parses with. The payloads'
 * types are those schemas' (PageEndReason, RecorderPageStats, DepthCut), spelled
 * out here so this module imports none of them.
 */
export { RRWEB_CUSTOM_EVENT };
export const PAGE_END_EVENT_TAG = 'webtrace.page-end';
export const PAGE_END_REASONS = ['pagehide', 'stop'] as const;
export const DEPTH_CUT_EVENT_TAG = 'webtrace.depth-cut';

export function pageEndEvent(
  timestamp: number,
  reason: (typeof PAGE_END_REASONS)[number],
  stats?: { untrustedEvents: number },
): RrwebEvent {
  return { type: RRWEB_CUSTOM_EVENT, timestamp, data: { tag: PAGE_END_EVENT_TAG, payload: stats ? { reason, stats } : { reason } } };
}

export function isPageEndEvent(event: RrwebEvent): boolean {
  return event.type === RRWEB_CUSTOM_EVENT && (event.data as { tag?: unknown } | null)?.tag === PAGE_END_EVENT_TAG;
}

export function depthCutEvent(timestamp: number, cut: { placeholders: number; omitted: number; maxDepth: number }): RrwebEvent {
  return { type: RRWEB_CUSTOM_EVENT, timestamp, data: { tag: DEPTH_CUT_EVENT_TAG, payload: cut } };
}
