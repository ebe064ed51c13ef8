import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorBodySchema } from '../../lib/schema/batch';
import { sessionCompletenessSchema, sessionEventsSchema } from '../../lib/schema/read-api';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, postBatch, useTempApp } from './harness';

/**
 * Probe: one employee's machine (it has the organisation's ingest token, as
 * every machine does) tries to write into a session another install recorded,
 * to squat on its next chunk keys, to relabel its gaps, and to reuse its
 * batch ids. Every attempt is refused with 403 and counted; the owner's own
 * uploads go on as before.
 */
const env = useTempApp();

const OWNER = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
const OTHER = randomUUID();
const stats = async () => (await getJson(env.app, '/v1/stats')).json() as { rejected: Record<string, number> };
const errorOf = (res: { json: () => unknown }) => errorBodySchema.parse(res.json());

describe('sessions are bound to the install that first wrote them', () => {
  it("refuses another install's chunks for a session, and its squatting on the next keys", async () => {
    const id = newSessionId();
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: id, seq: 0 })], { installId: OWNER }))).statusCode).toBe(200);

    // Appending, and taking seq 1 before the owner sends it.
    const intruder = makeChunk({ sessionId: id, seq: 1, actions: ['submit'] });
    const res = await postBatch(env.app, makeBatch([intruder], { installId: OTHER }));
    expect(res.statusCode).toBe(403);
    expect(errorOf(res)).toEqual({ error: 'session_of_another_install', message: expect.stringContaining(id) });

    // The owner's real seq 1 is stored, not answered as a duplicate.
    const real = makeChunk({ sessionId: id, seq: 1, actions: ['type'] });
    expect((await postBatch(env.app, makeBatch([real], { installId: OWNER }))).json()).toMatchObject({ stored: 1, duplicates: 0 });
    const events = sessionEventsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/events`)).json());
    expect(JSON.stringify(events)).not.toContain('"submit"');
    expect((await stats()).rejected).toEqual({ session_of_another_install: 1 });
  });

  it("refuses a whole batch that mixes its own session with another install's", async () => {
    const theirs = newSessionId();
    const mine = newSessionId();
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: theirs })], { installId: OWNER }))).statusCode).toBe(200);
    const res = await postBatch(
      env.app,
      makeBatch([makeChunk({ sessionId: mine }), makeChunk({ sessionId: theirs, seq: 5 })], { installId: OTHER }),
    );
    expect(res.statusCode).toBe(403);
    expect((await listFiles(env.dir)).some((f) => f.includes(mine))).toBe(false);
  });

  it("refuses another install's drop reports for a session, so its gaps cannot be relabelled", async () => {
    const id = newSessionId();
    const [c0, c2] = [makeChunk({ sessionId: id, seq: 0 }), makeChunk({ sessionId: id, seq: 2 })];
    expect((await postBatch(env.app, makeBatch([c0, c2], { installId: OWNER }))).statusCode).toBe(200);
    const at = c0.events[0]!.timestamp;
    const lie = { sessionId: id, page: 0, fromSeq: 1, toSeq: 1, reason: 'expired', at };
    const res = await postBatch(env.app, makeBatch([makeChunk({ sessionId: newSessionId() })], { installId: OTHER, dropped: [lie] }));
    expect(res.statusCode).toBe(403);
    const report = sessionCompletenessSchema.parse((await getJson(env.app, `/v1/sessions/${id}/completeness`)).json());
    expect(report.gaps).toEqual([{ page: 0, fromSeq: 1, toSeq: 1, reason: null }]);
  });

  it('binds a session first named by a drop report to that install too', async () => {
    const id = newSessionId();
    const other = newSessionId();
    const at = 1_700_000_000_000;
    const dropped = [{ sessionId: id, page: 0, fromSeq: 0, toSeq: null, reason: 'storage-full', at }];
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: other })], { installId: OWNER, dropped }))).statusCode).toBe(200);
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: id })], { installId: OTHER }))).statusCode).toBe(403);
  });

  it('refuses a batch id sent again with other content, or by another install', async () => {
    const id = newSessionId();
    const batch = makeBatch([makeChunk({ sessionId: id, seq: 0 })], { installId: OWNER });
    expect((await postBatch(env.app, batch)).statusCode).toBe(200);
    // The same batch again (a lost acknowledgement): its original receipt, as always.
    expect((await postBatch(env.app, { ...batch, sentAt: batch.sentAt + 5000, extensionVersion: '0.2.0' })).json()).toEqual({
      batchId: batch.batchId,
      stored: 1,
      duplicates: 0,
    });

    const reused = { ...batch, chunks: [makeChunk({ sessionId: id, seq: 1 })] };
    const res = await postBatch(env.app, reused);
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).error).toBe('batch_id_reused');

    const stolen = { ...batch, installId: OTHER, chunks: [makeChunk({ sessionId: newSessionId() })] };
    expect(errorOf(await postBatch(env.app, stolen)).error).toBe('batch_id_of_another_install');
    expect((await stats()).rejected).toEqual({ batch_id_reused: 1, batch_id_of_another_install: 1 });
    expect((await listFiles(env.dir)).filter((f) => f.includes('/chunks/'))).toHaveLength(1);
  });

  it('keeps the binding across a restart', async () => {
    const id = newSessionId();
    expect((await postBatch(env.app, makeBatch([makeChunk({ sessionId: id })], { installId: OWNER }))).statusCode).toBe(200);
    await env.app.close();
    const { makeApp } = await import('./harness');
    const again = makeApp(env.dir);
    try {
      expect((await postBatch(again, makeBatch([makeChunk({ sessionId: id, seq: 1 })], { installId: OTHER }))).statusCode).toBe(403);
      expect((await postBatch(again, makeBatch([makeChunk({ sessionId: id, seq: 1 })], { installId: OWNER }))).statusCode).toBe(200);
    } finally {
      await again.close();
    }
  });
});
