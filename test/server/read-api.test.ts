import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActionType } from '../../lib/schema/action';
import { errorBodySchema } from '../../lib/schema/batch';
import {
  sessionEventsPageSchema,
  sessionEventsSchema,
  sessionListSchema,
  sessionSummarySchema,
  siteListSchema,
} from '../../lib/schema/read-api';
import { makeBatch, makeChunk, newSessionId, SITE } from './fixtures';
import { getJson, postBatch, useTempApp } from './harness';

const env = useTempApp();
const OTHER = 'https://other.example';

/** Three sessions on SITE and one on OTHER, with distinct start times, durations, sizes and action counts. */
async function seed() {
  const spec: Array<{ t0: number; actions: ActionType[]; site?: string }> = [
    { t0: 1_000, actions: ['click'] },
    { t0: 5_000, actions: ['click', 'type', 'type', 'select', 'scroll'] },
    { t0: 3_000, actions: ['navigate', 'click', 'click'] },
    { t0: 4_000, actions: [], site: OTHER },
  ];
  const ids = spec.map(() => newSessionId());
  const chunks = spec.map((s, i) => ({
    ...makeChunk({ sessionId: ids[i]!, t0: s.t0, actions: s.actions }),
    ...(s.site ? { site: s.site } : {}),
  }));
  expect((await postBatch(env.app, makeBatch(chunks))).statusCode).toBe(200);
  return { one: ids[0]!, five: ids[1]!, three: ids[2]!, other: ids[3]! };
}

async function list(query: string) {
  const res = await getJson(env.app, `/v1/sessions${query}`);
  expect(res.statusCode, `${query}: ${res.body}`).toBe(200);
  return sessionListSchema.parse(res.json());
}
const ids = async (query: string) => (await list(query)).sessions.map((s) => s.id);

describe('GET /v1/sessions: filter, sort, page, total', () => {
  it('keeps its default: newest first, every session, with the total', async () => {
    const s = await seed();
    expect(await list('')).toMatchObject({ total: 4 });
    expect(await ids('')).toEqual([s.five, s.other, s.three, s.one]);
  });

  it('filters by start time: from inclusive, to exclusive, combined with site', async () => {
    const s = await seed();
    expect(await ids('?from=3000')).toEqual([s.five, s.other, s.three]);
    expect(await ids('?to=3000')).toEqual([s.one]);
    expect(await ids('?from=3000&to=5000')).toEqual([s.other, s.three]);
    expect(await ids(`?from=3000&to=5000&site=${encodeURIComponent(SITE)}`)).toEqual([s.three]);
    expect(await list('?from=3000&to=3000')).toEqual({ sessions: [], total: 0 });
  });

  it('sorts by start, duration, actions, size and site, each way, with a stable tiebreak', async () => {
    const s = await seed();
    expect(await ids('?sort=start&order=asc')).toEqual([s.one, s.three, s.other, s.five]);
    expect(await ids('?sort=actions')).toEqual([s.five, s.three, s.one, s.other]);
    expect(await ids('?sort=actions&order=asc')).toEqual([s.other, s.one, s.three, s.five]);
    // More actions: more events, longer and bigger (the fixture spaces events 10 ms apart).
    expect(await ids('?sort=duration')).toEqual([s.five, s.three, s.one, s.other]);
    expect(await ids('?sort=bytes&order=asc')).toEqual([s.other, s.one, s.three, s.five]);
    // Sites A to Z by default; equal sites newest first.
    expect(await ids('?sort=site')).toEqual([s.five, s.three, s.one, s.other]);
    expect(await ids('?sort=site&order=desc')).toEqual([s.other, s.five, s.three, s.one]);
  });

  it('pages through the sorted matches, reporting the total of all matches on every page', async () => {
    await seed();
    const all = await ids('?sort=bytes');
    const pages = [
      await list('?sort=bytes&limit=3'),
      await list('?sort=bytes&limit=3&offset=3'),
      await list('?sort=bytes&limit=3&offset=6'),
    ];
    expect(pages.map((p) => p.total)).toEqual([4, 4, 4]);
    expect(pages.flatMap((p) => p.sessions.map((x) => x.id))).toEqual(all);
    expect(pages[2]!.sessions).toEqual([]);
  });

  it('rejects bad dates, sorts and orders with a 400 naming the parameter', async () => {
    const cases: Array<[string, RegExp]> = [
      ['?from=yesterday', /^from: /],
      ['?to=-5', /^to: /],
      ['?from=1.5', /^from: /],
      ['?from=1&from=2', /^from: /],
      ['?sort=newest', /^sort: /],
      ['?order=up', /^order: /],
      ['?from=2000&to=1000', /^from: must not be after "to"/],
    ];
    for (const [query, message] of cases) {
      const res = await getJson(env.app, `/v1/sessions${query}`);
      expect(res.statusCode, query).toBe(400);
      const body = errorBodySchema.parse(res.json());
      expect(body.error).toBe('invalid_query');
      expect(body.message, query).toMatch(message);
    }
  });
});

describe('GET /v1/sessions/:id and GET /v1/sites', () => {
  it('serves one summary, 404 for an unknown id, 400 for a malformed one', async () => {
    const s = await seed();
    const res = await getJson(env.app, `/v1/sessions/${s.three}`);
    expect(res.statusCode).toBe(200);
    expect(sessionSummarySchema.parse(res.json())).toEqual((await list('')).sessions.find((x) => x.id === s.three));
    expect((await getJson(env.app, `/v1/sessions/${newSessionId()}`)).statusCode).toBe(404);
    expect((await getJson(env.app, '/v1/sessions/nope')).json().error).toBe('invalid_session_id');
  });

  it('lists every site with its number of sessions, most first', async () => {
    await seed();
    const res = await getJson(env.app, '/v1/sites');
    expect(siteListSchema.parse(res.json())).toEqual({
      sites: [
        { site: SITE, sessions: 3 },
        { site: OTHER, sessions: 1 },
      ],
    });
  });
});

describe('GET /v1/sessions/:id/events?offset=&limit=', () => {
  /** A session of `pages` page loads with `perPage` chunks each: uneven chunk sizes, uploaded out of order. */
  async function bigSession(pages: number, perPage: number) {
    const id = newSessionId();
    const chunks = [];
    for (let page = 0; page < pages; page++) {
      for (let seq = 0; seq < perPage; seq++) {
        const actions = Array.from({ length: (page * perPage + seq) % 4 }, () => 'click' as const);
        chunks.push(makeChunk({ sessionId: id, page, seq, t0: 10_000 * page + 100 * seq, actions }));
      }
    }
    expect((await postBatch(env.app, makeBatch(chunks.reverse()))).statusCode).toBe(200);
    return id;
  }

  const whole = async (id: string) => sessionEventsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/events`)).json());

  async function pageThrough(id: string, limit: number) {
    const out = [];
    let offset: number | null = 0;
    let requests = 0;
    while (offset !== null) {
      const res = await getJson(env.app, `/v1/sessions/${id}/events?offset=${offset}&limit=${limit}`);
      expect(res.statusCode).toBe(200);
      const page = sessionEventsPageSchema.parse(res.json());
      expect(page.events.length).toBeLessThanOrEqual(limit);
      out.push(...page.events);
      offset = page.next;
      requests += 1;
    }
    return { events: out, requests };
  }

  it('pages add up to exactly the whole event stream, whatever the page size', async () => {
    const id = await bigSession(3, 5);
    const all = await whole(id);
    expect(all.length).toBeGreaterThan(30);
    for (const limit of [1, 3, 7, all.length, all.length + 10]) {
      const { events, requests } = await pageThrough(id, limit);
      expect(events, `limit ${limit}`).toEqual(all);
      expect(requests, `limit ${limit}`).toBe(Math.max(1, Math.ceil(all.length / limit)));
    }
  });

  it('answers past the end with an empty last page, and still serves the plain array without paging params', async () => {
    const id = await bigSession(1, 2);
    const all = await whole(id);
    const past = await getJson(env.app, `/v1/sessions/${id}/events?offset=${all.length}`);
    expect(sessionEventsPageSchema.parse(past.json())).toEqual({ events: [], next: null });
    const defaults = sessionEventsPageSchema.parse((await getJson(env.app, `/v1/sessions/${id}/events?limit=5000`)).json());
    expect(defaults).toEqual({ events: all, next: null });
    expect(Array.isArray((await getJson(env.app, `/v1/sessions/${id}/events`)).json())).toBe(true);
  });

  it('stays right when more chunks arrive after pages were served (counts are per chunk, never stale)', async () => {
    const id = await bigSession(2, 3);
    await pageThrough(id, 4);
    // A late chunk in the middle of the order (page 0) and one at the end (page 5).
    const late = [
      makeChunk({ sessionId: id, page: 0, seq: 3, t0: 900, actions: ['type'] }),
      makeChunk({ sessionId: id, page: 5, seq: 0, t0: 90_000 }),
    ];
    expect((await postBatch(env.app, makeBatch(late))).statusCode).toBe(200);
    const all = await whole(id);
    expect((await pageThrough(id, 4)).events).toEqual(all);
    expect(all).toEqual(expect.arrayContaining([...late[0]!.events, ...late[1]!.events]));
  });

  it('skips chunks before the offset without reading them once their sizes are known', async () => {
    const id = await bigSession(1, 6);
    const all = await whole(id);
    await pageThrough(id, 5);
    // Break the first chunk on disk: a later page never needs it, the whole stream does.
    await writeFile(join(env.dir, 'sessions', id, 'chunks', '000000-00000000.json.gz'), '{ broken');
    const late = await getJson(env.app, `/v1/sessions/${id}/events?offset=${all.length - 3}&limit=5`);
    expect(sessionEventsPageSchema.parse(late.json())).toEqual({ events: all.slice(-3), next: null });
    expect((await getJson(env.app, `/v1/sessions/${id}/events`)).statusCode).toBe(500);
  });

  it('rejects bad paging params with 400 and unknown sessions with 404', async () => {
    const id = await bigSession(1, 1);
    for (const query of ['?limit=0', '?limit=20001', '?offset=-1', '?limit=ten', '?offset=1&offset=2']) {
      const res = await getJson(env.app, `/v1/sessions/${id}/events${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error).toBe('invalid_query');
    }
    const unknown = await getJson(env.app, `/v1/sessions/${newSessionId()}/events?offset=0&limit=10`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('session_not_found');
  });
});
