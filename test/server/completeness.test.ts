import { describe, expect, it } from 'vitest';
import { sessionCompletenessSchema } from '../../lib/schema/read-api';
import { pageEndEvent } from '../../lib/schema/page-end';
import { sessionCompleteness } from '../../server/read/completeness';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, postBatch, useTempApp } from './harness';

const ID = '11111111-1111-4111-8111-111111111111';
const c = (page: number, seq: number, ended = false) => ({ page, seq, ended });
const drop = (page: number, fromSeq: number, toSeq: number | null, reason: string) => ({
  sessionId: ID,
  page,
  fromSeq,
  toSeq,
  reason,
  at: 1,
});

describe('sessionCompleteness', () => {
  it('is complete when every page has seqs 0..n without a hole and ended', () => {
    const r = sessionCompleteness(ID, [c(0, 0), c(0, 1, true), c(1, 0, true)], []);
    expect(r).toEqual({
      id: ID,
      complete: true,
      pages: [
        { page: 0, chunks: 2, lastSeq: 1, ended: true },
        { page: 1, chunks: 1, lastSeq: 0, ended: true },
      ],
      gaps: [],
      openPages: [],
    });
    expect(sessionCompletenessSchema.parse(r)).toEqual(r);
  });

  it('names the missing seqs and pages, and pages without an end', () => {
    const r = sessionCompleteness(ID, [c(0, 0), c(0, 3), c(0, 4, true), c(2, 1)], []);
    expect(r.complete).toBe(false);
    expect(r.gaps).toEqual([
      { page: 0, fromSeq: 1, toSeq: 2, reason: null },
      { page: 1, fromSeq: 0, toSeq: null, reason: null },
      { page: 2, fromSeq: 0, toSeq: 0, reason: null },
    ]);
    expect(r.openPages).toEqual([2]);
  });

  it('explains gaps the device reported dropping, and a tail dropped for lack of storage ends the page', () => {
    const r = sessionCompleteness(ID, [c(0, 0), c(0, 4)], [drop(0, 1, 2, 'recorder-overflow'), drop(0, 5, null, 'storage-full')]);
    expect(r.gaps).toEqual([
      { page: 0, fromSeq: 1, toSeq: 2, reason: 'recorder-overflow' },
      { page: 0, fromSeq: 3, toSeq: 3, reason: null },
      { page: 0, fromSeq: 5, toSeq: null, reason: 'storage-full' },
    ]);
    expect(r.pages[0]!.ended).toBe(true);
    expect(r.openPages).toEqual([]);
    expect(r.complete).toBe(false);
  });

  it('ignores reports for chunks that did arrive after all', () => {
    const r = sessionCompleteness(ID, [c(0, 0), c(0, 1, true)], [drop(0, 1, 1, 'expired')]);
    expect(r.complete).toBe(true);
  });
});

describe('GET /v1/sessions/:id/completeness', () => {
  const env = useTempApp();

  it('reports a session from its stored chunks, end markers and the drop reports uploads carried', async () => {
    const id = newSessionId();
    const last = makeChunk({ sessionId: id, seq: 3 });
    last.events.push(pageEndEvent(1_700_000_001_000, 'pagehide'));
    const dropped = [{ sessionId: id, page: 0, fromSeq: 1, toSeq: 1, reason: 'recorder-overflow', at: 1_700_000_000_005 }];
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: id, seq: 0 }), last], { dropped }))).statusCode).toBe(200);
    const res = await getJson(env.app, `/v1/sessions/${id}/completeness`);
    expect(res.statusCode).toBe(200);
    expect(sessionCompletenessSchema.parse(res.json())).toMatchObject({
      complete: false,
      gaps: [
        { page: 0, fromSeq: 1, toSeq: 1, reason: 'recorder-overflow' },
        { page: 0, fromSeq: 2, toSeq: 2, reason: null },
      ],
      openPages: [],
    });
    // The missing chunk arrives: complete, and the report that was wrong about it no longer matters.
    await postBatch(env.app, makeBatch([makeChunk({ sessionId: id, seq: 1 }), makeChunk({ sessionId: id, seq: 2 })]));
    expect((await getJson(env.app, `/v1/sessions/${id}/completeness`)).json()).toMatchObject({ complete: true, gaps: [] });
  });

  it('needs a read token and a known session', async () => {
    const id = newSessionId();
    expect((await getJson(env.app, `/v1/sessions/${id}/completeness`, null)).statusCode).toBe(401);
    expect((await getJson(env.app, `/v1/sessions/${id}/completeness`)).statusCode).toBe(404);
    expect((await getJson(env.app, '/v1/sessions/nope/completeness')).statusCode).toBe(400);
  });
});
