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
import { checkCredential, credentialSha256, enrolled, mintCredential, rotated } from '../../../server/installs/credential-rules';
import { DEFAULT_CREDENTIAL_POLICY as POLICY } from '../../../server/settings/credential-schedule';
import type { StoredInstallCredential } from '../../../lib/schema/install-credential-record';
import type { ExportLineage } from '../../../lib/schema/export-lineage';
import { silentLogger as silent } from '../../support/silent-logger';

/** store:migrate (fs → fs) carries consent receipts, install credential records and tombstones, and an erased install stays erased. */

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
/** KEPT enrolled and rotated once (version 2, its old credential in its grace period); ERASED's record survived a cut-short erasure. */
const T0 = 1_700_000_000_000;
let keptCredential: { old: string; current: string; record: StoredInstallCredential };
async function enrolAndRotate(store: Store, installId: string) {
  const old = mintCredential(installId);
  const v1 = enrolled(null, { installId, extensionVersion: '0.1.0', sha256: credentialSha256(old), now: T0 }, POLICY);
  const current = mintCredential(installId);
  const v2 = rotated(v1, 'current', credentialSha256(current), T0 + 1_000, POLICY);
  expect(await store.putInstallCredential(v1)).toBe(true);
  expect(await store.putInstallCredential(v2)).toBe(true);
  return { old, current, record: v2 };
}
beforeEach(async () => {
  srcDir = await makeTempDir();
  dstDir = await makeTempDir();
  const writer = await SessionStore.open(srcDir, silent);
  keptSession = await commitSession(writer, KEPT);
  erasedSession = await commitSession(writer, ERASED);
  receipts = [stored(KEPT, 1_000, 5_000), stored(KEPT, 2_000, 6_000), stored(ERASED, 1_500, 5_500)];
  for (const r of receipts) await writer.putConsentReceipt(r);
  keptCredential = await enrolAndRotate(writer, KEPT);
  await enrolAndRotate(writer, ERASED);
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
      // The credential records (hashes) went across: the install's credentials work on the target, no enrolment needed.
      expect(done).toMatchObject({ credentials: 1, credentialConflicts: [] });
      const { version: _v, ...working } = keptCredential.record;
      expect(await to.installCredential(KEPT)).toEqual({ ...working, version: 1 });
      const copied = await to.installCredential(KEPT);
      expect(checkCredential(copied, keptCredential.current, T0 + 2_000)).toEqual({ ok: true, via: 'current' });
      expect(checkCredential(copied, keptCredential.old, T0 + 2_000)).toEqual({ ok: true, via: 'previous' });
      // An erased install's record is not copied: it stays erased (and cannot upload) on the target.
      expect(await to.installCredential(ERASED)).toBeNull();
      expect((await to.listInstallCredentials()).map((r) => r.installId)).toEqual([KEPT]);
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
        credentials: 1,
        credentialConflicts: [],
        shots: 0,
        shotConflicts: [],
        shotDropReports: 0,
        lineages: 0,
        lineageConflicts: [],
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

  it('an install that enrolled in the target since keeps the credential it holds there, reported', async () => {
    const to = await SessionStore.open(dstDir, silent);
    const fresh = mintCredential(KEPT);
    const there = enrolled(null, { installId: KEPT, extensionVersion: '0.2.0', sha256: credentialSha256(fresh), now: T0 + 5_000 }, POLICY);
    await to.putInstallCredential(there);
    const from = await SessionStore.open(srcDir, silent, { readOnly: true });
    try {
      const done = await migrateStore(from, to);
      expect(done).toMatchObject({ credentials: 0, credentialConflicts: [KEPT] });
      expect(await to.installCredential(KEPT)).toEqual(there);
    } finally {
      await from.close();
      await to.close();
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

describe('store:migrate with export lineages and discarded-shot totals', () => {
  const lineage = (installs: [string, string][]): ExportLineage => ({
    exportId: 'exp_0123456789abcdef01234567',
    createdAt: T0,
    rebuildOf: null,
    settings: {
      filters: { sites: [], from: null, to: null },
      split_seed: 'seed',
      split_shares: { test_site: 0.1, test_task: 0.1 },
      idle_gap_ms: 300_000,
      rendered: false,
      image_format: 'png',
      top_k: 5,
      formats: ['parquet'],
      shard: { index: 1, count: 1 },
    },
    saltCheck: '0123456789abcdef',
    installs: installs.map(([pseudonym, installId]) => ({ pseudonym, installId, episodes: 1, steps: 4 })),
  });

  it("copies them; the erased install's lineage entry arrives forgotten; a second run changes nothing", async () => {
    const writer = await SessionStore.open(srcDir, silent);
    // Written before the erasure was cut short: the lineage still names the erased install.
    await writer.putExportLineage(
      lineage([
        ['in_00000000000000aa', KEPT],
        ['in_00000000000000bb', ERASED],
      ]),
    );
    const drops = [{ sessionId: keptSession, page: 0, reason: 'quota', count: 3, at: T0 }];
    await writer.recordShotDrops(drops, KEPT);
    await writer.close();
    const from = await SessionStore.open(srcDir, silent, { readOnly: true });
    const to = await SessionStore.open(dstDir, silent);
    try {
      expect(await migrateStore(from, to)).toMatchObject({ lineages: 1, lineageConflicts: [], shotDropReports: 1 });
      const copied = await to.exportLineage('exp_0123456789abcdef01234567');
      expect(copied?.installs).toEqual([
        { pseudonym: 'in_00000000000000aa', installId: KEPT, episodes: 1, steps: 4 },
        { pseudonym: 'in_00000000000000bb', erased: true },
      ]);
      expect(JSON.stringify(await to.listExportLineages())).not.toContain(ERASED);
      expect(await to.shotDrops(keptSession)).toEqual(drops);
      expect(await migrateStore(from, to)).toMatchObject({ lineages: 1, lineageConflicts: [], shotDropReports: 1 });
      expect(await to.shotDrops(keptSession)).toEqual(drops);
    } finally {
      await from.close();
      await to.close();
    }
  });
});
