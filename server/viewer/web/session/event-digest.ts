import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';

/** rrweb's EventType.Meta: one per page load, with the page's URL. */
const RRWEB_META = 4;

/** A stretch with no events at all: the recorder was paused, the tab hidden, or the site left. */
export interface Gap {
  start: number;
  end: number;
}

/** A page load (offsets are ms since the session's start). */
export interface PageMark {
  offset: number;
  href: string;
}

export interface EventDigest {
  readonly count: number;
  /** Offset of the latest event seen so far: how far the replay can go. */
  readonly loadedUntil: number;
  readonly gaps: readonly Gap[];
  readonly pages: readonly PageMark[];
  add(events: readonly RrwebEvent[]): void;
}

/**
 * What the timeline needs to know about the events, built page by page as
 * they load. A gap is any silence of at least `minGapMs` (rrweb emits
 * something for every change, scroll and sampled mouse move).
 */
export function createEventDigest(origin: number, minGapMs: number): EventDigest {
  const gaps: Gap[] = [];
  const pages: PageMark[] = [];
  let latest = Number.NEGATIVE_INFINITY;
  let count = 0;
  return {
    get count() {
      return count;
    },
    get loadedUntil() {
      return count === 0 ? 0 : Math.max(0, latest - origin);
    },
    gaps,
    pages,
    add(events) {
      for (const e of events) {
        if (count > 0 && e.timestamp - latest >= minGapMs) gaps.push({ start: latest - origin, end: e.timestamp - origin });
        if (e.type === RRWEB_META) {
          const href = (e.data as { href?: unknown } | null)?.href;
          pages.push({ offset: Math.max(0, e.timestamp - origin), href: typeof href === 'string' ? href : '' });
        }
        latest = Math.max(latest, e.timestamp);
        count += 1;
      }
    },
  };
}
