import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import { incrementCounter, recordLastError } from '../../lib/queue/counters';
import { deleteChunks, deleteUploadedChunks } from '../../lib/queue/delete-chunks';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats, pendingBytes, queueStatsSchema } from '../../lib/queue/queue-stats';
import { jsonBytes } from '../../lib/queue/records';
import { takeBatch } from '../../lib/queue/take-batch';
import { freshDb, keyOf, makeChunk } from './fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';

const ALL = { maxBytes: 10_000_000, maxChunks: 500 };
let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

describe('appendChunk', () => {
  it('stores a key once and says whether it was new', async () => {
    const chunk = makeChunk(SESSION_A, 0, 0);
    const first = await appendChunk(db, chunk, 1000);
    const second = await appendChunk(db, { ...chunk, url: 'http://localhost:3000/changed' }, 2000);
    expect(first.added).toBe(true);
    expect(second.added).toBe(false);
    const taken = await takeBatch(db, ALL);
    expect(taken).toHaveLength(1);
    // First write wins: a resend neither replaces nor re-dates the chunk.
    expect(taken[0]?.chunk.url).toBe(chunk.url);
    expect(taken[0]?.queuedAt).toBe(1000);
    const stats = await getQueueStats(db);
    expect(stats.counters.chunksQueued).toBe(1);
    expect(stats.counters.chunksDuplicate).toBe(1);
    expect(second.pendingBytes).toBe(jsonBytes(chunk));
  });

  it('commits with strict durability before resolving', async () => {
    const spy = vi.spyOn(db, 'transaction');
    await appendChunk(db, makeChunk(SESSION_A, 0, 0));
    expect(spy.mock.calls[0]?.[2]).toEqual({ durability: 'strict' });
    // Committed: visible from a different transaction right away.
    expect(await db.count('chunks')).toBe(1);
  });
});

describe('takeBatch', () => {
  it('returns oldest first, and in (page, seq) order within a session', async () => {
    await appendChunk(db, makeChunk(SESSION_B, 0, 0), 100);
    await appendChunk(db, makeChunk(SESSION_A, 1, 0), 200);
    await appendChunk(db, makeChunk(SESSION_A, 0, 1), 200);
    await appendChunk(db, makeChunk(SESSION_A, 0, 0), 200);
    await appendChunk(db, makeChunk(SESSION_A, 2, 0), 300);
    // Bounded to 4: the newest (queued at 300) stays behind although its key sorts first.
    const taken = await takeBatch(db, { maxBytes: 10_000_000, maxChunks: 4 });
    expect(taken.map(keyOf)).toEqual([
      { sessionId: SESSION_A, page: 0, seq: 0 },
      { sessionId: SESSION_A, page: 0, seq: 1 },
      { sessionId: SESSION_A, page: 1, seq: 0 },
      { sessionId: SESSION_B, page: 0, seq: 0 },
    ]);
  });

  it('is bounded by bytes, stops at the first chunk that does not fit, and does not remove anything', async () => {
    const size = jsonBytes(makeChunk(SESSION_A, 0, 0, 1000));
    for (let seq = 0; seq < 5; seq++) await appendChunk(db, makeChunk(SESSION_A, 0, seq, 1000), seq);
    const taken = await takeBatch(db, { maxBytes: size * 2 + 10, maxChunks: 100 });
    expect(taken.map((r) => r.seq)).toEqual([0, 1]);
    expect(await db.count('chunks')).toBe(5);
  });

  it('always returns at least one chunk, even one larger than maxBytes', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0, 5000), 1);
    await appendChunk(db, makeChunk(SESSION_A, 0, 1), 2);
    const taken = await takeBatch(db, { maxBytes: 1024, maxChunks: 100 });
    expect(taken.map((r) => r.seq)).toEqual([0]);
  });

  it('returns an empty list for an empty queue, and resets a drifted byte counter', async () => {
    await db.put('counters', 500, 'pendingBytes');
    expect(await takeBatch(db, ALL)).toEqual([]);
    expect(await pendingBytes(db)).toBe(0);
  });

  it('moves a corrupt stored record aside instead of failing', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0), 1);
    await appendChunk(db, makeChunk(SESSION_A, 0, 2), 3);
    // Written behind the queue's back: events must be a non-empty array.
    const bad = { ...makeChunk(SESSION_A, 0, 1), events: 'garbage' };
    await db.put('chunks', { sessionId: SESSION_A, page: 0, seq: 1, site: 'x', bytes: 77, queuedAt: 2, chunk: bad as never });
    const taken = await takeBatch(db, ALL, 5000);
    expect(taken.map((r) => r.seq)).toEqual([0, 2]);
    expect(await db.count('chunks')).toBe(2);
    const aside = await db.getAll('setAside');
    expect(aside).toHaveLength(1);
    expect(aside[0]?.reason).toMatch(/stored record is invalid/);
    expect(aside[0]?.chunkKeys).toEqual([{ sessionId: SESSION_A, page: 0, seq: 1 }]);
    expect(aside[0]?.at).toBe(5000);
    expect((await getQueueStats(db)).counters.storedRecordsCorrupt).toBe(1);
  });

  it('moves aside a record whose key does not match its chunk', async () => {
    await db.put('chunks', { sessionId: SESSION_A, page: 0, seq: 9, site: 'x', bytes: 1, queuedAt: 1, chunk: makeChunk(SESSION_B, 0, 0) });
    expect(await takeBatch(db, ALL)).toEqual([]);
    expect(await db.count('setAside')).toBe(1);
  });
});

describe('deleting', () => {
  it('deleteChunks removes exactly the given keys and ignores absent ones', async () => {
    for (let seq = 0; seq < 3; seq++) await appendChunk(db, makeChunk(SESSION_A, 0, seq), seq);
    const result = await deleteChunks(db, [keyOf(makeChunk(SESSION_A, 0, 1)), keyOf(makeChunk(SESSION_B, 5, 5))]);
    expect(result.deleted).toBe(1);
    expect((await takeBatch(db, ALL)).map((r) => r.seq)).toEqual([0, 2]);
    expect(await pendingBytes(db)).toBe(jsonBytes(makeChunk(SESSION_A, 0, 0)) + jsonBytes(makeChunk(SESSION_A, 0, 2)));
  });
});

describe('getQueueStats', () => {
  it('reports pending chunks and bytes, counters and last values, and parses with its schema', async () => {
    const a = makeChunk(SESSION_A, 0, 0, 100);
    const b = makeChunk(SESSION_A, 0, 1, 300);
    await appendChunk(db, a, 1);
    await appendChunk(db, b, 2);
    await deleteUploadedChunks(db, [keyOf(a)], 4242);
    await incrementCounter(db, 'chunksRejectedInvalid');
    await incrementCounter(db, 'chunksRejectedInvalid');
    await recordLastError(db, 'HTTP 500: boom', 4300);
    const stats = await getQueueStats(db);
    expect(queueStatsSchema.parse(stats)).toEqual(stats);
    expect(stats.pendingChunks).toBe(1);
    expect(stats.pendingBytes).toBe(jsonBytes(b));
    expect(stats.setAsideBatches).toBe(0);
    expect(stats.counters).toMatchObject({ chunksQueued: 2, chunksUploaded: 1, batchesUploaded: 1, chunksRejectedInvalid: 2 });
    expect(stats.lastUploadAt).toBe(4242);
    expect(stats.lastError).toBe('HTTP 500: boom');
    expect(stats.lastErrorAt).toBe(4300);
  });

  it('counts the recordings (sessions) the pending chunks belong to, over pages and sequence numbers', async () => {
    for (const [session, page, seq] of [
      [SESSION_A, 0, 0],
      [SESSION_A, 0, 1],
      [SESSION_A, 2, 0],
      [SESSION_B, 0, 5],
      [SESSION_B, 1, 0],
    ] as const) {
      await appendChunk(db, makeChunk(session, page, seq), 1);
    }
    expect(await getQueueStats(db)).toMatchObject({ pendingChunks: 5, pendingSessions: 2 });
    await deleteUploadedChunks(db, [keyOf(makeChunk(SESSION_B, 0, 5)), keyOf(makeChunk(SESSION_B, 1, 0))], 2);
    expect(await getQueueStats(db)).toMatchObject({ pendingChunks: 3, pendingSessions: 1 });
  });

  it('starts from zeros and nulls', async () => {
    const stats = await getQueueStats(db);
    expect(stats).toMatchObject({ pendingChunks: 0, pendingBytes: 0, setAsideBatches: 0, lastUploadAt: null, lastError: null });
    expect(Object.values(stats.counters).every((v) => v === 0)).toBe(true);
  });
});
