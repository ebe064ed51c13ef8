import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendChunk } from '../../lib/queue/append-chunk';
import type { QueueDb } from '../../lib/queue/open-queue-db';
import { getQueueStats } from '../../lib/queue/queue-stats';
import { uploadPending } from '../../lib/upload/upload-pending';
import { freshDb, makeChunk } from '../queue/fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';
import { fakeServer, jsonResponse, makeDeps, START, TEST_CONFIG } from './fake-server';

let db: QueueDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(() => db.close());

const ERASED_AT = Date.parse('2026-11-30T09:15:00.000Z');
const erased = () =>
  jsonResponse(410, {
    error: 'install_erased',
    message: `install 33333333-3333-4333-8333-333333333333 was erased on ${new Date(ERASED_AT).toISOString()}; the server keeps nothing more from it, delete this data locally`,
  });

describe('uploadPending: 410, the install was erased on the server', () => {
  it("deletes the batch's chunks here, counts them, remembers the server's date, and goes on with the rest", async () => {
    for (let seq = 0; seq < 3; seq++) await appendChunk(db, makeChunk(SESSION_A, 0, seq), START);
    await appendChunk(db, makeChunk(SESSION_B, 0, 0), START);
    const server = fakeServer(erased);
    const { deps } = makeDeps(db, server.fetch, { config: { ...TEST_CONFIG, upload: { ...TEST_CONFIG.upload, maxBatchChunks: 3 } } });
    const report = await uploadPending(deps);
    expect(report.status).toBe('drained');
    expect(server.requests).toHaveLength(2);
    expect(await db.count('chunks')).toBe(0);
    const stats = await getQueueStats(db);
    expect(stats.counters).toMatchObject({ batchesErasedOnServer: 2, chunksErasedOnServer: 4, chunksUploaded: 0, chunksSetAside: 0 });
    expect(stats.installErasedAt).toBe(ERASED_AT);
    expect(stats.pendingBytes).toBe(0);
  });

  it("a 410 that is not the server's install_erased answer deletes nothing and is retried", async () => {
    await appendChunk(db, makeChunk(SESSION_A, 0, 0), START);
    const server = fakeServer(() => jsonResponse(410, { error: 'gone', message: 'proxy' }));
    const { deps } = makeDeps(db, server.fetch);
    expect((await uploadPending(deps)).status).toBe('backingOff');
    expect(await db.count('chunks')).toBe(1);
    expect((await getQueueStats(db)).installErasedAt).toBeNull();
  });
});
