import type { Action } from '../../../../lib/schema/action';
import type { SessionSummary } from '../../../../lib/schema/read-api';
import type { RrwebEvent } from '../../../../lib/schema/rrweb-event';
import type { SessionFile } from '../../../../lib/schema/session-file';
import type { ReadClient } from '../api/read-client';

/** Where a session's data comes from: the server, page by page, or a file, all at once. */
export interface SessionSource {
  kind: 'server' | 'file';
  summary: SessionSummary;
  actions(): Promise<Action[]>;
  /** The events in order, in pages, so the replay can start before the last page arrives. */
  eventPages(): AsyncIterable<RrwebEvent[]>;
}

/** Events per request: big enough to be few requests, small enough that the first one arrives quickly. */
export const EVENTS_PAGE_SIZE = 5000;

export function serverSource(client: ReadClient, summary: SessionSummary, signal: AbortSignal, pageSize = EVENTS_PAGE_SIZE): SessionSource {
  return {
    kind: 'server',
    summary,
    actions: () => client.actions(summary.id, signal),
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
