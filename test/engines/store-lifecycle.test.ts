import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { onEachStore } from '../support/engines/on-each-store';
import type { StoredConsentReceipt } from '../../lib/schema/consent-receipt';
import { openStore } from '../../server/store/open-store';
import type { StoredChunk, StoredReceipt } from '../../server/store/records';
import type { S3Store } from '../../server/store/s3/s3-store';
import { InstallErasedError } from '../../server/store/store';
import { makeChunk, newSessionId } from '../server/fixtures';
import { makeReceipt } from '../server/lifecycle/lifecycle-harness';
import { silentLogger as silent } from '../support/silent-logger';

/**
 * Consent receipts and tombstones through the Store interface, on the fs
 * store and on the s3 store (real Ceph RGW + PostgreSQL), and for s3: a
 * tombstone written by one instance stops commits on another, including
 * commits racing the erasure.
 */

let batchNo = 0;
const newBatchId = () => `batch_lifecycle_${(batchNo++).toString().padStart(6, '0')}`;
const chunk = (installId: string, sessionId: string, seq: number, batchId: string): StoredChunk => ({
  ...makeChunk({ sessionId, seq, t0: 1_700_000_000_000 + seq * 100 }),
  batchId,
  installId,
  orgId: null,
  extensionVersion: '0.1.0',
});
const receipt = (batchId: string, stored: number, installId: string): StoredReceipt => ({
  batchId,
  stored,
  duplicates: 0,
  installId,
  digest: `digest-${batchId}`,
});
const stored = (r: ReturnType<typeof makeReceipt>, storedAt = 1): StoredConsentReceipt => ({ ...r, storedAt });

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 1));
}

onEachStore(
  'store lifecycle',
  ({ open }) => {
    it('stores a consent receipt once: same content is "same", other content "conflict", kept across a reopen', async () => {
      const store = await open();
      const install = randomUUID();
      const grant = stored(makeReceipt(install, { at: 10 }), 100);
      const withdraw = stored(makeReceipt(install, { kind: 'withdraw', at: 20 }), 50);
      expect(await store.putConsentReceipt(grant)).toEqual({ outcome: 'created', stored: grant });
      expect(await store.putConsentReceipt({ ...grant, storedAt: 999 })).toEqual({ outcome: 'same', stored: grant });
      expect((await store.putConsentReceipt({ ...grant, purposes: ['other'] })).outcome).toBe('conflict');
      expect((await store.putConsentReceipt({ ...grant, installId: randomUUID() })).outcome).toBe('conflict');
      expect((await store.putConsentReceipt(withdraw)).outcome).toBe('created');
      await store.close();
      const again = await open();
      expect(await again.consentReceipts(install)).toEqual([grant, withdraw]);
      expect(await again.consentReceipts(randomUUID())).toEqual([]);
    });

    it("keeps the first tombstone, and refuses the install's batches after it", async () => {
      const store = await open();
      const install = randomUUID();
      const b = newBatchId();
      await store.commitBatch(receipt(b, 1, install), [chunk(install, newSessionId(), 0, b)], []);
      const other = randomUUID();
      const theirs = newBatchId();
      await store.commitBatch(receipt(theirs, 1, other), [chunk(other, newSessionId(), 0, theirs)], []);
      expect(await store.readReceipt(b)).toMatchObject({ installId: install });
      expect(await store.tombstone(install)).toBeNull();
      const first = { installId: install, erasedAt: 1000, by: 'admin' as const };
      expect(await store.putTombstone(first)).toEqual(first);
      expect(await store.putTombstone({ ...first, erasedAt: 2000, by: 'install' })).toEqual(first);
      expect(await store.deleteInstall(install)).toMatchObject({ sessions: 1, chunks: 1 });
      const late = newBatchId();
      await expect(store.commitBatch(receipt(late, 1, install), [chunk(install, newSessionId(), 0, late)], [])).rejects.toBeInstanceOf(
        InstallErasedError,
      );
      expect(await store.listSessions({ installId: install })).toEqual([]);
      expect(await store.readReceipt(late)).toBeNull();
      await store.close();
      const reopened = await open();
      expect(await reopened.tombstone(install)).toEqual(first);
      // Its batch receipts named it: erased with it (fs: batches/<batchId>.json; s3: wt_receipts); another install's stay.
      expect(await reopened.readReceipt(b)).toBeNull();
      expect(await reopened.readReceipt(theirs)).toMatchObject({ installId: other });
    });

    it('lists every receipt (by install, oldest first) and every tombstone, across a reopen (store:migrate reads them)', async () => {
      const store = await open();
      const [x, y] = [randomUUID(), randomUUID()].sort();
      const mine = [stored(makeReceipt(x!, { at: 30 }), 3), stored(makeReceipt(x!, { at: 40 }), 4), stored(makeReceipt(y!, { at: 10 }), 1)];
      for (const r of [mine[2]!, mine[1]!, mine[0]!]) await store.putConsentReceipt(r);
      const gone = { installId: y!, erasedAt: 5000, by: 'install' as const };
      await store.putTombstone(gone);
      await store.close();
      const again = await open();
      const listed = (await again.listConsentReceipts()).filter((r) => r.installId === x || r.installId === y);
      expect(listed).toEqual(mine);
      const all = await again.listConsentReceipts();
      expect(all.map((r) => r.installId)).toEqual(all.map((r) => r.installId).sort());
      const tombstones = await again.listTombstones();
      expect(tombstones).toContainEqual(gone);
      expect(tombstones.map((t) => t.installId)).toEqual(tombstones.map((t) => t.installId).sort());
      expect(tombstones.find((t) => t.installId === x)).toBeUndefined();
    });

    it('erases a session known only from a drop report', async () => {
      const store = await open();
      const install = randomUUID();
      const id = newSessionId();
      const drop = { sessionId: id, page: 0, fromSeq: 1, toSeq: 2, reason: 'quota', at: 1_700_000_000_001 };
      await store.commitBatch(receipt(newBatchId(), 0, install), [], [drop]);
      expect(await store.ownerOf(id)).toBe(install);
      await store.deleteInstall(install);
      expect(await store.drops(id)).toEqual([]);
      expect(await store.ownerOf(id)).toBeUndefined();
    });
  },
  ({ settings: s3Settings }) => {
    it('a tombstone from one instance stops commits on another, also commits racing the erasure', async () => {
      const a = (await openStore(await s3Settings(), silent)) as S3Store;
      const b = (await openStore(await s3Settings(), silent)) as S3Store;
      try {
        for (let round = 0; round < 5; round++) {
          const install = randomUUID();
          const bystander = randomUUID();
          // A writer on instance b keeps committing the install's batches until the erasure on a is over.
          let erased = false;
          const outcomes: ('stored' | 'refused')[] = [];
          const writer = (async () => {
            while (!erased) {
              const id = newBatchId();
              const chunks = [chunk(install, newSessionId(), 0, id), chunk(install, newSessionId(), 1, id)];
              try {
                await b.commitBatch(receipt(id, 2, install), chunks, []);
                outcomes.push('stored');
              } catch (err) {
                if (!(err instanceof InstallErasedError)) throw err;
                outcomes.push('refused');
              }
            }
          })();
          const theirs = newBatchId();
          const bystanderCommit = a.commitBatch(receipt(theirs, 1, bystander), [chunk(bystander, newSessionId(), 0, theirs)], []);
          await waitUntil(() => outcomes.length > round);
          await a.putTombstone({ installId: install, erasedAt: Date.now(), by: 'admin' });
          await a.deleteInstall(install);
          erased = true;
          await writer;
          expect(outcomes).toContain('stored');
          const late = newBatchId();
          await expect(b.commitBatch(receipt(late, 1, install), [chunk(install, newSessionId(), 0, late)], [])).rejects.toBeInstanceOf(
            InstallErasedError,
          );
          // What committed before the tombstone was erased by deleteInstall; nothing committed after it.
          expect(await b.listSessions({ installId: install })).toEqual([]);
          const left = await a.pool.query('SELECT count(*)::int AS n FROM wt_session_owners WHERE install_id = $1', [install]);
          expect(left.rows[0].n).toBe(0);
          const objects: string[] = [];
          for await (const page of a.bucket.list(`r30/${install}/`)) objects.push(...page.map((o) => o.key));
          expect(objects).toEqual([]);
          await bystanderCommit;
          expect(await a.readReceipt(theirs)).toMatchObject({ stored: 1, installId: bystander });
        }
      } finally {
        await a.close();
        await b.close();
      }
    });
  },
);
