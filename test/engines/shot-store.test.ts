import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type StoreSettings } from '../../server/store/open-store';
import type { StoredShotRecord } from '../../server/store/shot-record';
import { S3Store } from '../../server/store/s3/s3-store';
import { InstallErasedError, SessionOwnedError, type Store } from '../../server/store/store';
import { makeChunk, newSessionId } from '../server/fixtures';
import { makeShotMeta, makeWebp, SHOT_INSTALL } from '../server/shot-fixtures';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { createTestDatabase } from '../support/engines/create-test-database';
import { describeWithCeph, describeWithPostgres } from '../support/engines/engine-gate';
import { s3StoreSettings } from '../support/engines/s3-store-settings';
import { silentLogger } from '../support/silent-logger';

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

function shotContract(name: string, settings: () => Promise<StoreSettings>, instances: number) {
  describe(`shots: ${name}`, () => {
    const opened: Store[] = [];
    const open = async () => {
      const store = await openStore(await settings(), silentLogger);
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      for (const s of opened) await s.close().catch(() => {});
    });

    it(`20 racing writers of one key on ${instances} instance(s): 1 created; the rest "conflict" (other bytes) or "same" (these bytes)`, async () => {
      const stores = await Promise.all(Array.from({ length: instances }, open));
      for (const sameBytes of [false, true]) {
        const sessionId = newSessionId();
        const started = performance.now();
        const puts = await Promise.all(
          Array.from({ length: 20 }, (_, i) => {
            const { record, image } = shot(sameBytes ? 'one' : `writer-${i}`, { sessionId });
            return stores[i % stores.length]!.putShot(record, image);
          }),
        );
        const ms = performance.now() - started;
        const outcomes = puts.map((p) => p.outcome);
        expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
        expect(outcomes.filter((o) => o === (sameBytes ? 'same' : 'conflict'))).toHaveLength(19);
        const winner = puts.find((p) => p.outcome === 'created')!.stored;
        expect(new Set(puts.map((p) => p.stored.sha256))).toEqual(new Set([winner.sha256]));
        for (const store of stores) {
          expect(sha((await store.readShotImage(winner))!)).toBe(winner.sha256);
          expect(await store.listShots(sessionId)).toEqual([winner]);
        }
        console.log(`[figures] ${name}: 20 racing puts of one shot key in ${ms.toFixed(0)} ms (${sameBytes ? 'same' : 'other'} bytes)`);
      }
    });

    it('stores one shot in a few ms, lists a session oldest first, answers null for an unknown key', async () => {
      const store = await open();
      const sessionId = newSessionId();
      const times: number[] = [];
      for (const takenAt of [300, 100, 200]) {
        const { record, image } = shot(`t${takenAt}`, { sessionId, takenAt });
        const t = performance.now();
        expect((await store.putShot(record, image)).outcome).toBe('created');
        times.push(performance.now() - t);
      }
      console.log(`[figures] ${name}: putShot ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
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
      await store.deleteSession(withChunks);
      expect(await store.listShots(withChunks)).toEqual([]);
      expect(await store.readShotImage({ sessionId: withChunks, page: 0, takenAt: 1 })).toBeNull();
      expect(await store.listShots(shotsOnly)).toHaveLength(2);
      await store.deleteInstall(install);
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
  });
}

const fsDirs: string[] = [];
afterAll(async () => {
  for (const d of fsDirs) await rm(d, { recursive: true, force: true });
});
let fsDir: string | null = null;
shotContract(
  'fs',
  async () => {
    if (!fsDir) {
      fsDir = await mkdtemp(join(tmpdir(), 'webtrace-shots-'));
      fsDirs.push(fsDir);
    }
    return { kind: 'fs', dataDir: fsDir };
  },
  1,
);

describeWithPostgres('s3 store needs PostgreSQL', (pgSettings) => {
  describeWithCeph('and Ceph', (s3) => {
    // One promise: instances opened at once must share one bucket and one database.
    let settings: Promise<StoreSettings> | null = null;
    const make = async () => s3StoreSettings(s3, await createTestBucket(s3, 'shots'), await createTestDatabase(pgSettings, 'shots'));
    shotContract('s3 (Ceph RGW + PostgreSQL)', () => (settings ??= make()), 3);
  });
});
