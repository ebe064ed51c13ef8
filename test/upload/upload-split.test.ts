import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats } from '../../lib/queue/queue-stats';
import { getSetAside, listSetAside } from '../../lib/queue/set-aside';
import { uploadPending } from '../../lib/upload/upload-pending';
import { freshDb, makeChunk } from '../queue/fixtures';
import { SESSION_A } from '../support/builders';
import { accept, fakeServer, jsonResponse, makeDeps, seqs, START } from './fake-server';

let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

/** Queues seq 0..n-1; the seqs in `big` carry ~20 kB of padding. */
async function queue(n: number, big: number[] = []) {
  for (let seq = 0; seq < n; seq++) await appendChunk(db, makeChunk(SESSION_A, 0, seq, big.includes(seq) ? 20_000 : 0), START + seq);
}

const uploadedSeqs = (requests: ReturnType<typeof fakeServer>['requests'], okIndexes: Set<number>) =>
  requests
    .filter((_, i) => okIndexes.has(i))
    .flatMap(seqs)
    .sort((a, b) => a - b);

describe('413 Payload Too Large', () => {
  it('splits the batch in halves until the parts fit, and everything gets through', async () => {
    await queue(5);
    const ok = new Set<number>();
    const server = fakeServer((req, i) => {
      if (req.batch.chunks.length > 2) return new Response('', { status: 413 });
      ok.add(i);
      return accept(req);
    });
    const { deps } = makeDeps(db, server.fetch);
    const report = await uploadPending(deps);
    expect(server.requests.map(seqs)).toEqual([[0, 1, 2, 3, 4], [0, 1, 2], [0, 1], [2], [3, 4]]);
    expect(uploadedSeqs(server.requests, ok)).toEqual([0, 1, 2, 3, 4]);
    expect(report).toMatchObject({ status: 'drained', chunksUploaded: 5, chunksSetAside: 0, requests: 5 });
    // Each part is its own batch with its own id.
    expect(new Set(server.requests.map((r) => r.batch.batchId)).size).toBe(5);
    expect(await db.count('chunks')).toBe(0);
  });

  it('sets aside a single chunk that is too large on its own, and sends the rest', async () => {
    await queue(3, [1]);
    const ok = new Set<number>();
    const server = fakeServer((req, i) => {
      if (JSON.stringify(req.batch).length > 15_000) return new Response('', { status: 413 });
      ok.add(i);
      return accept(req);
    });
    const { deps } = makeDeps(db, server.fetch);
    const report = await uploadPending(deps);
    expect(uploadedSeqs(server.requests, ok)).toEqual([0, 2]);
    expect(report).toMatchObject({ status: 'drained', chunksSetAside: 1 });
    const [entry] = await listSetAside(db);
    expect(entry).toMatchObject({ status: 413, chunkKeys: [{ sessionId: SESSION_A, page: 0, seq: 1 }] });
    expect(entry!.reason).toMatch(/too large/);
    expect(await db.count('chunks')).toBe(0);
  });
});

describe('400/422 invalid', () => {
  it('isolates the bad chunk, sets it aside with the server message, and uploads the rest', async () => {
    await queue(6);
    const ok = new Set<number>();
    const server = fakeServer((req, i) => {
      if (seqs(req).includes(3)) return jsonResponse(400, { error: 'invalid_batch', message: 'chunks[3].events[0]: bad type' });
      ok.add(i);
      return accept(req);
    });
    const { deps, state } = makeDeps(db, server.fetch);
    const report = await uploadPending(deps);

    expect(uploadedSeqs(server.requests, ok)).toEqual([0, 1, 2, 4, 5]);
    expect(report).toMatchObject({ status: 'drained', chunksSetAside: 1 });
    // A rejected chunk is the data's fault, not the server's: no backoff.
    expect(state.current()).toEqual({ attempt: 0, notBefore: 0 });
    const [summary] = await listSetAside(db);
    const entry = await getSetAside(db, summary!.id);
    expect(entry).toMatchObject({ status: 400, reason: 'invalid_batch: chunks[3].events[0]: bad type', at: START });
    expect(entry!.chunks).toEqual([makeChunk(SESSION_A, 0, 3)]);
    expect((await getQueueStats(db)).counters).toMatchObject({ batchesSetAside: 1, chunksSetAside: 1, chunksUploaded: 5 });

    // Never retried.
    const sent = server.requests.length;
    await uploadPending(deps);
    expect(server.requests).toHaveLength(sent);
  });

  it('stops splitting when a half meets a server error, leaving the untried chunks queued', async () => {
    await queue(4);
    const server = fakeServer((req) => {
      if (req.batch.chunks.length > 2) return jsonResponse(422, { error: 'invalid', message: 'x' });
      if (seqs(req).includes(0)) return accept(req);
      return new Response('', { status: 503 });
    });
    const { deps, state } = makeDeps(db, server.fetch);
    const report = await uploadPending(deps);
    expect(report.status).toBe('backingOff');
    expect(server.requests.map(seqs)).toEqual([
      [0, 1, 2, 3],
      [0, 1],
      [2, 3],
    ]);
    expect(state.current().attempt).toBe(1);
    expect(await db.count('chunks')).toBe(2);
    expect(await db.count('setAside')).toBe(0);
  });
});
