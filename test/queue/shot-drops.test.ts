import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteSession } from '../../lib/queue/delete-session';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { markShotDropsReported, shotDropCounts, takeShotDropReports, tallyShotDrops } from '../../lib/queue/shot-drops';
import { buildBatch } from '../../lib/upload/build-batch';
import { SESSION_A, SESSION_B } from '../support/builders';
import { freshDb } from './fixtures';

let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

const pageA = { sessionId: SESSION_A, page: 0 };

describe('discarded-shot totals', () => {
  it('counts per page and reason, reports running totals, and stays pending only where more were dropped meanwhile', async () => {
    await tallyShotDrops(db, pageA, 'regions-changed', 10);
    await tallyShotDrops(db, pageA, 'regions-changed', 11);
    await tallyShotDrops(db, { sessionId: SESSION_B, page: 2 }, 'quota', 12);
    const taken = await takeShotDropReports(db, 100);
    expect(taken).toEqual(
      expect.arrayContaining([
        { sessionId: SESSION_A, page: 0, reason: 'regions-changed', count: 2, at: 11 },
        { sessionId: SESSION_B, page: 2, reason: 'quota', count: 1, at: 12 },
      ]),
    );
    // One more is dropped while the batch is in flight: that total is still to report, the other is done.
    await tallyShotDrops(db, pageA, 'regions-changed', 13);
    await markShotDropsReported(db, taken);
    expect(await takeShotDropReports(db, 100)).toEqual([{ sessionId: SESSION_A, page: 0, reason: 'regions-changed', count: 3, at: 13 }]);
    await markShotDropsReported(db, await takeShotDropReports(db, 100));
    expect(await takeShotDropReports(db, 100)).toEqual([]);
    expect(await shotDropCounts(db)).toEqual({ 'regions-changed': 3, quota: 1 });
  });

  it("goes with the person's deletion of the session", async () => {
    await tallyShotDrops(db, pageA, 'precondition', 1);
    await tallyShotDrops(db, { sessionId: SESSION_B, page: 0 }, 'precondition', 1);
    await deleteSession(db, SESSION_A);
    expect((await takeShotDropReports(db, 100)).map((r) => r.sessionId)).toEqual([SESSION_B]);
  });

  it('travels in the batch and changes its id (a higher total is another batch)', async () => {
    const { makeChunk } = await import('./fixtures');
    const chunk = makeChunk(SESSION_A, 0, 0);
    const records = [{ sessionId: SESSION_A, page: 0, seq: 0, site: chunk.site, bytes: 1, queuedAt: 1, chunk }];
    const envelope = { installId: '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69', orgId: null, extensionVersion: '0.1.0', sentAt: 1 };
    const one = { sessionId: SESSION_A, page: 0, reason: 'quota', count: 1, at: 1 };
    const plain = await buildBatch(records, envelope);
    const withOne = await buildBatch(records, { ...envelope, shotDrops: [one] });
    const withTwo = await buildBatch(records, { ...envelope, shotDrops: [{ ...one, count: 2 }] });
    expect(new Set([plain.batchId, withOne.batchId, withTwo.batchId]).size).toBe(3);
  });
});
