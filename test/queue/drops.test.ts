import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import { deleteUploadedChunks } from '../../lib/queue/delete-chunks';
import { pruneReportedDrops, recordDrops, takeDropReports } from '../../lib/queue/drops';
import { expireChunks } from '../../lib/queue/expire-chunks';
import { openQueueDb, type QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats } from '../../lib/queue/queue-stats';
import { takeBatch } from '../../lib/queue/take-batch';
import { freshDb, makeChunk } from './fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';

let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

const r = (fromSeq: number, toSeq: number | null) => ({ fromSeq, toSeq });
const reports = async () => (await takeDropReports(db, 100)).map((d) => d.report);

describe('drop records', () => {
  it("stores the recorder's report with the chunk, counting each dropped seq once even when re-sent", async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 3), 1000, [r(0, 1)]);
    // The ack was lost: the recorder re-sends the chunk with a report that has grown meanwhile.
    await appendChunk(db, makeChunk(SESSION_A, 0, 3), 1100, [r(0, 2)]);
    const stats = await getQueueStats(db);
    expect(stats.counters.chunksDropped).toBe(3);
    expect(stats.counters.chunksDuplicate).toBe(1);
    expect(stats.dropReportsPending).toBe(2);
    expect(await reports()).toEqual([
      { sessionId: SESSION_A, page: 0, fromSeq: 0, toSeq: 1, reason: 'recorder-overflow', at: 1000 },
      { sessionId: SESSION_A, page: 0, fromSeq: 2, toSeq: 2, reason: 'recorder-overflow', at: 1100 },
    ]);
  });

  it('records a page cut short by full storage as an open-ended range, counted once', async () => {
    const added = await recordDrops(
      db,
      { sessionId: SESSION_B, page: 2 },
      [
        { ranges: [r(7, null)], reason: 'storage-full' },
        { ranges: [r(5, 5)], reason: 'recorder-overflow' },
      ],
      5,
    );
    expect(added).toBe(2);
    // Already known: nothing new.
    expect(await recordDrops(db, { sessionId: SESSION_B, page: 2 }, [{ ranges: [r(9, 9)], reason: 'recorder-overflow' }], 6)).toBe(0);
    expect((await reports()).map((d) => [d.fromSeq, d.toSeq, d.reason])).toEqual([
      [5, 5, 'recorder-overflow'],
      [7, null, 'storage-full'],
    ]);
    expect((await getQueueStats(db)).counters.chunksDropped).toBe(2);
  });

  it('are marked reported with the upload that carried them, and forgotten after retention', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 4), 1000, [r(0, 3)]);
    const carried = await takeDropReports(db, 100);
    const chunks = await takeBatch(db, { maxBytes: 1e6, maxChunks: 10 });
    await deleteUploadedChunks(
      db,
      chunks,
      2000,
      carried.map((d) => d.key),
    );
    expect(await takeDropReports(db, 100)).toEqual([]);
    expect((await getQueueStats(db)).dropReportsPending).toBe(0);
    // Still known: a late re-send of the same report is not counted again.
    await appendChunk(db, makeChunk(SESSION_A, 0, 5), 2100, [r(0, 3)]);
    expect((await getQueueStats(db)).counters.chunksDropped).toBe(4);
    expect(await pruneReportedDrops(db, 1999)).toBe(0);
    expect(await pruneReportedDrops(db, 2001)).toBe(1);
  });

  it('expiry records what it deleted as expired ranges, without counting it as dropped', async () => {
    for (const seq of [0, 1, 2, 5]) await appendChunk(db, makeChunk(SESSION_A, 1, seq), 1000);
    await appendChunk(db, makeChunk(SESSION_A, 1, 6), 9000);
    expect(await expireChunks(db, 5000, 7000)).toBe(4);
    expect(await reports()).toEqual([
      { sessionId: SESSION_A, page: 1, fromSeq: 0, toSeq: 2, reason: 'expired', at: 7000 },
      { sessionId: SESSION_A, page: 1, fromSeq: 5, toSeq: 5, reason: 'expired', at: 7000 },
    ]);
    const stats = await getQueueStats(db);
    expect(stats.counters).toMatchObject({ chunksExpired: 4, chunksDropped: 0 });
  });

  it('queue stats say when storage is at its cap', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0, 2000), 1);
    const { pendingBytes } = await getQueueStats(db);
    expect(await getQueueStats(db, pendingBytes + 1)).toMatchObject({ capBytes: pendingBytes + 1, storageFull: false });
    expect(await getQueueStats(db, pendingBytes)).toMatchObject({ storageFull: true });
    expect((await getQueueStats(db)).storageFull).toBeUndefined();
  });
});

describe('database upgrade', () => {
  it('opens a version-1 queue as the current version, keeping its chunks and adding the drop records, shots and shot drop totals', async () => {
    const name = `webtrace-v1-${crypto.randomUUID()}`;
    const v1 = await openDB(name, 1, {
      upgrade(d) {
        const chunks = d.createObjectStore('chunks', { keyPath: ['sessionId', 'page', 'seq'] });
        chunks.createIndex('byAge', ['queuedAt', 'sessionId', 'page', 'seq']);
        d.createObjectStore('setAside', { keyPath: 'id', autoIncrement: true });
        d.createObjectStore('counters');
      },
    });
    const chunk = makeChunk(SESSION_A, 0, 0);
    await v1.put('chunks', { sessionId: SESSION_A, page: 0, seq: 0, site: chunk.site, bytes: 100, queuedAt: 1, chunk });
    v1.close();
    const v2 = await openQueueDb(name);
    expect(v2.version).toBe(4);
    expect(await v2.count('chunks')).toBe(1);
    expect(await v2.count('shots')).toBe(0);
    expect(await v2.count('shotDrops')).toBe(0);
    expect(await recordDrops(v2, { sessionId: SESSION_A, page: 0 }, [{ ranges: [r(1, 1)], reason: 'recorder-overflow' }], 1)).toBe(1);
    v2.close();
  });
});
