import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import { deleteSession } from '../../lib/queue/delete-session';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats, pendingBytes } from '../../lib/queue/queue-stats';
import { jsonBytes } from '../../lib/queue/records';
import { deleteSetAside, getSetAside, listSetAside, setAsideBatch } from '../../lib/queue/set-aside';
import { takeBatch } from '../../lib/queue/take-batch';
import { freshDb, keyOf, makeChunk } from './fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';

const ALL = { maxBytes: 10_000_000, maxChunks: 500 };
let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

describe('setAsideBatch', () => {
  it('moves chunks out of the queue into one entry, with the reason and status', async () => {
    for (let seq = 0; seq < 3; seq++) await appendChunk(db, makeChunk(SESSION_A, 0, seq), seq);
    const [first, second] = await takeBatch(db, ALL);
    const id = await setAsideBatch(db, { reason: 'invalid_batch: events[0] bad', status: 400, records: [first!, second!], at: 99 });
    expect(id).not.toBeNull();
    expect((await takeBatch(db, ALL)).map((r) => r.seq)).toEqual([2]);
    const entry = await getSetAside(db, id!);
    expect(entry).toMatchObject({
      reason: 'invalid_batch: events[0] bad',
      status: 400,
      at: 99,
      chunkKeys: [keyOf(first!), keyOf(second!)],
    });
    expect(entry?.chunks).toEqual([first!.chunk, second!.chunk]);
    expect(await pendingBytes(db)).toBe(jsonBytes(makeChunk(SESSION_A, 0, 2)));
    const stats = await getQueueStats(db);
    expect(stats.setAsideBatches).toBe(1);
    expect(stats.counters).toMatchObject({ batchesSetAside: 1, chunksSetAside: 2 });
  });

  it('records nothing when the chunks are no longer queued', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0), 1);
    const [record] = await takeBatch(db, ALL);
    await setAsideBatch(db, { reason: 'r', status: 400, records: [record!], at: 1 });
    expect(await setAsideBatch(db, { reason: 'r', status: 400, records: [record!], at: 2 })).toBeNull();
    expect(await listSetAside(db)).toHaveLength(1);
  });

  it('lists summaries newest first, without chunks, and deletes by id', async () => {
    for (let seq = 0; seq < 2; seq++) await appendChunk(db, makeChunk(SESSION_A, 0, seq), seq);
    const records = await takeBatch(db, ALL);
    const older = await setAsideBatch(db, { reason: 'older', status: 422, records: [records[0]!], at: 1 });
    const newer = await setAsideBatch(db, { reason: 'newer', status: 413, records: [records[1]!], at: 2 });
    const list = await listSetAside(db);
    expect(list.map((e) => e.id)).toEqual([newer, older]);
    expect(list[0]).not.toHaveProperty('chunks');
    await deleteSetAside(db, older!);
    expect((await listSetAside(db)).map((e) => e.reason)).toEqual(['newer']);
  });
});

describe('deleteSession', () => {
  it("removes the session's queued and set-aside chunks and nothing else", async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0), 1);
    await appendChunk(db, makeChunk(SESSION_A, 3, 7), 2);
    await appendChunk(db, makeChunk(SESSION_B, 0, 0), 3);
    await appendChunk(db, makeChunk(SESSION_B, 0, 1), 4);
    await appendChunk(db, makeChunk(SESSION_A, 2, 5), 5);
    const all = await takeBatch(db, ALL);
    const mixed = all.filter((r) => r.seq === 1 || (r.sessionId === SESSION_A && r.page === 3));
    const id = await setAsideBatch(db, { reason: 'mixed', status: 400, records: mixed, at: 5 });

    const { deleted } = await deleteSession(db, SESSION_A);
    expect(deleted).toBe(2);
    expect((await takeBatch(db, ALL)).map(keyOf)).toEqual([{ sessionId: SESSION_B, page: 0, seq: 0 }]);
    expect(await pendingBytes(db)).toBe(jsonBytes(makeChunk(SESSION_B, 0, 0)));
    const entry = await getSetAside(db, id!);
    expect(entry?.chunkKeys).toEqual([{ sessionId: SESSION_B, page: 0, seq: 1 }]);
    expect(entry?.chunks).toHaveLength(1);
  });

  it('drops a set-aside entry left empty', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0), 1);
    const records = await takeBatch(db, ALL);
    await setAsideBatch(db, { reason: 'r', status: 400, records, at: 1 });
    await deleteSession(db, SESSION_A);
    expect(await listSetAside(db)).toEqual([]);
  });
});
