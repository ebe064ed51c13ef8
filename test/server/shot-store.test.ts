import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FsShots } from '../../server/store/fs-shots';
import { SessionStore } from '../../server/store/session-store';
import type { StoredShotRecord } from '../../server/store/shot-record';
import { SessionOwnedError, StoreCorruptError } from '../../server/store/store';
import { makeChunk, newSessionId } from './fixtures';
import { listFiles, makeTempDir, removeDir } from './harness';
import { makeShotMeta, makeWebp, SHOT_INSTALL } from './shot-fixtures';
import { silentLogger } from '../support/silent-logger';

/** The fs store's screenshots (server/store/fs-shots.ts): exactly once, crash-safe, erased with their session. */
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

const OTHER = '9b1d2c3e-4f50-4a6b-8c7d-0e1f2a3b4c5d';
function shot(fill: string, overrides: Partial<StoredShotRecord> = {}): { record: StoredShotRecord; image: Buffer } {
  const image = makeWebp(640, 400, 'VP8', fill);
  const sha256 = createHash('sha256').update(image).digest('hex');
  return { image, record: { ...makeShotMeta(image), sha256, storedAt: 1_700_000_001_000, ...overrides } };
}
const shotDir = (sessionId: string) => join(dir, 'shots', sessionId);

describe('fs shots: exactly once', () => {
  it('of 20 racing writers of one key with different bytes, across two store instances, one creates it; the rest see a conflict', async () => {
    const [a, b] = [await FsShots.open(dir, silentLogger), await FsShots.open(dir, silentLogger)];
    const sessionId = newSessionId();
    const puts = Array.from({ length: 20 }, (_, i) => {
      const { record, image } = shot(`writer-${i}`, { sessionId });
      return (i % 2 ? a : b).put(record, image);
    });
    const outcomes = (await Promise.all(puts)).map((p) => p.outcome);
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(19);
    // The losers' images are gone: one image, one record, and both instances and a restart agree on them.
    expect(await readdir(shotDir(sessionId))).toHaveLength(2);
    const reopened = await FsShots.open(dir, silentLogger);
    const [kept] = reopened.list(sessionId);
    const image = await reopened.readImage(kept!);
    expect(createHash('sha256').update(image!).digest('hex')).toBe(kept!.sha256);
    expect(await a.readImage(kept!)).toEqual(image);
    expect(await b.readImage(kept!)).toEqual(image);
  });

  it('a resend of the same bytes is "same" and writes nothing', async () => {
    const shots = await FsShots.open(dir, silentLogger);
    const { record, image } = shot('once', { sessionId: newSessionId() });
    expect((await shots.put(record, image)).outcome).toBe('created');
    const before = await listFiles(dir);
    expect(await shots.put({ ...record, storedAt: 5 }, image)).toEqual({ outcome: 'same', stored: record });
    expect(await listFiles(dir)).toEqual(before);
  });
});

describe('fs shots: crash-safe', () => {
  it('an image a crash left without its record, and temp files, are never served and removed at start; the resend stores', async () => {
    const sessionId = newSessionId();
    const { record, image } = shot('crashed', { sessionId });
    await (await FsShots.open(dir, silentLogger)).put(shot('kept', { sessionId, takenAt: 1 }).record, shot('kept').image);
    await writeFile(join(shotDir(sessionId), `000000-${record.takenAt}.${record.sha256}.webp`), image.subarray(0, 20));
    await writeFile(join(shotDir(sessionId), `.000000-${record.takenAt}.json.abcdef.tmp`), '{"cut');
    const shots = await FsShots.open(dir, silentLogger);
    expect(shots.list(sessionId).map((r) => r.takenAt)).toEqual([1]);
    expect(await shots.readImage(record)).toBeNull();
    expect((await readdir(shotDir(sessionId))).sort()).toHaveLength(2);
    expect((await shots.put(record, image)).outcome).toBe('created');
    expect(await shots.readImage(record)).toEqual(image);
  });

  it('a record whose image is missing is a StoreCorruptError, not a crash or a wrong answer', async () => {
    const shots = await FsShots.open(dir, silentLogger);
    const { record, image } = shot('lost', { sessionId: newSessionId() });
    await shots.put(record, image);
    const { rm } = await import('node:fs/promises');
    await rm(join(shotDir(record.sessionId), `000000-${record.takenAt}.${record.sha256}.webp`));
    await expect(shots.readImage(record)).rejects.toBeInstanceOf(StoreCorruptError);
  });
});

describe('fs store: shots belong to their session', () => {
  it('a shot opens a session for its install: another install is refused, for shots and for chunks', async () => {
    const store = await SessionStore.open(dir, silentLogger);
    try {
      const sessionId = newSessionId();
      const { record, image } = shot('first', { sessionId });
      expect((await store.putShot(record, image)).outcome).toBe('created');
      expect(await store.ownerOf(sessionId)).toBe(SHOT_INSTALL);
      await expect(store.putShot({ ...shot('theirs', { sessionId, installId: OTHER, takenAt: 2 }).record }, image)).rejects.toBeInstanceOf(
        SessionOwnedError,
      );
      const chunk = { ...makeChunk({ sessionId, seq: 0 }), batchId: 'b1', installId: OTHER, orgId: null, extensionVersion: '0.1.0' };
      await expect(store.commitBatch({ batchId: 'b1', stored: 1, duplicates: 0, installId: OTHER }, [chunk], [])).rejects.toBeInstanceOf(
        SessionOwnedError,
      );
    } finally {
      await store.close();
    }
  });

  it("lists a session's shots oldest first, across a restart", async () => {
    const sessionId = newSessionId();
    const store = await SessionStore.open(dir, silentLogger);
    for (const [takenAt, page] of [
      [300, 1],
      [100, 0],
      [200, 0],
    ] as const)
      await store.putShot(shot(`t${takenAt}`, { sessionId, takenAt, page }).record, shot(`t${takenAt}`).image);
    await store.close();
    const again = await SessionStore.open(dir, silentLogger);
    expect((await again.listShots(sessionId)).map((r) => r.takenAt)).toEqual([100, 200, 300]);
    expect(await again.listShots(newSessionId())).toEqual([]);
    await again.close();
  });

  it('deleteSession and deleteInstall remove shots, of sessions known only from shots too, for good', async () => {
    const store = await SessionStore.open(dir, silentLogger);
    const [withChunks, shotsOnly, other] = [newSessionId(), newSessionId(), newSessionId()];
    const chunk = {
      ...makeChunk({ sessionId: withChunks, seq: 0 }),
      batchId: 'b2',
      installId: SHOT_INSTALL,
      orgId: null,
      extensionVersion: '0.1.0',
    };
    await store.commitBatch({ batchId: 'b2', stored: 1, duplicates: 0, installId: SHOT_INSTALL }, [chunk], []);
    for (const sessionId of [withChunks, shotsOnly]) await store.putShot(shot(sessionId, { sessionId }).record, shot(sessionId).image);
    await store.putShot(shot('o', { sessionId: other, installId: OTHER }).record, shot('o').image);

    await store.deleteSession(withChunks);
    expect(await store.listShots(withChunks)).toEqual([]);
    await store.deleteInstall(SHOT_INSTALL);
    expect(await store.listShots(shotsOnly)).toEqual([]);
    expect(await store.ownerOf(shotsOnly)).toBeUndefined();
    expect(await store.listShots(other)).toHaveLength(1);
    await store.close();
    expect((await listFiles(join(dir, 'shots'))).filter((f) => !f.startsWith(other))).toEqual([]);
    const again = await SessionStore.open(dir, silentLogger);
    expect(await again.listShots(shotsOnly)).toEqual([]);
    await again.close();
  });
});
