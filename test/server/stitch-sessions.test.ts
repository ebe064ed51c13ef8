import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sessionListSchema, type SessionSummary } from '../../lib/schema/read-api';
import { ACTIVITY_BUCKETS } from '../../lib/schema/session-outline';
import { joinActivity } from '../../server/read/stitch-sessions';
import { makeBatch, makeChunk, newSessionId, snapshotEvent } from './fixtures';
import { getJson, postBatch, useTempApp } from './harness';

const env = useTempApp();
const T0 = 1_700_000_000_000;
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** One page of a session on `site`, titled, with `actions` clicks, in tab run `tabRunId` (null: none). */
function visit(sessionId: string, tabRunId: string | null, site: string, t0: number, title: string, actions: number) {
  const chunk = makeChunk({ sessionId, t0, url: `${site}/`, actions: Array.from({ length: actions }, () => 'click' as const) });
  chunk.events.splice(1, 0, snapshotEvent(title, t0 + 1));
  return { ...chunk, site, ...(tabRunId ? { tabRunId } : {}) };
}

const list = async (query: string) => {
  const res = await getJson(env.app, `/v1/sessions${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return sessionListSchema.parse(res.json());
};

describe('GET /v1/sessions?stitch=tab', () => {
  it('shows the sessions of one tab run as one row, and every other session as its own', async () => {
    const run = randomUUID();
    const [shop, pay, back, other, older] = [newSessionId(), newSessionId(), newSessionId(), newSessionId(), newSessionId()];
    const chunks = [
      visit(pay, run, 'https://pay.example', T0 + 60_000, 'Pay', 1),
      visit(shop, run, 'https://shop.example', T0, 'Basket', 2),
      visit(back, run, 'https://shop.example', T0 + 120_000, 'Thank you', 3),
      visit(other, randomUUID(), 'https://shop.example', T0 + 30_000, 'Other tab', 1),
      visit(older, null, 'https://shop.example', T0 - 60_000, 'Before runs', 1),
    ];
    expect((await postBatch(env.app, makeBatch(chunks))).statusCode).toBe(200);

    // Without stitch: one row per session, as before.
    const plain = await list('');
    expect(plain.total).toBe(5);
    expect(plain.sessions.every((s) => s.parts === undefined)).toBe(true);

    const stitched = await list('?stitch=tab&sort=start&order=asc');
    expect(stitched.total).toBe(3);
    expect(stitched.sessions.map((s) => s.id)).toEqual([older, shop, other]);
    const row = stitched.sessions[1]!;
    expect(row.parts!.map((p) => [p.id, p.site, p.titles])).toEqual([
      [shop, 'https://shop.example', ['Basket']],
      [pay, 'https://pay.example', ['Pay']],
      [back, 'https://shop.example', ['Thank you']],
    ]);
    expect(row).toMatchObject({ site: 'https://shop.example', tabRunId: run, titles: ['Basket', 'Pay', 'Thank you'], pages: 3 });
    expect(row.actionCounts).toEqual({ click: 6 });
    expect(row.startedAt).toBe(T0);
    expect(row.endedAt).toBe(Math.max(...plain.sessions.filter((s) => s.tabRunId === run).map((s) => s.endedAt)));
    expect(row.bytes).toBe(sum(plain.sessions.filter((s) => s.tabRunId === run).map((s) => s.bytes)));
    expect(row.activity).toHaveLength(ACTIVITY_BUCKETS);
    expect(sum(row.activity)).toBe(6);
    // The last visit's three clicks are at the end of the run, the first's two at its start.
    expect(row.activity[0]).toBe(2);
    expect(row.activity[ACTIVITY_BUCKETS - 1]).toBe(3);
    expect(stitched.sessions[0]!.parts!.map((p) => p.id)).toEqual([older]);

    // Filters apply to sessions before stitching: only the run's pay.example visit is left.
    const paySite = await list(`?stitch=tab&site=${encodeURIComponent('https://pay.example')}`);
    expect(paySite.sessions.map((s) => [s.id, s.parts!.length])).toEqual([[pay, 1]]);
    // One run's sessions, as the session page asks for them.
    const ofRun = await list(`?tabRun=${run}&sort=start&order=asc`);
    expect(ofRun.sessions.map((s) => s.id)).toEqual([shop, pay, back]);
    // Paging counts rows.
    const second = await list('?stitch=tab&sort=start&order=asc&limit=1&offset=1');
    expect([second.total, second.sessions.map((s) => s.id)]).toEqual([3, [shop]]);
  });

  it('refuses an unknown stitch', async () => {
    expect((await getJson(env.app, '/v1/sessions?stitch=site')).statusCode).toBe(400);
  });
});

describe('joinActivity', () => {
  const part = (startedAt: number, endedAt: number, activity: number[]): Pick<SessionSummary, 'startedAt' | 'endedAt' | 'activity'> => ({
    startedAt,
    endedAt,
    activity,
  });
  const ones = (at: number) => Array.from({ length: ACTIVITY_BUCKETS }, (_, i) => (i === at ? 1 : 0));

  it('places each part in its stretch of the whole run and loses no action', () => {
    // Two parts of 24 s each, 48 s apart: the second half of the run holds nothing but the second part.
    const joined = joinActivity([part(0, 24_000, ones(0)), part(48_000, 72_000, ones(23))], 0, 72_000);
    expect(joined).toHaveLength(ACTIVITY_BUCKETS);
    expect(joined[0]).toBe(1);
    expect(joined[ACTIVITY_BUCKETS - 1]).toBe(1);
    expect(sum(joined)).toBe(2);
  });

  it('is unknown when a part is (a summary stored before activity was kept)', () => {
    expect(joinActivity([part(0, 10, ones(0)), part(20, 30, [])], 0, 30)).toEqual([]);
  });
});
