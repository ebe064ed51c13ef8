import { expect, it } from 'vitest';
import type { ShotDropReport } from '../../lib/schema/shot-drops';
import type { Store } from '../../server/store/store';
import { makeChunk, newSessionId } from '../server/fixtures';
import { onEachStore } from '../support/engines/on-each-store';

/**
 * Devices' discarded-screenshot totals (issue 15) through the Store interface,
 * on the fs store and on the s3 store's PostgreSQL (`wt_shot_drops`): the
 * highest total per (session, page, reason) is kept whatever order the
 * reports arrive in and however many instances take them at once, so a
 * resend never counts a shot twice; the totals survive a reopen and go with
 * their session and their install.
 */
let batchNo = 0;

/** A session owned by `installId` (totals are recorded only for owned sessions, after their batch). */
async function ownedSession(store: Store, installId: string): Promise<string> {
  const sessionId = newSessionId();
  const batchId = `batch_shot_drops_${process.pid}_${batchNo++}`;
  const chunk = { ...makeChunk({ sessionId, seq: 0 }), batchId, installId, orgId: null, extensionVersion: '0.1.0' };
  await store.commitBatch({ batchId, stored: 1, duplicates: 0, installId }, [chunk], []);
  return sessionId;
}

const total = (sessionId: string, page: number, reason: string, count: number): ShotDropReport => ({
  sessionId,
  page,
  reason,
  count,
  at: 1_700_000_000_000 + count,
});
const counts = (reports: readonly ShotDropReport[]) => reports.map((r) => `${r.page}/${r.reason}=${r.count}`);

onEachStore('shot drop totals', ({ open, kind }) => {
  const instances = kind === 's3' ? 3 : 1;
  it(`keeps the highest total per page and reason: 20 racing reports on ${instances} instance(s), resends and older totals change nothing`, async () => {
    const stores = await Promise.all(Array.from({ length: instances }, open));
    const install = crypto.randomUUID();
    const sessionId = await ownedSession(stores[0]!, install);
    // Totals 1..20 of one (page, reason), sent at once in shuffled order, spread over the instances.
    const order = [7, 20, 3, 15, 1, 12, 9, 18, 5, 11, 2, 16, 8, 19, 4, 13, 6, 17, 10, 14];
    await Promise.all(order.map((n, i) => stores[i % stores.length]!.recordShotDrops([total(sessionId, 0, 'quota', n)], install)));
    for (const store of stores) expect(counts(await store.shotDrops(sessionId))).toEqual(['0/quota=20']);

    await stores[0]!.recordShotDrops(
      [
        total(sessionId, 0, 'quota', 20),
        total(sessionId, 0, 'quota', 4),
        total(sessionId, 1, 'evicted', 2),
        total(sessionId, 0, 'page-silent', 3),
      ],
      install,
    );
    const expected = ['0/page-silent=3', '0/quota=20', '1/evicted=2'];
    for (const store of stores) expect(counts(await store.shotDrops(sessionId)).sort()).toEqual(expected);

    const reopened = await open();
    expect(counts(await reopened.shotDrops(sessionId)).sort()).toEqual(expected);
    expect(await reopened.shotDrops(newSessionId())).toEqual([]);
  });

  it('go with their session (deleteSession) and with their install (deleteInstall), and stay gone after a reopen', async () => {
    const store = await open();
    const install = crypto.randomUUID();
    const [expiring, other] = [await ownedSession(store, install), await ownedSession(store, install)];
    await store.recordShotDrops([total(expiring, 0, 'quota', 2), total(other, 0, 'evicted', 5)], install);

    await store.deleteSession(expiring);
    expect(await store.shotDrops(expiring)).toEqual([]);
    expect(counts(await store.shotDrops(other))).toEqual(['0/evicted=5']);

    await store.deleteInstall(install);
    expect(await store.shotDrops(other)).toEqual([]);
    const reopened = await open();
    for (const id of [expiring, other]) expect(await reopened.shotDrops(id)).toEqual([]);
  });
});
