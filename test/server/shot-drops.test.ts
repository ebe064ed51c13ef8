import { describe, expect, it } from 'vitest';
import { sessionCompletenessSchema } from '../../lib/schema/read-api';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, postBatch, useTempApp } from './harness';

describe('discarded-shot totals in the completeness report', () => {
  const env = useTempApp();
  const chunk = (sessionId: string, seq: number) => makeChunk({ sessionId, seq });
  const total = (sessionId: string, reason: string, count: number, page = 0) => ({ sessionId, page, reason, count, at: 1_700_000_000_000 });

  it('keeps the highest total per page and reason, summed per reason, and never counts a resend twice', async () => {
    const id = newSessionId();
    const first = makeBatch([chunk(id, 0)], { shotDrops: [total(id, 'regions-changed', 3), total(id, 'quota', 1, 1)] });
    expect((await postBatch(env.app, first)).statusCode).toBe(200);
    // The same batch again (its receipt was lost), then an older total and a newer one.
    expect((await postBatch(env.app, first)).statusCode).toBe(200);
    const later = makeBatch([chunk(id, 1)], {
      shotDrops: [total(id, 'regions-changed', 2), total(id, 'quota', 4, 1), total(id, 'precondition', 5)],
    });
    expect((await postBatch(env.app, later)).statusCode).toBe(200);
    const res = await getJson(env.app, `/v1/sessions/${id}/completeness`);
    expect(res.statusCode).toBe(200);
    const body = sessionCompletenessSchema.parse(res.json());
    expect(body.shotDrops).toEqual({ 'regions-changed': 3, quota: 4, precondition: 5 });
  });

  it("refuses a total that is not a count, naming the field, and ignores totals for another install's session", async () => {
    const id = newSessionId();
    const bad = await postBatch(env.app, makeBatch([chunk(id, 0)], { shotDrops: [{ ...total(id, 'quota', 1), count: 0 }] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('shotDrops');
    const owned = newSessionId();
    expect((await postBatch(env.app, makeBatch([chunk(owned, 0)]))).statusCode).toBe(200);
    // Another install naming this session is refused outright, as for chunks and drop reports.
    const other = makeBatch([chunk(newSessionId(), 0)], {
      installId: '9a0c1a52-8a43-4e4b-9a57-1f2d3c4b5a61',
      shotDrops: [total(owned, 'quota', 9)],
    });
    expect((await postBatch(env.app, other)).statusCode).toBe(403);
    expect(sessionCompletenessSchema.parse((await getJson(env.app, `/v1/sessions/${owned}/completeness`)).json()).shotDrops).toEqual({});
  });
});
