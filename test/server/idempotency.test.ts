import { describe, expect, it } from 'vitest';
import { sessionEventsSchema } from '../../lib/schema/read-api';
import { makeBatch, makeChunk, newSessionId } from './fixtures';
import { getJson, listFiles, postBatch, useTempApp } from './harness';

const env = useTempApp();

const chunkFiles = async () => (await listFiles(env.dir)).filter((f) => f.includes('/chunks/'));
const events = async (id: string) => sessionEventsSchema.parse((await getJson(env.app, `/v1/sessions/${id}/events`)).json());
const stats = async () => (await getJson(env.app, '/v1/stats')).json();

describe('idempotency', () => {
  it('stores a resent batch once and answers with the original receipt', async () => {
    const id = newSessionId();
    const batch = makeBatch([makeChunk({ sessionId: id, seq: 0 }), makeChunk({ sessionId: id, seq: 1 })]);
    const first = await postBatch(env.app, batch);
    const second = await postBatch(env.app, batch);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect(first.json()).toEqual({ batchId: batch.batchId, stored: 2, duplicates: 0 });

    expect(await events(id)).toEqual(batch.chunks.flatMap((c) => c.events));
    expect(await chunkFiles()).toHaveLength(2);
    const summary = (await getJson(env.app, '/v1/sessions')).json().sessions[0];
    expect(summary.actionCounts).toEqual({ click: 2 });
    expect(await stats()).toMatchObject({ batchesAccepted: 1, duplicateBatches: 1, chunksStored: 2, chunkDuplicates: 0 });
  });

  it('dedups chunks by (sessionId, page, seq) across different batch ids', async () => {
    const id = newSessionId();
    const c0 = makeChunk({ sessionId: id, seq: 0 });
    const c1 = makeChunk({ sessionId: id, seq: 1, actions: ['scroll'] });
    expect((await postBatch(env.app, makeBatch([c0]))).json()).toMatchObject({ stored: 1, duplicates: 0 });
    // A re-cut batch: the old chunk again (even with other content) plus a new one.
    const altered = { ...c0, events: c1.events };
    expect((await postBatch(env.app, makeBatch([altered, c1]))).json()).toMatchObject({ stored: 1, duplicates: 1 });
    // The same key twice inside one batch counts once.
    const c2 = makeChunk({ sessionId: id, seq: 2 });
    expect((await postBatch(env.app, makeBatch([c2, c2]))).json()).toMatchObject({ stored: 1, duplicates: 1 });

    expect(await events(id)).toEqual([...c0.events, ...c1.events, ...c2.events]);
    expect(await chunkFiles()).toHaveLength(3);
    expect(await stats()).toMatchObject({ batchesAccepted: 3, chunksStored: 3, chunkDuplicates: 2 });
  });

  it('stores concurrent identical uploads once', async () => {
    const ids = [newSessionId(), newSessionId()];
    const batch = makeBatch(ids.flatMap((sessionId) => [0, 1, 2].map((seq) => makeChunk({ sessionId, seq }))));
    const responses = await Promise.all(Array.from({ length: 8 }, () => postBatch(env.app, batch)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    for (const r of responses) expect(r.json()).toEqual({ batchId: batch.batchId, stored: 6, duplicates: 0 });

    expect(await chunkFiles()).toHaveLength(6);
    for (const id of ids) {
      expect(await events(id)).toEqual(batch.chunks.filter((c) => c.sessionId === id).flatMap((c) => c.events));
    }
    expect(await stats()).toMatchObject({ batchesAccepted: 1, duplicateBatches: 7, chunksStored: 6 });
  });

  it('stores concurrent different batches sharing chunks once', async () => {
    const id = newSessionId();
    const chunks = [0, 1, 2, 3].map((seq) => makeChunk({ sessionId: id, seq }));
    const batches = [makeBatch(chunks.slice(0, 3)), makeBatch(chunks.slice(1)), makeBatch(chunks)];
    const receipts = (await Promise.all(batches.map((b) => postBatch(env.app, b)))).map((r) => r.json());
    expect(receipts.reduce((sum, r) => sum + r.stored, 0)).toBe(4);
    const meta = (await getJson(env.app, '/v1/sessions')).json().sessions[0];
    expect(meta.actionCounts).toEqual({ click: 4 });
    expect(await events(id)).toEqual(chunks.flatMap((c) => c.events));
  });

  it('rejects an Idempotency-Key that differs from the batchId', async () => {
    const batch = makeBatch([makeChunk({ sessionId: newSessionId() })]);
    const res = await postBatch(env.app, batch, { headers: { 'idempotency-key': 'some-other-key-123' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('idempotency_key_mismatch');
    expect(await chunkFiles()).toEqual([]);
    expect((await stats()).rejected).toEqual({ idempotency_key_mismatch: 1 });
  });
});
