import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { onEachStore } from '../support/engines/on-each-store';
import type { StoredShotRecord } from '../../server/store/shot-record';
import { S3Store } from '../../server/store/s3/s3-store';
import { shotObjectKey } from '../../server/store/s3/shots';
import { InstallErasedError, SessionOwnedError } from '../../server/store/store';
import { makeChunk, newSessionId } from '../server/fixtures';
import { makeShotMeta, makeWebp, SHOT_INSTALL } from '../server/shot-fixtures';

/**
 * Screenshots through the Store interface (issue 15), on the fs store and on
 * the s3 store (a real Ceph RGW bucket and a real PostgreSQL database):
 * exactly once across instances, owned like chunks, erased with them.
 */
const OTHER = '9b1d2c3e-4f50-4a6b-8c7d-0e1f2a3b4c5d';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
function shot(fill: string, overrides: Partial<StoredShotRecord> = {}): { record: StoredShotRecord; image: Buffer } {
  const image = makeWebp(640, 400, 'VP8', fill);
  return { image, record: { ...makeShotMeta(image), sha256: sha(image), storedAt: 1_700_000_001_000, ...overrides } };
}
let batchNo = 0;

onEachStore('shots', ({ open, kind }) => {
  const instances = kind === 's3' ? 3 : 1;

  it(`20 racing writers of one key on ${instances} instance(s): 1 created; the rest "conflict" (other bytes) or "same" (these bytes)`, async () => {
    const stores = await Promise.all(Array.from({ length: instances }, open));
    for (const sameBytes of [false, true]) {
      const sessionId = newSessionId();
      const puts = await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const { record, image } = shot(sameBytes ? 'one' : `writer-${i}`, { sessionId });
          return stores[i % stores.length]!.putShot(record, image);
        }),
      );
      const outcomes = puts.map((p) => p.outcome);
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
      expect(outcomes.filter((o) => o === (sameBytes ? 'same' : 'conflict'))).toHaveLength(19);
      const winner = puts.find((p) => p.outcome === 'created')!.stored;
      expect(new Set(puts.map((p) => p.stored.sha256))).toEqual(new Set([winner.sha256]));
      for (const store of stores) {
        expect(sha((await store.readShotImage(winner))!)).toBe(winner.sha256);
        expect(await store.listShots(sessionId)).toEqual([winner]);
      }
    }
  });

  it('lists a session oldest first, answers null for an unknown key', async () => {
    const store = await open();
    const sessionId = newSessionId();
    for (const takenAt of [300, 100, 200]) {
      const { record, image } = shot(`t${takenAt}`, { sessionId, takenAt });
      expect((await store.putShot(record, image)).outcome).toBe('created');
    }
    expect((await store.listShots(sessionId)).map((r) => r.takenAt)).toEqual([100, 200, 300]);
    expect(await store.readShotImage({ sessionId, page: 0, takenAt: 999 })).toBeNull();
    expect(await store.listShots(newSessionId())).toEqual([]);
  });

  it("a shot opens its session for its install: another install's shots and chunks are refused; an erased install's too", async () => {
    const store = await open();
    const sessionId = newSessionId();
    await store.putShot(shot('mine', { sessionId }).record, shot('mine').image);
    expect(await store.ownerOf(sessionId)).toBe(SHOT_INSTALL);
    const theirs = shot('theirs', { sessionId, installId: OTHER, takenAt: 5 });
    await expect(store.putShot(theirs.record, theirs.image)).rejects.toBeInstanceOf(SessionOwnedError);
    const batchId = `batch_shots_${batchNo++}`;
    const chunk = { ...makeChunk({ sessionId, seq: 0 }), batchId, installId: OTHER, orgId: null, extensionVersion: '0.1.0' };
    await expect(store.commitBatch({ batchId, stored: 1, duplicates: 0, installId: OTHER }, [chunk], [])).rejects.toBeInstanceOf(
      SessionOwnedError,
    );
    const erased = crypto.randomUUID();
    await store.putTombstone({ installId: erased, erasedAt: 1_700_000_000_000, by: 'admin' });
    const late = shot('late', { sessionId: newSessionId(), installId: erased });
    await expect(store.putShot(late.record, late.image)).rejects.toBeInstanceOf(InstallErasedError);
  });

  it('deleteSession and deleteInstall remove shots (and their objects), sessions known only from shots included', async () => {
    const store = await open();
    const install = crypto.randomUUID();
    const [withChunks, shotsOnly] = [newSessionId(), newSessionId()];
    const batchId = `batch_shots_${batchNo++}`;
    const chunk = {
      ...makeChunk({ sessionId: withChunks, seq: 0 }),
      batchId,
      installId: install,
      orgId: null,
      extensionVersion: '0.1.0',
    };
    await store.commitBatch({ batchId, stored: 1, duplicates: 0, installId: install }, [chunk], []);
    for (const sessionId of [withChunks, shotsOnly]) {
      for (const takenAt of [1, 2])
        await store.putShot(
          shot(`${sessionId}${takenAt}`, { sessionId, takenAt, installId: install }).record,
          shot(`${sessionId}${takenAt}`).image,
        );
    }
    const shotOnly = (await store.listShotOnlySessions()).filter((x) => x.installId === install);
    expect(shotOnly).toEqual([{ id: shotsOnly, installId: install, site: 'http://localhost:5173', startedAt: 1 }]);
    expect(await store.deleteSession(withChunks)).toEqual({ sessions: 1, chunks: 1 });
    expect(await store.listShots(withChunks)).toEqual([]);
    expect(await store.readShotImage({ sessionId: withChunks, page: 0, takenAt: 1 })).toBeNull();
    expect(await store.listShots(shotsOnly)).toHaveLength(2);
    // The session of shots only counts as one.
    expect(await store.deleteInstall(install)).toEqual({ sessions: 1, chunks: 0 });
    expect(await store.listShots(shotsOnly)).toEqual([]);
    expect(await store.ownerOf(shotsOnly)).toBeUndefined();
    if (store instanceof S3Store) {
      const left: string[] = [];
      for await (const page of store.bucket.list(`r30/${install}/`)) left.push(...page.map((o) => o.key));
      expect(left).toEqual([]);
    }
    const reopened = await open();
    expect(await reopened.listShots(shotsOnly)).toEqual([]);
  });

  if (instances > 1)
    it('the sweeper removes a shot object a writer killed before its COMMIT left, and keeps stored shots', async () => {
      const store = (await open()) as S3Store;
      const sessionId = newSessionId();
      const kept = shot('kept', { sessionId, takenAt: 10 });
      await store.putShot(kept.record, kept.image);
      // Killed after its put: an object, no row; and one of other bytes under the stored key.
      const orphan = shot('orphan', { sessionId, takenAt: 11 });
      const loser = shot('loser', { sessionId, takenAt: 10 });
      for (const o of [orphan, loser]) await store.bucket.putOnce(shotObjectKey('r30', o.record), o.image, 'image/webp');
      await store.sweep(Date.now() + 2 * 3_600_000);
      const left: string[] = [];
      for await (const page of store.bucket.list(`r30/${SHOT_INSTALL}/${sessionId}/`)) left.push(...page.map((o) => o.key));
      expect(left).toEqual([shotObjectKey('r30', kept.record)]);
      expect(await store.readShotImage(kept.record)).toEqual(kept.image);
      // The orphan's key stores normally afterwards.
      expect((await store.putShot(orphan.record, orphan.image)).outcome).toBe('created');
      expect(await store.readShotImage(orphan.record)).toEqual(orphan.image);
    });
});
