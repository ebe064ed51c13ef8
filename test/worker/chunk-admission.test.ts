import { describe, expect, it, vi } from 'vitest';
import { getQueueStats, listLocalSessions } from '../../lib/queue';
import { DROP_REASONS } from '../../lib/schema/dropped-chunks';
import { createChunkAdmission } from '../../lib/worker/chunk-admission';
import { freshDb, makeChunk } from '../queue/fixtures';
import { SESSION_A } from '../support/builders';

async function setup(capBytes = 1_000_000) {
  const db = await freshDb();
  const queued: number[] = [];
  const admission = createChunkAdmission({
    db: async () => db,
    capBytes: async () => capBytes,
    now: () => 5_000,
    onQueued: (b) => queued.push(b),
    log: vi.fn(),
  });
  const drops = async () => (await db.getAll('drops')).map((d) => [d.fromSeq, d.toSeq, d.reason]);
  return { db, admission, queued, drops };
}

describe('chunk admission (ports and stash alike)', () => {
  it('stores a chunk and tells the scheduler how much waits', async () => {
    const t = await setup();
    await t.admission.store(makeChunk(SESSION_A, 0, 0), []);
    expect((await listLocalSessions(t.db)).map((s) => s.chunks)).toEqual([1]);
    expect(t.queued).toHaveLength(1);
    expect(t.queued[0]).toBe((await getQueueStats(t.db)).pendingBytes);
  });

  it('reads the queue level against the cap in force', async () => {
    const t = await setup(100);
    expect(await t.admission.level()).toBe('ok');
    await t.admission.store(makeChunk(SESSION_A, 0, 0, 200), []);
    expect(await t.admission.level()).toBe('over');
  });

  it("records each kind of loss with its reason, and the recorder's own drops riding on it", async () => {
    const t = await setup();
    const page = { sessionId: SESSION_A, page: 0 };
    await t.admission.refuse({ ...page, seq: 9 }, [{ fromSeq: 1, toSeq: 2 }]);
    await t.admission.dropUnstorable({ sessionId: SESSION_A, page: 1, seq: 4 }, []);
    await t.admission.dropStashed({ sessionId: SESSION_A, page: 2 }, [{ fromSeq: 5, toSeq: 6 }], []);
    expect(await t.drops()).toEqual([
      [1, 2, DROP_REASONS.recorderOverflow],
      [9, null, DROP_REASONS.storageFull],
      [4, 4, DROP_REASONS.unstorable],
      [5, 6, DROP_REASONS.storageFull],
    ]);
  });

  it('counts invalid recorder messages', async () => {
    const t = await setup();
    t.admission.countInvalid('bad');
    await expect.poll(async () => (await getQueueStats(t.db)).counters.chunksRejectedInvalid).toBe(1);
  });
});
