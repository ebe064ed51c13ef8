import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats } from '../../lib/queue/queue-stats';
import { listSetAside } from '../../lib/queue/set-aside';
import { MAX_SERVER_FAILURES } from '../../lib/upload/isolate-failing';
import { uploadPending } from '../../lib/upload/upload-pending';
import type { UploadState } from '../../lib/upload/upload-state';
import { freshDb, makeChunk } from '../queue/fixtures';
import { SESSION_A } from '../support/builders';
import { accept, fakeServer, jsonResponse, makeDeps, seqs, START, TEST_CONFIG } from './fake-server';

/** The uploader against an endpoint that lies, redirects, or fails on one chunk for ever. */
let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

async function queue(n: number) {
  for (let seq = 0; seq < n; seq++) await appendChunk(db, makeChunk(SESSION_A, 0, seq), START + seq);
}

describe('a 2xx that is not a receipt, and redirects', () => {
  it.each([
    [
      'a login page (200, HTML)',
      () => new Response('<html><form action="/login">', { status: 200, headers: { 'Content-Type': 'text/html' } }),
    ],
    ['a 302 to a login page', () => new Response(null, { status: 302, headers: { Location: 'https://sso.example/login' } })],
    ['a 307 to another origin', () => new Response(null, { status: 307, headers: { Location: 'https://elsewhere.example/v1/batches' } })],
    ['a receipt for another batch', () => jsonResponse(200, { batchId: 'someone-elses-batch', stored: 2, duplicates: 0 })],
  ])('keeps every chunk after %s, backs off and says why', async (_what, respond) => {
    await queue(2);
    const server = fakeServer(respond);
    const { deps, state } = makeDeps(db, server.fetch);
    const report = await uploadPending(deps);
    expect(report.status).toBe('backingOff');
    expect(await db.count('chunks')).toBe(2);
    expect(state.current().attempt).toBe(1);
    const stats = await getQueueStats(db);
    expect(stats.counters).toMatchObject({ chunksUploaded: 0, batchesUploaded: 0, uploadFailures: 1 });
    expect(stats.lastError).toMatch(/redirect, which is never followed|nothing is deleted until the server acknowledges/);
  });

  it('asks fetch never to follow a redirect', async () => {
    await queue(1);
    let init: RequestInit | undefined;
    const { deps } = makeDeps(db, (async (_url: unknown, i?: RequestInit) => {
      init = i;
      return new Response(null, { status: 302 });
    }) as typeof fetch);
    await uploadPending(deps);
    expect(init?.redirect).toBe('manual');
  });
});

describe('a batch the server keeps failing on (5xx)', () => {
  const poison = (bad: number) => (req: Parameters<typeof accept>[0]) =>
    seqs(req).includes(bad) ? jsonResponse(500, { error: 'internal_error', message: 'internal server error' }) : accept(req);

  it(`is retried ${MAX_SERVER_FAILURES} times with backoff, then the chunk it fails on is set aside and the rest delivered`, async () => {
    await queue(6);
    const server = fakeServer(poison(3));
    const { deps, clock, state } = makeDeps(db, server.fetch);
    for (let i = 0; i < MAX_SERVER_FAILURES; i++) {
      const report = await uploadPending(deps);
      expect(report.status, `attempt ${i + 1}`).toBe('backingOff');
      clock.now = report.notBefore;
    }
    expect(await db.count('chunks')).toBe(6);
    expect(state.current().serverFailures).toEqual({ firstKey: `${SESSION_A}/0/0`, count: MAX_SERVER_FAILURES });

    const report = await uploadPending(deps);
    expect(report).toMatchObject({ status: 'drained', chunksUploaded: 5, chunksSetAside: 1 });
    const [entry] = await listSetAside(db);
    expect(entry).toMatchObject({ status: 500, chunkKeys: [{ sessionId: SESSION_A, page: 0, seq: 3 }] });
    expect(entry!.reason).toMatch(/the server failed on this chunk 9 times in a row .* while it accepted others/);
    expect(state.current()).toEqual({ attempt: 0, notBefore: 0 });
    expect((await getQueueStats(db)).counters).toMatchObject({ batchesSetAside: 1, chunksSetAside: 1, chunksUploaded: 5 });
  });

  it('counts the failures of the same first chunk even when the batch grows in between', async () => {
    await queue(2);
    const server = fakeServer(poison(0));
    const { deps, clock, state } = makeDeps(db, server.fetch);
    for (let i = 0; i < MAX_SERVER_FAILURES; i++) {
      await appendChunk(db, makeChunk(SESSION_A, 0, 2 + i), clock.now);
      clock.now = (await uploadPending(deps)).notBefore;
    }
    expect(new Set(server.requests.map((r) => r.batch.batchId)).size).toBe(MAX_SERVER_FAILURES);
    expect(state.current().serverFailures?.count).toBe(MAX_SERVER_FAILURES);
    await uploadPending(deps);
    expect((await listSetAside(db)).map((e) => e.chunkKeys[0]!.seq)).toEqual([0]);
    expect(await db.count('chunks')).toBe(0);
  });

  it('with one chunk per batch, proves the server works on the next chunk before setting one aside', async () => {
    await queue(3);
    const config = { ...TEST_CONFIG, upload: { ...TEST_CONFIG.upload, maxBatchChunks: 1 } };
    const server = fakeServer(poison(0));
    const { deps, state } = makeDeps(db, server.fetch, { config });
    await state.set({
      attempt: MAX_SERVER_FAILURES,
      notBefore: 0,
      serverFailures: { firstKey: `${SESSION_A}/0/0`, count: MAX_SERVER_FAILURES },
    } satisfies UploadState);
    const report = await uploadPending(deps);
    expect(server.requests.map(seqs)).toEqual([[0], [1], [2]]);
    expect(report).toMatchObject({ status: 'drained', chunksSetAside: 1, chunksUploaded: 2 });
  });

  it('sets nothing aside when the server fails on everything (it is the server, not a chunk)', async () => {
    await queue(4);
    const server = fakeServer(() => jsonResponse(500, { error: 'internal_error', message: 'down' }));
    const { deps, clock } = makeDeps(db, server.fetch);
    for (let i = 0; i < MAX_SERVER_FAILURES + 3; i++) clock.now = (await uploadPending(deps)).notBefore;
    expect(await db.count('chunks')).toBe(4);
    expect(await db.count('setAside')).toBe(0);
  });

  it('does not count 503 and 507 (the server is busy or full, not failing on the batch)', async () => {
    await queue(2);
    const server = fakeServer(() => jsonResponse(507, { error: 'insufficient_storage', message: 'full' }));
    const { deps, clock, state } = makeDeps(db, server.fetch);
    for (let i = 0; i < MAX_SERVER_FAILURES + 2; i++) clock.now = (await uploadPending(deps)).notBefore;
    expect(state.current().serverFailures).toBeUndefined();
    expect(server.requests).toHaveLength(MAX_SERVER_FAILURES + 2);
  });
});

describe('a refusal for good', () => {
  it('sets aside chunks of a session another install owns (403) and uploads the rest', async () => {
    await queue(3);
    const server = fakeServer((req) =>
      seqs(req).includes(1) ? jsonResponse(403, { error: 'session_of_another_install', message: 'not yours' }) : accept(req),
    );
    const { deps, state } = makeDeps(db, server.fetch);
    const report = await uploadPending(deps);
    expect(report).toMatchObject({ status: 'drained', chunksUploaded: 2, chunksSetAside: 1 });
    expect((await listSetAside(db))[0]).toMatchObject({ status: 403, reason: 'session_of_another_install: not yours' });
    expect(state.current().attempt).toBe(0);
  });

  it("gives a single chunk refused with 413 the server's reason", async () => {
    await queue(1);
    const server = fakeServer(() => jsonResponse(413, { error: 'session_too_large', message: 'session x is past the cap' }));
    await uploadPending(makeDeps(db, server.fetch).deps);
    expect((await listSetAside(db))[0]!.reason).toBe('session_too_large: session x is past the cap');
  });
});

describe('429', () => {
  it('persists the wait before anything else, so a worker stopped right after the answer still honours it', async () => {
    await queue(1);
    const server = fakeServer(() => new Response('', { status: 429, headers: { 'Retry-After': '1' } }));
    const { deps, state } = makeDeps(db, server.fetch);
    const countersWhenSaved: number[] = [];
    const set = state.set.bind(state);
    state.set = async (next) => {
      countersWhenSaved.push((await getQueueStats(db)).counters.rateLimitedResponses);
      await set(next);
    };
    await uploadPending(deps);
    expect(countersWhenSaved).toEqual([0]);
    expect((await getQueueStats(db)).counters.rateLimitedResponses).toBe(1);
  });
});
