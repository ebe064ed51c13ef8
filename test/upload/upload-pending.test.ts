import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats } from '../../lib/queue/queue-stats';
import { batchIdFor } from '../../lib/upload/batch-id';
import { uploadPending } from '../../lib/upload/upload-pending';
import { freshDb, keyOf, makeChunk } from '../queue/fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';
import { accept, fakeServer, INSTALL_ID, jsonResponse, makeDeps, seqs, START, TEST_CONFIG } from './fake-server';

let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

async function queue(n: number, sessionId = SESSION_A) {
  for (let seq = 0; seq < n; seq++) await appendChunk(db, makeChunk(sessionId, 0, seq), START + seq);
}

describe('uploadPending: success', () => {
  it('POSTs a gzip batch with auth and idempotency headers, and deletes chunks only after the 2xx', async () => {
    await queue(3);
    let queuedDuringRequest = -1;
    const server = fakeServer(async (req) => {
      queuedDuringRequest = await db.count('chunks');
      return accept(req);
    });
    const { deps } = makeDeps(db, server.fetch);
    const report = await uploadPending(deps);

    expect(report).toMatchObject({ status: 'drained', batchesUploaded: 1, chunksUploaded: 3, requests: 1 });
    expect(queuedDuringRequest).toBe(3);
    expect(await db.count('chunks')).toBe(0);
    const [req] = server.requests;
    expect(req!.url).toBe('https://ingest.example.test/v1/batches');
    expect(req!.method).toBe('POST');
    expect(req!.headers.get('content-type')).toBe('application/json');
    expect(req!.headers.get('content-encoding')).toBe('gzip');
    expect(req!.headers.get('authorization')).toBe('Bearer secret-token-123');
    expect([...req!.body.slice(0, 2)]).toEqual([0x1f, 0x8b]);
    const keys = [0, 1, 2].map((seq) => ({ sessionId: SESSION_A, page: 0, seq }));
    expect(req!.headers.get('idempotency-key')).toBe(await batchIdFor(keys));
    expect(req!.batch).toMatchObject({
      batchId: await batchIdFor(keys),
      installId: INSTALL_ID,
      orgId: 'org-1',
      sentAt: START,
      extensionVersion: '0.1.0',
    });
    expect(req!.batch.chunks).toEqual([0, 1, 2].map((seq) => makeChunk(SESSION_A, 0, seq)));
    const stats = await getQueueStats(db);
    expect(stats.counters).toMatchObject({ chunksUploaded: 3, batchesUploaded: 1, pendingBytes: 0 });
    expect(stats.lastUploadAt).toBe(START);
  });

  it('sends oldest first in batches of at most maxBatchChunks until the queue is empty', async () => {
    await queue(5);
    const server = fakeServer(accept);
    const config = { ...TEST_CONFIG, upload: { ...TEST_CONFIG.upload, maxBatchChunks: 2 } };
    const { deps } = makeDeps(db, server.fetch, { config });
    await uploadPending(deps);
    expect(server.requests.map(seqs)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('stops after maxBatchesPerRun and says more is waiting', async () => {
    await queue(3);
    const server = fakeServer(accept);
    const config = { ...TEST_CONFIG, upload: { ...TEST_CONFIG.upload, maxBatchChunks: 1 } };
    const { deps } = makeDeps(db, server.fetch, { config, maxBatchesPerRun: 2 });
    expect((await uploadPending(deps)).status).toBe('budgetExhausted');
    expect(server.requests).toHaveLength(2);
    expect((await uploadPending(deps)).status).toBe('drained');
    expect(server.requests.map(seqs)).toEqual([[0], [1], [2]]);
  });

  it('refuses to send a batch its own schema rejects, and keeps the chunks', async () => {
    await queue(1);
    const server = fakeServer(accept);
    const { deps } = makeDeps(db, server.fetch, { installId: 'not-a-uuid' });
    await expect(uploadPending(deps)).rejects.toThrow(/invalid batch/);
    expect(server.requests).toHaveLength(0);
    expect(await db.count('chunks')).toBe(1);
  });
});

describe('uploadPending: failures and backoff', () => {
  it('on 500 keeps the chunks, and backoff grows per attempt up to the cap', async () => {
    await queue(2);
    const server = fakeServer(() => jsonResponse(500, { error: 'internal', message: 'db down' }));
    const { deps, clock, state } = makeDeps(db, server.fetch);
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const report = await uploadPending(deps);
      expect(report.status).toBe('backingOff');
      delays.push(report.notBefore - clock.now);
      clock.now = report.notBefore;
    }
    // random() = 0.5 of min(5 min, 2 s · 2^(attempt-1)).
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 64000, 128000, 150000, 150000]);
    expect(state.current().attempt).toBe(10);
    // From the 9th attempt on, each run also tries the halves (lib/upload/isolate-failing.ts); a server
    // failing on everything gets nothing set aside.
    expect(server.requests).toHaveLength(8 + 3 + 3);
    expect(await db.count('chunks')).toBe(2);
    expect(await db.count('setAside')).toBe(0);
    const stats = await getQueueStats(db);
    expect(stats.counters.uploadFailures).toBe(10);
    expect(stats.lastError).toBe('HTTP 500: internal: db down');
  });

  it('draws the jitter from the injected random source', async () => {
    await queue(1);
    const server = fakeServer(() => new Response('', { status: 503 }));
    const draws = [0.25, 0];
    const { deps, clock } = makeDeps(db, server.fetch, { random: () => draws.shift() ?? 1 });
    expect((await uploadPending(deps)).notBefore).toBe(START + 500); // 0.25 · 2 s
    clock.now = START + 500;
    expect((await uploadPending(deps)).notBefore).toBe(START + 500); // 0 · 4 s
  });

  it('sends nothing before notBefore, then sends once it has passed', async () => {
    await queue(1);
    const server = fakeServer(accept);
    const { deps, clock, state } = makeDeps(db, server.fetch);
    await state.set({ attempt: 3, notBefore: START + 10_000 });
    expect(await uploadPending(deps)).toMatchObject({ status: 'waiting', notBefore: START + 10_000 });
    expect(server.requests).toHaveLength(0);
    clock.now = START + 10_000;
    expect((await uploadPending(deps)).status).toBe('drained');
    expect(server.requests).toHaveLength(1);
    // A 2xx ends the backoff.
    expect(state.current()).toEqual({ attempt: 0, notBefore: 0 });
  });

  it('treats 401/403 as a failure: backoff and a count', async () => {
    await queue(1);
    const server = fakeServer(() => jsonResponse(401, { error: 'unauthorized', message: 'bad token' }));
    const { deps, state } = makeDeps(db, server.fetch);
    expect((await uploadPending(deps)).status).toBe('backingOff');
    expect(state.current().attempt).toBe(1);
    expect((await getQueueStats(db)).counters.unauthorizedResponses).toBe(1);
    expect(await db.count('chunks')).toBe(1);
  });

  it('treats a network error as retryable', async () => {
    await queue(1);
    const { deps, state } = makeDeps(db, (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    const report = await uploadPending(deps);
    expect(report).toMatchObject({ status: 'backingOff', stoppedBy: { kind: 'retryable', status: null } });
    expect(state.current()).toEqual({ attempt: 1, notBefore: START + 1000 });
    expect((await getQueueStats(db)).lastError).toMatch(/network error: fetch failed/);
    expect(await db.count('chunks')).toBe(1);
  });

  it('aborts a request at the injected timeout and treats it as retryable', async () => {
    await queue(1);
    const controller = new AbortController();
    const timeouts: number[] = [];
    const hanging = ((_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        // The "timer" fires once the request is in flight.
        queueMicrotask(() => controller.abort(new DOMException('signal timed out', 'TimeoutError')));
      })) as typeof fetch;
    const { deps, state } = makeDeps(db, hanging, {
      timeoutSignal: (ms) => {
        timeouts.push(ms);
        return controller.signal;
      },
    });
    const report = await uploadPending(deps);
    expect(timeouts).toEqual([30_000]);
    expect(report.stoppedBy).toEqual({ kind: 'retryable', status: null, message: 'request timed out' });
    expect(state.current().attempt).toBe(1);
    expect(await db.count('chunks')).toBe(1);
  });

  it('times out for real with AbortSignal.timeout by default', async () => {
    await queue(1);
    const hanging = ((_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as typeof fetch;
    const { deps } = makeDeps(db, hanging, { timeoutMs: 20 });
    expect((await uploadPending(deps)).stoppedBy).toMatchObject({ message: 'request timed out' });
  });
});

describe('uploadPending: 429', () => {
  it.each([
    ['seconds', () => '120', 120_000],
    ['an HTTP-date', () => new Date(START + 90_000).toUTCString(), 90_000],
    ['garbage (default 60 s)', () => 'soon', 60_000],
    ['too long (clamped to 1 h)', () => '999999', 3_600_000],
  ])('honours Retry-After as %s without growing the backoff', async (_label, header, waitMs) => {
    await queue(2);
    const server = fakeServer(() => new Response('', { status: 429, headers: { 'Retry-After': header() } }));
    const { deps, state } = makeDeps(db, server.fetch);
    await state.set({ attempt: 2, notBefore: 0 });
    const report = await uploadPending(deps);
    expect(report).toMatchObject({ status: 'rateLimited', notBefore: START + waitMs });
    expect(state.current()).toEqual({ attempt: 2, notBefore: START + waitMs });
    expect(await db.count('chunks')).toBe(2);
    expect((await getQueueStats(db)).counters.rateLimitedResponses).toBe(1);
  });
});

describe('idempotency', () => {
  it('re-forms the same chunks into the same batch id on every retry', async () => {
    await queue(2, SESSION_B);
    await queue(1, SESSION_A);
    const server = fakeServer(() => new Response('', { status: 502 }));
    const { deps, clock } = makeDeps(db, server.fetch);
    await uploadPending(deps);
    clock.now += 10 * 60_000;
    await uploadPending(deps);
    const [first, second] = server.requests.map((r) => r.headers.get('idempotency-key'));
    expect(first).toBe(second);
    expect(server.requests[1]!.batch.batchId).toBe(first);
    expect(server.requests[0]!.batch.chunks.map(keyOf)).toEqual(server.requests[1]!.batch.chunks.map(keyOf));
  });
});

describe('uploadPending: drop reports', () => {
  const drop = (fromSeq: number, toSeq: number) => [{ fromSeq, toSeq }];

  it('carries unreported drops in the batch and marks them reported only after the 2xx', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 5), START, drop(0, 4));
    const failing = fakeServer(() => jsonResponse(503, { error: 'x', message: 'y' }));
    await uploadPending(makeDeps(db, failing.fetch).deps);
    expect(failing.requests[0]!.batch.dropped).toEqual([
      { sessionId: SESSION_A, page: 0, fromSeq: 0, toSeq: 4, reason: 'recorder-overflow', at: START },
    ]);
    expect((await getQueueStats(db)).dropReportsPending).toBe(1);

    const server = fakeServer(accept);
    const report = await uploadPending(makeDeps(db, server.fetch).deps);
    expect(report).toMatchObject({ status: 'drained', dropsReported: 1 });
    expect(server.requests[0]!.batch.dropped).toHaveLength(1);
    expect((await getQueueStats(db)).dropReportsPending).toBe(0);
    // Reported once: the next batch carries none.
    await appendChunk(db, makeChunk(SESSION_A, 0, 6), START + 1);
    await uploadPending(makeDeps(db, server.fetch).deps);
    expect(server.requests[1]!.batch.dropped).toBeUndefined();
  });

  it('gives a batch with drop reports another id than the same chunks without', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 5), START, drop(0, 4));
    const server = fakeServer(accept);
    await uploadPending(makeDeps(db, server.fetch).deps);
    const keys = [{ sessionId: SESSION_A, page: 0, seq: 5 }];
    expect(server.requests[0]!.batch.batchId).not.toBe(await batchIdFor(keys));
    expect(server.requests[0]!.batch.batchId).toBe(await batchIdFor(keys, server.requests[0]!.batch.dropped));
  });

  it('does not put drop reports on the halves of a split batch', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 5), START, drop(0, 4));
    await appendChunk(db, makeChunk(SESSION_A, 0, 6), START + 1);
    const server = fakeServer((req) => (req.batch.chunks.length > 1 ? new Response('', { status: 413 }) : accept(req)));
    const report = await uploadPending(makeDeps(db, server.fetch).deps);
    expect(server.requests.map((r) => r.batch.dropped?.length ?? 0)).toEqual([1, 0, 0]);
    expect(report).toMatchObject({ status: 'drained', chunksUploaded: 2, dropsReported: 0 });
    // Still pending: they go with the next batch.
    expect((await getQueueStats(db)).dropReportsPending).toBe(1);
  });
});
