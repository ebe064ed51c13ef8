import { randomUUID } from 'node:crypto';
import type { Action } from '../../lib/schema/action';
import type { SessionSummary } from '../../lib/schema/read-api';
import type { RrwebEvent } from '../../lib/schema/rrweb-event';
import { shotImagePath, type StoredShot } from '../../lib/schema/screenshot';
import { querySessions, siteCounts } from '../../server/read/query-sessions';
import { parseOr400 } from '../../server/http/parse-request';
import { sessionListQuerySchema } from '../../server/read/read-params';
import type { ReadClient } from '../../server/viewer/web/api/read-client';
import { ReadApiError } from '../../server/viewer/web/api/read-api-error';

/** `n` sessions over `sites`, one a minute from `t0`, with varied sizes and action counts. */
export function makeSummaries(n: number, sites: string[], t0 = Date.UTC(2025, 10, 1)): SessionSummary[] {
  return Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    site: sites[i % sites.length]!,
    url: `${sites[i % sites.length]}/page/${i}`,
    startedAt: t0 + i * 60_000,
    endedAt: t0 + i * 60_000 + 1000 * ((i * 7) % 300),
    actionCounts: { click: i % 13, type: i % 5 },
    bytes: 1000 + ((i * 7919) % 100_000),
    titles: [`Page ${i}`],
    pages: 1 + (i % 3),
    activity: [],
    tabRunId: null,
  }));
}

/** A read client over in-memory data, answering lists with the server's own query code. */
export function fakeReadClient(data: {
  sessions: SessionSummary[];
  actions?: Action[];
  events?: RrwebEvent[];
  shots?: StoredShot[];
  failWith?: ReadApiError;
}): ReadClient & { calls: string[] } {
  const calls: string[] = [];
  const fail = () => {
    if (data.failWith) throw data.failWith;
  };
  return {
    calls,
    async sessions(query) {
      calls.push(`sessions?${query}`);
      fail();
      return querySessions(data.sessions, parseOr400(sessionListQuerySchema, Object.fromEntries(query), 'invalid_query'));
    },
    async sites() {
      fail();
      return { sites: siteCounts(data.sessions) };
    },
    async session(id) {
      fail();
      const found = data.sessions.find((s) => s.id === id);
      if (!found) throw new ReadApiError('not_found', 404, `no session ${id}`);
      return found;
    },
    async actions() {
      fail();
      return data.actions ?? [];
    },
    async completeness(id) {
      fail();
      return { id, complete: true, pages: [{ page: 0, chunks: 1, lastSeq: 0, ended: true }], gaps: [], openPages: [] };
    },
    async outline(id) {
      fail();
      return { id, pages: [{ page: 0, url: null, title: null }], activity: new Array<number>(24).fill(0) };
    },
    async eventsPage(_id, offset, limit) {
      fail();
      const all = data.events ?? [];
      const events = all.slice(offset, offset + limit);
      return { events, next: offset + events.length < all.length ? offset + events.length : null };
    },
    async shots() {
      fail();
      if (!data.shots) throw new ReadApiError('not_found', 404, 'no screenshots here');
      return data.shots;
    },
    shotImageUrl: (key) => `http://viewer.test/${shotImagePath(key).slice(1)}`,
  };
}
