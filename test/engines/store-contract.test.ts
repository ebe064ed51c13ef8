import { expect, it } from 'vitest';
import { onEachStore } from '../support/engines/on-each-store';
import { chunkKeyString } from '../../lib/schema/chunk';
import type { StoredChunk, StoredReceipt } from '../../server/store/records';
import { SessionOwnedError } from '../../server/store/store';
import { makeChunk, newSessionId } from '../server/fixtures';

/**
 * One suite, two backends: what every store promises through the Store
 * interface (server/store/store.ts), run on the fs store and on the s3 store
 * (a real Ceph RGW bucket and a real PostgreSQL database).
 */
const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
const OTHER = '9b1d2c3e-4f50-4a6b-8c7d-0e1f2a3b4c5d';

const chunk = (sessionId: string, seq: number, batchId: string, t0 = 1_700_000_000_000 + seq * 100, installId = INSTALL): StoredChunk => ({
  ...makeChunk({ sessionId, seq, t0 }),
  batchId,
  installId,
  orgId: null,
  extensionVersion: '0.1.0',
});
const receipt = (batchId: string, stored: number, installId = INSTALL): StoredReceipt => ({
  batchId,
  stored,
  duplicates: 0,
  installId,
  digest: `digest-${batchId}`,
});
let batchNo = 0;
const newBatchId = () => `batch_contract_${(batchNo++).toString().padStart(6, '0')}`;

onEachStore('store contract', ({ open }) => {
  it('stores a batch and serves its chunks, summary and receipt back, in order', async () => {
    const store = await open();
    const id = newSessionId();
    const batchId = newBatchId();
    const chunks = [chunk(id, 1, batchId), chunk(id, 0, batchId)];
    expect(await store.commitBatch(receipt(batchId, 2), chunks, [])).toMatchObject({ batchId, stored: 2, duplicates: 0 });
    expect(await store.chunkKeys(id)).toEqual([
      { page: 0, seq: 0 },
      { page: 0, seq: 1 },
    ]);
    const back: StoredChunk[] = [];
    for await (const c of store.iterateChunks(id)) back.push(c);
    expect(back).toEqual([chunks[1], chunks[0]]);
    expect(await store.readChunk(id, { page: 0, seq: 1 })).toEqual(chunks[0]);
    expect(await store.meta(id)).toMatchObject({ id, chunks: 2, installId: INSTALL, startedAt: 1_700_000_000_000 });
    expect((await store.summaries()).map((s) => s.id)).toContain(id);
    expect(await store.readReceipt(batchId)).toMatchObject({ batchId, stored: 2, installId: INSTALL });
    expect(await store.ownerOf(id)).toBe(INSTALL);
    expect(await store.storedKeys([...chunks, chunk(id, 2, batchId)])).toEqual(new Set(chunks.map(chunkKeyString)));
  });

  it('stores a chunk once: a later batch carrying it again counts it as a duplicate', async () => {
    const store = await open();
    const id = newSessionId();
    const [first, second] = [newBatchId(), newBatchId()];
    await store.commitBatch(receipt(first, 1), [chunk(id, 0, first)], []);
    const again = await store.commitBatch(receipt(second, 2), [chunk(id, 0, second), chunk(id, 1, second)], []);
    expect(again).toMatchObject({ stored: 1, duplicates: 1 });
    expect(await store.meta(id)).toMatchObject({ chunks: 2 });
    // The first writer's copy is the one kept.
    expect((await store.readChunk(id, { page: 0, seq: 0 })).batchId).toBe(first);
  });

  it('refuses chunks and drop reports for a session another install owns', async () => {
    const store = await open();
    const id = newSessionId();
    const b = newBatchId();
    await store.commitBatch(receipt(b, 1), [chunk(id, 0, b)], []);
    const theirs = newBatchId();
    await expect(store.commitBatch(receipt(theirs, 1, OTHER), [chunk(id, 1, theirs, undefined, OTHER)], [])).rejects.toBeInstanceOf(
      SessionOwnedError,
    );
    const drop = { sessionId: id, page: 0, fromSeq: 5, toSeq: 6, reason: 'expired', at: 1_700_000_000_500 };
    await expect(store.commitBatch(receipt(newBatchId(), 0, OTHER), [], [drop])).rejects.toBeInstanceOf(SessionOwnedError);
    expect(await store.meta(id)).toMatchObject({ chunks: 1 });
    expect(await store.drops(id)).toEqual([]);
  });

  it('keeps each drop report once, and a session known only from a report has its owner', async () => {
    const store = await open();
    const id = newSessionId();
    const drop = { sessionId: id, page: 0, fromSeq: 1, toSeq: null, reason: 'storage-full', at: 1_700_000_000_001 };
    await store.commitBatch(receipt(newBatchId(), 0), [], [drop]);
    await store.commitBatch(receipt(newBatchId(), 0), [], [drop, { ...drop, fromSeq: 3 }]);
    expect(await store.drops(id)).toEqual([drop, { ...drop, fromSeq: 3 }]);
    expect(await store.ownerOf(id)).toBe(INSTALL);
    expect(await store.meta(id)).toBeUndefined();
    expect(await store.chunkKeys(id)).toBeNull();
  });

  it('lists sessions by install, site and start, oldest first; erases a session and a whole install', async () => {
    const store = await open();
    const install = crypto.randomUUID();
    const [a, b, c] = [newSessionId(), newSessionId(), newSessionId()];
    for (const [id, t0] of [
      [a, 3000],
      [b, 1000],
      [c, 2000],
    ] as const) {
      const bid = newBatchId();
      await store.commitBatch(receipt(bid, 1, install), [chunk(id, 0, bid, t0, install)], []);
    }
    expect((await store.listSessions({ installId: install })).map((m) => m.id)).toEqual([b, c, a]);
    expect((await store.listSessions({ installId: install, from: 1500, to: 3000 })).map((m) => m.id)).toEqual([c]);
    expect((await store.listSessions({ installId: install, sites: ['https://elsewhere.test'] })).map((m) => m.id)).toEqual([]);
    expect(await store.deleteSession(b)).toEqual({ sessions: 1, chunks: 1 });
    expect(await store.meta(b)).toBeUndefined();
    expect(await store.chunkKeys(b)).toBeNull();
    expect(await store.deleteInstall(install)).toEqual({ sessions: 2, chunks: 2 });
    expect(await store.listSessions({ installId: install })).toEqual([]);
    // Erased means gone for every reader, after a restart too.
    const reopened = await open();
    expect(await reopened.listSessions({ installId: install })).toEqual([]);
  });

  it('keeps everything across a restart', async () => {
    const store = await open();
    const id = newSessionId();
    const b = newBatchId();
    await store.commitBatch(receipt(b, 2), [chunk(id, 0, b), chunk(id, 1, b)], []);
    await store.close();
    const again = await open();
    expect(await again.meta(id)).toMatchObject({ chunks: 2 });
    expect(await again.readReceipt(b)).toMatchObject({ stored: 2 });
    expect((await again.readChunk(id, { page: 0, seq: 1 })).seq).toBe(1);
  });
});
