import { ACTIVITY_BUCKETS, type SessionOutline } from '../../lib/schema/session-outline';
import { actionFromEvent, type RrwebEvent } from '../../lib/schema/rrweb-event';

/** rrweb's EventType: FullSnapshot carries the DOM, Meta the page's href. */
const FULL_SNAPSHOT = 2;
const META = 4;
/** rrweb's serialized NodeType: Element and Text. */
const ELEMENT_NODE = 2;
const TEXT_NODE = 3;
const MAX_TITLE = 500;
/** Nodes looked at while searching a snapshot for <title>: it is in <head>, near the top. */
const MAX_NODES = 2_000;

interface SerializedNode {
  type?: unknown;
  tagName?: unknown;
  textContent?: unknown;
  childNodes?: unknown;
}

/** The text of the first <title> of a serialized document, breadth first and bounded. */
export function snapshotTitle(root: unknown): string | null {
  const queue: unknown[] = [root];
  for (let seen = 0; queue.length > 0 && seen < MAX_NODES; seen++) {
    const node = queue.shift() as SerializedNode | null;
    if (!node || typeof node !== 'object') continue;
    if (node.type === ELEMENT_NODE && typeof node.tagName === 'string' && node.tagName.toLowerCase() === 'title') {
      const text = (Array.isArray(node.childNodes) ? node.childNodes : [])
        .map((c: SerializedNode) => (c?.type === TEXT_NODE && typeof c.textContent === 'string' ? c.textContent : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      return text ? text.slice(0, MAX_TITLE) : null;
    }
    if (Array.isArray(node.childNodes)) queue.push(...node.childNodes);
  }
  return null;
}

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
