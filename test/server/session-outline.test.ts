import { describe, expect, it } from 'vitest';
import { ACTIVITY_BUCKETS, sessionOutlineSchema } from '../../lib/schema/session-outline';
import { snapshotTitle } from '../../lib/rules/summary/snapshot-title';
import { makeBatch, makeChunk, newSessionId, SITE, snapshotEvent as snapshot } from './fixtures';
import { getJson, INGEST_TOKEN, postBatch, useTempApp } from './harness';

const env = useTempApp();

describe('GET /v1/sessions/:id/outline', () => {
  it('gives every page visited with its address and title, and where in the session the actions fell', async () => {
    const id = newSessionId();
    const t0 = 1_700_000_000_000;
    const first = makeChunk({ sessionId: id, page: 0, seq: 0, t0, actions: ['click', 'click'] });
    first.events.splice(1, 0, snapshot('Orders - Shop', t0 + 1));
    const second = makeChunk({ sessionId: id, page: 1, seq: 0, t0: t0 + 60_000, actions: ['type'] });
    second.events.splice(1, 0, snapshot(null, t0 + 60_001));
    expect((await postBatch(env.app, makeBatch([first, second]))).statusCode).toBe(200);

    const res = await getJson(env.app, `/v1/sessions/${id}/outline`);
    expect(res.statusCode, res.body).toBe(200);
    const outline = sessionOutlineSchema.parse(res.json());
    expect(outline.pages).toEqual([
      { page: 0, url: `${SITE}/page0`, title: 'Orders - Shop' },
      { page: 1, url: `${SITE}/page1`, title: null },
    ]);
    expect(outline.activity).toHaveLength(ACTIVITY_BUCKETS);
    // Two clicks at the start, one type at the very end.
    expect(outline.activity[0]).toBe(2);
    expect(outline.activity[ACTIVITY_BUCKETS - 1]).toBe(1);
    expect(outline.activity.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('is built again once the session has grown, and refuses what it cannot answer', async () => {
    const id = newSessionId();
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: id, seq: 0, actions: ['click'] })]))).statusCode).toBe(200);
    const count = async () =>
      sessionOutlineSchema.parse((await getJson(env.app, `/v1/sessions/${id}/outline`)).json()).activity.reduce((a, b) => a + b, 0);
    expect(await count()).toBe(1);
    expect(
      (await postBatch(env.app, makeBatch([makeChunk({ sessionId: id, seq: 1, t0: 1_700_000_005_000, actions: ['click', 'type'] })])))
        .statusCode,
    ).toBe(200);
    expect(await count()).toBe(3);

    expect((await getJson(env.app, `/v1/sessions/${newSessionId()}/outline`)).statusCode).toBe(404);
    expect((await getJson(env.app, '/v1/sessions/not-a-uuid/outline')).statusCode).toBe(400);
    expect((await getJson(env.app, `/v1/sessions/${id}/outline`, INGEST_TOKEN)).statusCode).toBe(401);
    expect((await getJson(env.app, `/v1/sessions/${id}/outline`, null)).statusCode).toBe(401);
  });

  it('finds a title only where a document has one, and never runs away on a huge tree', () => {
    expect(snapshotTitle(null)).toBeNull();
    expect(snapshotTitle({ type: 0, childNodes: 'nonsense' })).toBeNull();
    const title = { type: 2, tagName: 'title', childNodes: [{ type: 3, textContent: 'late' }] };
    const wide = (n: number) => ({
      type: 2,
      tagName: 'div',
      childNodes: [...Array.from({ length: n }, () => ({ type: 2, tagName: 'span' })), { type: 2, tagName: 'p', childNodes: [title] }],
    });
    expect(snapshotTitle({ type: 0, childNodes: [wide(10)] })).toBe('late');
    expect(snapshotTitle({ type: 0, childNodes: [wide(5_000)] })).toBeNull();
  });
});
