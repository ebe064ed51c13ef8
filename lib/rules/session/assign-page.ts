import { z } from 'zod';
import { isExpired } from './is-expired';

/**
 * Which session and page a page load belongs to. A session is one tab's visit
 * to one site; each full page load in it gets the next page number. The same
 * pageLoadId always gets the same answer, so a recorder that reconnects after
 * the worker restarted carries on where it was.
 *
 * Sessions one tab goes through without an idle break (it moved to another
 * site) share a tab run id, so the viewer can show them as one row.
 */
export const tabSessionSchema = z.object({
  sessionId: z.uuid(),
  /** Absent in records stored before it: the next session of the tab starts a run. */
  tabRunId: z.uuid().optional(),
  site: z.string(),
  nextPage: z.int().min(0),
  lastSeenAt: z.number(),
  /** pageLoadId → page, most recent last; bounded. */
  pages: z.array(z.tuple([z.string(), z.int().min(0)])).max(50),
});
export type TabSession = z.infer<typeof tabSessionSchema>;

export interface TabSessionStore {
  get(tabId: number): Promise<TabSession | null>;
  set(tabId: number, session: TabSession): Promise<void>;
}

export interface PageAssignment {
  sessionId: string;
  page: number;
  tabRunId: string;
}

const MAX_REMEMBERED_PAGES = 50;

export async function assignPage(
  store: TabSessionStore,
  input: { tabId: number; pageLoadId: string; site: string; now: number; idleMs: number },
  newId: () => string,
): Promise<PageAssignment> {
  const current = await store.get(input.tabId);
  const known = current?.pages.find(([id]) => id === input.pageLoadId);
  if (current && known) {
    const tabRunId = current.tabRunId ?? newId();
    await store.set(input.tabId, { ...current, tabRunId, lastSeenAt: input.now });
    return { sessionId: current.sessionId, page: known[1], tabRunId };
  }
  const awake = current !== null && !isExpired(current.lastSeenAt, input.now, input.idleMs);
  const tabRunId = (awake ? current.tabRunId : undefined) ?? newId();
  const base: TabSession =
    awake && current.site === input.site
      ? { ...current, tabRunId }
      : { sessionId: newId(), tabRunId, site: input.site, nextPage: 0, lastSeenAt: input.now, pages: [] };
  const page = base.nextPage;
  await store.set(input.tabId, {
    ...base,
    nextPage: page + 1,
    lastSeenAt: input.now,
    pages: [...base.pages, [input.pageLoadId, page] as [string, number]].slice(-MAX_REMEMBERED_PAGES),
  });
  return { sessionId: base.sessionId, page, tabRunId };
}
