import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../lib/schema/audit-entry';
import type { SweepTimers } from '../../../server/lifecycle/retention/retention-sweeper';
import { DAY_MS } from '../../../server/lifecycle/retention/retention-window';
import { migrateStore } from '../../../server/store/migrate-store';
import { SessionStore } from '../../../server/store/session-store';
import type { StoredShotRecord } from '../../../server/store/shot-record';
import { makeBatch, makeChunk, newSessionId } from '../fixtures';
import { getJson, listFiles, makeTempDir, postBatch, removeDir } from '../harness';
import { makeShotMeta, makeWebp, postShot, SHOT_INSTALL } from '../shot-fixtures';
import { silentLogger } from '../../support/silent-logger';
import { makeLifecycleApp } from './lifecycle-harness';

/** Screenshots through retention and store:migrate (issue 15); erasure is in test/server/shot-route.test.ts. */
const T0 = 1_700_000_000_000;
let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});
const shotFiles = async (root: string) => (await listFiles(root)).filter((f) => f.startsWith('shots/'));

describe('retention', () => {
  let app: FastifyInstance;
  let clock: number;
  let ticks: (() => void)[];
  let audit: AuditEvent[];
  const timers: SweepTimers = {
    setInterval: (fn) => {
      ticks.push(fn);
      return {};
    },
    clearInterval: () => {},
  };
  beforeEach(() => {
    clock = T0 + 21 * DAY_MS;
    ticks = [];
    audit = [];
    app = makeLifecycleApp(dir, { now: () => clock, retention: { days: 30, timers }, audit: async (e) => void audit.push(e) });
  });
  afterEach(async () => {
    await app.close();
  });

  const shoot = async (sessionId: string, takenAt: number) => {
    const image = makeWebp(640, 400, 'VP8', `${sessionId}${takenAt}`);
    expect((await postShot(app, makeShotMeta(image, { sessionId, takenAt, requestedAt: takenAt }), image)).statusCode).toBe(200);
  };

  it('hides the shots of an expired session at once, and the sweep deletes them, sessions of shots only included', async () => {
    const [old, oldShotsOnly, recentShotsOnly] = [newSessionId(), newSessionId(), newSessionId()];
    expect((await postBatch(app, makeBatch([makeChunk({ sessionId: old, t0: T0 })]))).statusCode).toBe(200);
    await shoot(old, T0 + 1000);
    await shoot(oldShotsOnly, T0 + 2000);
    await shoot(recentShotsOnly, T0 + 20 * DAY_MS);

    clock = T0 + 31 * DAY_MS;
    for (const id of [old, oldShotsOnly]) {
      expect((await getJson(app, `/v1/sessions/${id}/shots`)).statusCode, id).toBe(404);
      expect((await getJson(app, `/v1/sessions/${id}/shots/0/${id === old ? T0 + 1000 : T0 + 2000}`)).statusCode, id).toBe(404);
    }
    expect((await getJson(app, `/v1/sessions/${recentShotsOnly}/shots`)).statusCode).toBe(200);

    ticks[0]!();
    const until = Date.now() + 5000;
    while (!audit.some((e) => e.action === 'retention.sweep') && Date.now() < until) await new Promise((r) => setImmediate(r));
    const sweep = audit.find((e) => e.action === 'retention.sweep')!;
    expect(sweep.ids?.slice().sort()).toEqual([old, oldShotsOnly].sort());
    expect(sweep.counts).toEqual({ sessions: 2, chunks: 1 });
    expect(new Set((await shotFiles(dir)).map((f) => f.split('/')[1]))).toEqual(new Set([recentShotsOnly]));
  });
});

describe('store:migrate', () => {
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const shot = (sessionId: string, takenAt: number, installId = SHOT_INSTALL) => {
    const image = makeWebp(640, 400, 'VP8X', `${sessionId}${takenAt}`);
    const record: StoredShotRecord = { ...makeShotMeta(image, { sessionId, takenAt, installId }), sha256: sha(image), storedAt: T0 + 5 };
    return { record, image };
  };

  it("copies the shots of every session, of sessions known only from shots too, once; never an erased install's", async () => {
    const dst = await makeTempDir();
    try {
      const src = await SessionStore.open(dir, silentLogger);
      const erased = randomUUID();
      const [withChunks, shotsOnly, erasedShots] = [newSessionId(), newSessionId(), newSessionId()];
      const chunk = {
        ...makeChunk({ sessionId: withChunks, seq: 0 }),
        batchId: 'batch_migrate_m1',
        installId: SHOT_INSTALL,
        orgId: null,
        extensionVersion: '0.1.0',
      };
      await src.commitBatch({ batchId: 'batch_migrate_m1', stored: 1, duplicates: 0, installId: SHOT_INSTALL }, [chunk], []);
      const planted = [shot(withChunks, T0 + 1), shot(withChunks, T0 + 2), shot(shotsOnly, T0 + 3)];
      for (const { record, image } of [...planted, shot(erasedShots, T0 + 4, erased)]) await src.putShot(record, image);
      await src.putTombstone({ installId: erased, erasedAt: T0 + 10, by: 'admin' });
      const target = await SessionStore.open(dst, silentLogger);

      const first = await migrateStore(src, target);
      expect(first).toMatchObject({ shots: 3, shotConflicts: [], erasedNotCopied: 1 });
      for (const { record, image } of planted) {
        expect(await target.readShotImage(record)).toEqual(image);
      }
      expect(await target.listShots(withChunks)).toEqual(await src.listShots(withChunks));
      expect(await target.listShots(shotsOnly)).toEqual(await src.listShots(shotsOnly));
      expect(await target.listShots(erasedShots)).toEqual([]);
      const files = await shotFiles(dst);

      // Again: nothing written twice, nothing conflicts.
      expect(await migrateStore(src, target)).toMatchObject({ shots: 3, shotConflicts: [] });
      expect(await shotFiles(dst)).toEqual(files);
      await src.close();
      await target.close();
    } finally {
      await removeDir(dst);
    }
  });
});
