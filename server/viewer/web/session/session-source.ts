import type { Action } from '../../../../lib/schema/action';
import type { SessionSummary } from '../../../../lib/schema/read-api';
import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import type { SessionFile } from '../../../../lib/schema/session-file';
import type { StoredShot } from '../../../../lib/schema/screenshot';
import type { ReadClient } from '../api/read-client';
import { ReadApiError } from '../api/read-api-error';

/** Where a session's data comes from: the server, page by page, or a file, all at once. */
export interface SessionSource {
  kind: 'server' | 'file';
  summary: SessionSummary;
  actions(): Promise<Action[]>;
  /** The events in order, in pages, so the replay can start before the last page arrives. */
  eventPages(): AsyncIterable<RrwebEvent[]>;
  /** The session's captured screenshots, oldest first, with where each image is; none for a downloaded file. */
  shots?(): Promise<Array<{ shot: StoredShot; url: string }>>;
}

/** Events per request: big enough to be few requests, small enough that the first one arrives quickly. */
export const EVENTS_PAGE_SIZE = 5000;

export function serverSource(client: ReadClient, summary: SessionSummary, signal: AbortSignal, pageSize = EVENTS_PAGE_SIZE): SessionSource {
  return {
    kind: 'server',
    summary,
    actions: () => client.actions(summary.id, signal),
    async shots() {
      try {
        return (await client.shots(summary.id, signal)).map((shot) => ({ shot, url: client.shotImageUrl(shot) }));
      } catch (err) {
        // A server without screenshots (an older one, or a session with none) has nothing to show.
        if (err instanceof ReadApiError && err.kind === 'not_found') return [];
        throw err;
      }
    },
    async *eventPages() {
      let offset: number | null = 0;
      while (offset !== null) {
        const page = await client.eventsPage(summary.id, offset, pageSize, signal);
        if (page.events.length > 0) yield page.events;
        offset = page.next;
      }
    },
  };
}

export function fileSource(file: SessionFile): SessionSource {
  return {
    kind: 'file',
    summary: file.session,
    actions: async () => file.actions,
    async *eventPages() {
      yield file.events;
    },
  };
}
