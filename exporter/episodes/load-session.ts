import { ACTION_EVENT_TAG, actionSchema, type Action } from '../../lib/schema/action';
import { RRWEB_CUSTOM_EVENT, type RrwebEvent } from '../../lib/schema/rrweb-event';
import { chunkFileName } from '../../server/store/store-paths';
import type { InputProblem, StoreReader } from '../store/store-reader';

/** rrweb's event types and incremental sources the exporter reads. */
export const RR = { FullSnapshot: 2, Incremental: 3, Meta: 4, Scroll: 3, ViewportResize: 4, Input: 5 } as const;

/** One recorded action with where it sits in the session's event stream. */
export interface SessionAction {
  action: Action;
  /** Index of its custom event in `events`. */
  index: number;
  /** The recorded site of the chunk it came in. */
  site: string;
  page: number;
}

export interface SessionData {
  events: RrwebEvent[];
  actions: SessionAction[];
  problems: InputProblem[];
}

/**
 * A session's events and actions in stream order. A chunk that cannot be read
 * is reported, and the rest of its page is left out: later events of that
 * page refer to nodes the missing chunk created, so they cannot be replayed
 * faithfully (the next page starts from its own full snapshot). An action
 * event that does not parse is reported and skipped.
 */
export async function loadSession(reader: StoreReader, sessionId: string): Promise<SessionData> {
  const events: RrwebEvent[] = [];
  const actions: SessionAction[] = [];
  const problems: InputProblem[] = [];
  let brokenPage: number | null = null;
  for await (const read of reader.readChunks(sessionId)) {
    if (!read.ok) {
      problems.push(read.problem);
      brokenPage = read.key.page;
      continue;
    }
    const chunk = read.chunk;
    if (brokenPage === chunk.page) continue;
    for (const [k, event] of chunk.events.entries()) {
      if (event.type === RRWEB_CUSTOM_EVENT && (event.data as { tag?: unknown } | null)?.tag === ACTION_EVENT_TAG) {
        const parsed = actionSchema.safeParse((event.data as { payload?: unknown }).payload);
        if (!parsed.success) {
          const name = `sessions/${sessionId}/chunks/${chunkFileName(chunk)} event ${k}`;
          problems.push({ what: 'action', name, reason: parsed.error.issues[0]?.message ?? 'invalid action' });
          continue;
        }
        actions.push({ action: parsed.data, index: events.length, site: chunk.site, page: chunk.page });
      }
      events.push(event);
    }
  }
  return { events, actions, problems };
}
