import { describe, expect, it } from 'vitest';
import { ACTIVITY_BUCKETS } from '../../lib/schema/session-outline';
import { sessionListSchema, sessionSummarySchema } from '../../lib/schema/read-api';
import { addToBins, bucketActivity, emptyBins, MAX_BINS } from '../../lib/rules/summary/activity-bins';
import { applyChunk, storedMetaSchema, toSummary } from '../../server/store/records';
import { makeBatch, makeChunk, newSessionId, snapshotEvent } from './fixtures';
import { getJson, postBatch, useTempApp } from './harness';

const env = useTempApp();
const T0 = 1_700_000_000_000;
/** A chunk as the store keeps it, from the install the fixtures use. */
const stored = (chunk: ReturnType<typeof makeChunk>, batchId: string) => ({
  ...chunk,
  batchId,
  installId: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69',
  orgId: null,
  extensionVersion: '0.1.0',
  consentVersion: undefined,
});
const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

describe('activity bins', () => {
  it('add up to the same bins in any order, and merge pairs to stay within MAX_BINS', () => {
    const times = Array.from({ length: 1000 }, (_, i) => T0 + i * 7_919);
    const forward = times.reduce((b, t) => addToBins(b, [t]), emptyBins());
    const backward = [...times].reverse().reduce((b, t) => addToBins(b, [t]), emptyBins());
    expect(backward).toEqual(forward);
    expect(forward.counts.length).toBeLessThanOrEqual(MAX_BINS);
    expect(forward.binMs).toBeGreaterThan(1000);
    expect(sum(forward.counts.map(([, n]) => n))).toBe(1000);
    const buckets = bucketActivity(forward, times[0]!, times.at(-1)!);
    expect(buckets).toHaveLength(ACTIVITY_BUCKETS);
    expect(sum(buckets)).toBe(1000);
    // Evenly spread actions: no stretch is far from the mean (1000 / 24 ≈ 42).
    expect(Math.max(...buckets) - Math.min(...buckets)).toBeLessThan(25);
  });
});

describe('the session summary kept at ingest', () => {
  it('has the titles, pages visited and activity, whatever order the chunks arrive in', async () => {
    const id = newSessionId();
    const first = makeChunk({ sessionId: id, page: 0, seq: 0, t0: T0, actions: ['click', 'click'] });
    first.events.splice(1, 0, snapshotEvent('Orders - Shop', T0 + 1));
    const second = makeChunk({ sessionId: id, page: 1, seq: 0, t0: T0 + 60_000, actions: ['type'] });
    second.events.splice(1, 0, snapshotEvent('New order - Shop', T0 + 60_001));
    const again = makeChunk({ sessionId: id, page: 2, seq: 0, t0: T0 + 90_000, actions: [] });
    again.events.splice(1, 0, snapshotEvent('Orders - Shop', T0 + 90_001));
    // The later page first: pages count by page number, not by arrival.
    for (const chunk of [second, first, again]) expect((await postBatch(env.app, makeBatch([chunk]))).statusCode).toBe(200);

    const res = await getJson(env.app, `/v1/sessions/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    const summary = sessionSummarySchema.parse(res.json());
    expect(summary.pages).toBe(3);
    expect([...summary.titles].sort()).toEqual(['New order - Shop', 'Orders - Shop']);
    expect(summary.actionCounts).toEqual({ click: 2, type: 1 });
    expect(summary.activity).toHaveLength(ACTIVITY_BUCKETS);
    expect(summary.activity[0]).toBe(2);
    // The type at 60 s of a 90 s session: two thirds in.
    expect(summary.activity[Math.floor((60 / 90) * ACTIVITY_BUCKETS)]).toBe(1);
    expect(sum(summary.activity)).toBe(3);

    // The list carries the same, read from the stored summary.
    const list = sessionListSchema.parse((await getJson(env.app, '/v1/sessions')).json());
    expect(list.sessions.find((s) => s.id === id)).toEqual(summary);
  });

  it('keeps at most five distinct titles', () => {
    let meta = null;
    for (let page = 0; page < 8; page++) {
      const chunk = makeChunk({ sessionId: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69', page, t0: T0 + page * 1000 });
      chunk.events.splice(1, 0, snapshotEvent(`Page ${page % 7}`, T0 + page * 1000 + 1));
      meta = applyChunk(meta, stored(chunk, 'batch_x'), 100);
    }
    expect(meta!.titles).toEqual(['Page 0', 'Page 1', 'Page 2', 'Page 3', 'Page 4']);
    expect(meta!.pages).toBe(8);
  });

  it('still reads a summary stored before these fields, and does not start its activity half way', () => {
    const old = {
      id: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69',
      site: 'http://localhost:5173',
      url: 'http://localhost:5173/page0',
      startedAt: T0,
      endedAt: T0 + 5000,
      actionCounts: { click: 4 },
      bytes: 1234,
      chunks: 2,
      first: { page: 0, seq: 0 },
      installId: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69',
      orgId: null,
    };
    const meta = storedMetaSchema.parse(old);
    expect(toSummary(meta)).toMatchObject({ titles: [], pages: 0, activity: [] });
    const chunk = makeChunk({ sessionId: old.id, page: 1, seq: 0, t0: T0 + 6000, actions: ['click'] });
    const next = applyChunk(meta, stored(chunk, 'batch_y'), 10);
    // Pages are a maximum, right from any chunk; activity would miss the earlier chunks, so it stays unknown (the viewer asks /outline).
    expect(toSummary(next)).toMatchObject({ pages: 2, activity: [], actionCounts: { click: 5 } });
  });
});
