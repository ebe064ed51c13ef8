import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredConsentReceipt } from '../../../lib/schema/consent-receipt';
import { migrateStore } from '../../../server/store/migrate-store';
import type { StoredChunk } from '../../../server/store/records';
import { SessionStore } from '../../../server/store/session-store';
import type { Store } from '../../../server/store/store';
import { makeChunk, newSessionId } from '../fixtures';
import { makeTempDir, removeDir } from '../harness';
import { makeReceipt } from './lifecycle-harness';
import { silentLogger as silent } from '../../support/silent-logger';

/** store:migrate (fs → fs) carries consent receipts and tombstones, and an erased install stays erased. */

const KEPT = randomUUID();
const ERASED = randomUUID();
const chunk = (installId: string, sessionId: string, seq: number): StoredChunk => ({
  ...makeChunk({ sessionId, seq, t0: 1_700_000_000_000 + seq }),
  batchId: `batch_${sessionId.slice(0, 8)}`,
  installId,
  orgId: null,
  extensionVersion: '0.1.0',
});
const stored = (installId: string, at: number, storedAt: number): StoredConsentReceipt => ({
  ...makeReceipt(installId, { at }),
  storedAt,
});

async function commitSession(store: Store, installId: string, chunks = 3): Promise<string> {
  const sessionId = newSessionId();
  const list = Array.from({ length: chunks }, (_, seq) => chunk(installId, sessionId, seq));
  await store.commitBatch({ batchId: `batch_${randomUUID()}`, stored: chunks, duplicates: 0, installId }, list, []);
  return sessionId;
}

/** A target that records the order of the calls that write. */
function recording(inner: Store, calls: string[]): Store {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'putTombstone') calls.push(`tombstone:${(args[0] as { installId: string }).installId}`);
        if (prop === 'commitBatch') calls.push(`batch:${(args[0] as { installId?: string }).installId}`);
        if (prop === 'putConsentReceipt') calls.push(`receipt:${(args[0] as { installId: string }).installId}`);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

let srcDir: string;
let dstDir: string;
let keptSession: string;
let erasedSession: string;
let receipts: StoredConsentReceipt[];
beforeEach(async () => {
  srcDir = await makeTempDir();
  dstDir = await makeTempDir();
  const writer = await SessionStore.open(srcDir, silent);
  keptSession = await commitSession(writer, KEPT);
  erasedSession = await commitSession(writer, ERASED);
  receipts = [stored(KEPT, 1_000, 5_000), stored(KEPT, 2_000, 6_000), stored(ERASED, 1_500, 5_500)];
  for (const r of receipts) await writer.putConsentReceipt(r);
  // An erasure cut short: the tombstone is durable, the install's session is still there.
  await writer.putTombstone({ installId: ERASED, erasedAt: 1_800_000_000_000, by: 'admin' });
  await writer.close();
});
afterEach(async () => {
  await removeDir(srcDir);
  await removeDir(dstDir);
});

describe('store:migrate with consent receipts and tombstones', () => {
  it('copies every receipt as stored and the tombstone before any session; the erased install’s session is never sent', async () => {
    const from = await SessionStore.open(srcDir, silent, { readOnly: true });
    const to = await SessionStore.open(dstDir, silent);
    const calls: string[] = [];
    try {
      const done = await migrateStore(from, recording(to, calls));
      expect(done).toMatchObject({ sessions: 1, chunks: 3, tombstones: 1, receipts: 3, receiptConflicts: [], erasedNotCopied: 1 });
      expect(calls[0]).toBe(`tombstone:${ERASED}`);
      expect(calls).not.toContain(`batch:${ERASED}`);
      expect(calls.indexOf(`batch:${KEPT}`)).toBeGreaterThan(calls.lastIndexOf(`receipt:${KEPT}`));

      expect(await to.listConsentReceipts()).toEqual(await from.listConsentReceipts());
      expect(await to.consentReceipts(KEPT)).toEqual(receipts.slice(0, 2));
      expect(await to.consentReceipts(ERASED)).toEqual([receipts[2]]);
      expect(await to.tombstone(ERASED)).toEqual({ installId: ERASED, erasedAt: 1_800_000_000_000, by: 'admin' });
      expect((await to.listSessions()).map((m) => m.id)).toEqual([keptSession]);
      expect(await to.meta(erasedSession)).toBeUndefined();
    } finally {
      await to.close();
      await from.close();
    }
  });

  it('a second run changes nothing; one after the source erased an install removes what an earlier run had copied of it', async () => {
    // The earlier run: before the erasure, the install's session went across.
    const early = await makeTempDir();
    try {
      const writer = await SessionStore.open(early, silent);
      const late = await commitSession(writer, ERASED);
      await writer.close();
      const to = await SessionStore.open(dstDir, silent);
      const before = await SessionStore.open(early, silent, { readOnly: true });
      expect(await migrateStore(before, to)).toMatchObject({ sessions: 1, erasedNotCopied: 0 });
      await before.close();
      expect(await to.meta(late)).toBeDefined();

      const from = await SessionStore.open(srcDir, silent, { readOnly: true });
      expect(await migrateStore(from, to)).toMatchObject({ sessions: 1, erasedNotCopied: 1, erasedFromTarget: 1, tombstones: 1 });
      expect(await to.meta(late)).toBeUndefined();
      expect((await to.listSessions()).map((m) => m.id)).toEqual([keptSession]);

      const again = await migrateStore(from, to);
      expect(again).toEqual({
        sessions: 1,
        skipped: 1,
        chunks: 0,
        tombstones: 1,
        receipts: 3,
        receiptConflicts: [],
        erasedNotCopied: 1,
        erasedFromTarget: 0,
      });
      expect(await to.listConsentReceipts()).toEqual(await from.listConsentReceipts());
      await from.close();
      await to.close();

      // And the target refuses the erased install's batches from then on.
      const reopened = await SessionStore.open(dstDir, silent);
      await expect(commitSession(reopened, ERASED)).rejects.toMatchObject({ name: 'InstallErasedError' });
      await reopened.close();
    } finally {
      await removeDir(early);
    }
  });

  it('a receipt id the target holds with other content is kept there and reported, not overwritten', async () => {
    const to = await SessionStore.open(dstDir, silent);
    const other = { ...receipts[0]!, purposes: ['something else'] };
    await to.putConsentReceipt(other);
    const from = await SessionStore.open(srcDir, silent, { readOnly: true });
    try {
      const done = await migrateStore(from, to);
      expect(done.receiptConflicts).toEqual([receipts[0]!.receiptId]);
      expect(done.receipts).toBe(2);
      expect((await to.consentReceipts(KEPT))[0]).toEqual(other);
    } finally {
      await from.close();
      await to.close();
    }
  });
});
