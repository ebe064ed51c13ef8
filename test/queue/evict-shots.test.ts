import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import { queuedShotBytes } from '../../lib/queue/evict-shots';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats } from '../../lib/queue/queue-stats';
import type { StoredShotRecord } from '../../lib/queue/shot-records';
import { takeShotDropReports } from '../../lib/queue/shot-drops';
import { appendShot, deleteUploadedShot } from '../../lib/queue/shots';
import { createChunkAdmission } from '../../lib/worker/chunk-admission';
import { SESSION_A, SESSION_B } from '../support/builders';
import { freshDb, makeChunk } from './fixtures';

let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

const SHOT_BYTES = 10_000;
const shot = (sessionId: string, page: number, takenAt: number): StoredShotRecord =>
  ({
    sessionId,
    page,
    takenAt,
    storedAt: takenAt,
    meta: {} as StoredShotRecord['meta'],
    image: new ArrayBuffer(SHOT_BYTES),
  }) as StoredShotRecord;

function admission(capBytes: number) {
  const log: string[] = [];
  return {
    log,
    a: createChunkAdmission({
      db: async () => db,
      capBytes: async () => capBytes,
      now: () => 5_000,
      onQueued: () => {},
      log: (m) => log.push(m),
    }),
  };
}

describe('chunks evict shots at the cap', () => {
  it('keeps shotBytes as shots come and go', async () => {
    await appendShot(db, shot(SESSION_A, 0, 1), 1e9);
    await appendShot(db, shot(SESSION_A, 0, 2), 1e9);
    expect(await queuedShotBytes(db)).toBe(2 * SHOT_BYTES);
    await deleteUploadedShot(db, [SESSION_A, 0, 1]);
    expect(await queuedShotBytes(db)).toBe(SHOT_BYTES);
  });

  it('evicts the oldest shots, never a chunk, counts them and tallies them for their pages', async () => {
    for (let i = 0; i < 5; i++) await appendShot(db, shot(i < 3 ? SESSION_A : SESSION_B, 0, i + 1), 1e9);
    await appendChunk(db, makeChunk(SESSION_A, 0, 0, 20_000), 1);
    const chunkBytes = (await getQueueStats(db)).counters.pendingBytes;
    // The cap leaves room for the chunk and two shots: the three oldest shots must go.
    const { a, log } = admission(chunkBytes + 2 * SHOT_BYTES + 1);
    expect(await a.roomForShot()).toBe(false);
    expect(await a.level()).toBe('ok');
    expect(await db.count('chunks')).toBe(1);
    expect((await db.getAllKeys('shots')).map((k) => k[2])).toEqual([4, 5]);
    const stats = await getQueueStats(db);
    expect(stats.counters.shotsEvicted).toBe(3);
    expect(await queuedShotBytes(db)).toBe(2 * SHOT_BYTES);
    expect(await takeShotDropReports(db, 100)).toEqual([{ sessionId: SESSION_A, page: 0, reason: 'evicted', count: 3, at: 5_000 }]);
    expect(log.join()).toContain('evicted 3 screenshots');
  });

  it('with no shot left, the level is the chunks own and a shot finds no room', async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0, 20_000), 1);
    const chunkBytes = (await getQueueStats(db)).counters.pendingBytes;
    const { a } = admission(chunkBytes - 1);
    expect(await a.level()).toBe('full');
    expect(await a.roomForShot()).toBe(false);
    expect(await db.count('chunks')).toBe(1);
  });
});
