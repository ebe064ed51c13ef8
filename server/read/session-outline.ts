import { ACTIVITY_BUCKETS, type SessionOutline } from '../../lib/schema/session-outline';
import { actionFromEvent, type RrwebEvent } from '../../lib/schema/rrweb-event';
import { snapshotTitle } from '../../lib/rules/summary/snapshot-title';

/** rrweb's EventType: FullSnapshot carries the DOM, Meta the page's href. */
const FULL_SNAPSHOT = 2;
const META = 4;

/**
 * Builds a session's outline chunk by chunk (chunks in page, seq order), so a
 * session of any size costs a few numbers per page, never its events.
 */
export function createOutlineBuilder(id: string, startedAt: number, endedAt: number) {
  const pages = new Map<number, SessionOutline['pages'][number]>();
  const activity = new Array<number>(ACTIVITY_BUCKETS).fill(0);
  const span = Math.max(1, endedAt - startedAt);
  return {
    add(page: number, events: readonly RrwebEvent[]): void {
      const entry = pages.get(page) ?? { page, url: null, title: null };
      pages.set(page, entry);
      for (const event of events) {
        const data = event.data as { href?: unknown; node?: unknown } | null;
        if (event.type === META && entry.url === null && typeof data?.href === 'string') entry.url = data.href;
        if (event.type === FULL_SNAPSHOT && entry.title === null) entry.title = snapshotTitle(data?.node);
        if (actionFromEvent(event)) {
          const at = Math.floor(((event.timestamp - startedAt) / span) * ACTIVITY_BUCKETS);
          activity[Math.max(0, Math.min(ACTIVITY_BUCKETS - 1, at))]! += 1;
        }
      }
    },
    result(): SessionOutline {
      return { id, pages: [...pages.values()].sort((a, b) => a.page - b.page), activity };
    },
  };
}
