import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoredChunk } from '../../server/store/records';
import { migrateStore } from '../../server/store/migrate-store';
import { S3Store, type S3StoreSettings } from '../../server/store/s3/s3-store';
import { SessionStore } from '../../server/store/session-store';
import type { Store } from '../../server/store/store';
import { makeChunk, newSessionId } from '../server/fixtures';
import { makeReceipt } from '../server/lifecycle/lifecycle-harness';
import { checkCredential, credentialSha256, enrolled, mintCredential } from '../../server/installs/credential-rules';
import { DEFAULT_CREDENTIAL_POLICY } from '../../server/settings/credential-schedule';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { createTestDatabase } from '../support/engines/create-test-database';
import { describeWithCeph, describeWithPostgres } from '../support/engines/engine-gate';
import { s3StoreSettings } from '../support/engines/s3-store-settings';
import { silentLogger as silent } from '../support/silent-logger';

/** npm run store:migrate: fs → s3, complete, idempotent, resumable, on the real engines. */
const run = promisify(execFile);
const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
/** Erased in the source, with a session an erasure cut short left behind. */
const ERASED = '9b1e2d3c-4f5a-4b6c-8d7e-0f1a2b3c4d5e';
const TOMBSTONE = { installId: ERASED, erasedAt: 1_800_000_000_000, by: 'admin' as const };
const RECEIPTS = [
  { ...makeReceipt(INSTALL, { at: 1_700_000_000_000 }), storedAt: 1_700_000_000_500 },
  { ...makeReceipt(INSTALL, { kind: 'withdraw', at: 1_700_000_100_000 }), storedAt: 1_700_000_100_500 },
  { ...makeReceipt(ERASED, { at: 1_700_000_000_000 }), storedAt: 1_700_000_000_700 },
];
const chunk = (sessionId: string, seq: number, installId = INSTALL): StoredChunk => ({
  ...makeChunk({ sessionId, seq, t0: 1_700_000_000_000 + seq }),
  batchId: `batch_src_${sessionId.slice(0, 8)}`,
  installId,
  orgId: null,
  extensionVersion: '0.1.0',
});

/** The sessions of installs not erased, and every receipt and tombstone. */
async function everything(store: Store) {
  const sessions: Record<string, { meta: unknown; chunks: StoredChunk[]; drops: unknown }> = {};
  const tombstones = await store.listTombstones();
  const erased = new Set(tombstones.map((t) => t.installId));
  for (const meta of await store.listSessions()) {
    if (erased.has(meta.installId)) continue;
    const chunks: StoredChunk[] = [];
    for await (const c of store.iterateChunks(meta.id)) chunks.push(c);
    sessions[meta.id] = { meta, chunks, drops: await store.drops(meta.id) };
  }
  // The store's write counter aside: the target holds each record as its first version.
  const credentials = (await store.listInstallCredentials())
    .filter((r) => !erased.has(r.installId))
    .map(({ version: _v, ...working }) => working);
  return { sessions, tombstones, receipts: await store.listConsentReceipts(), credentials };
}

describeWithPostgres('store:migrate (PostgreSQL)', (pgSettings) => {
  describeWithCeph('and Ceph RGW', (s3) => {
    let dir: string;
    let source: SessionStore;
    const big = newSessionId();
    const small = newSessionId();
    const leftOver = newSessionId();
    const credential = mintCredential(INSTALL);
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'webtrace-migrate-'));
      const writer = await SessionStore.open(dir, silent);
      const bigChunks = Array.from({ length: 120 }, (_, seq) => chunk(big, seq));
      await writer.commitBatch({ batchId: 'batch_src_big', stored: 120, duplicates: 0, installId: INSTALL }, bigChunks, []);
      const drop = { sessionId: small, page: 0, fromSeq: 2, toSeq: 2, reason: 'expired', at: 1_700_000_000_100 };
      await writer.commitBatch(
        { batchId: 'batch_src_small', stored: 2, duplicates: 0, installId: INSTALL },
        [chunk(small, 0), chunk(small, 1)],
        [drop],
      );
      await writer.commitBatch(
        { batchId: 'batch_src_erased', stored: 2, duplicates: 0, installId: ERASED },
        [chunk(leftOver, 0, ERASED), chunk(leftOver, 1, ERASED)],
        [],
      );
      for (const r of RECEIPTS) await writer.putConsentReceipt(r);
      const now = 1_700_000_000_000;
      await writer.putInstallCredential(
        enrolled(
          null,
          { installId: INSTALL, extensionVersion: '0.1.0', sha256: credentialSha256(credential), now },
          DEFAULT_CREDENTIAL_POLICY,
        ),
      );
      // The erased install's record survived the erasure cut short: it must not be copied.
      await writer.putInstallCredential(
        enrolled(
          null,
          { installId: ERASED, extensionVersion: '0.1.0', sha256: credentialSha256(mintCredential(ERASED)), now },
          DEFAULT_CREDENTIAL_POLICY,
        ),
      );
      await writer.putTombstone(TOMBSTONE);
      await writer.close();
      source = await SessionStore.open(dir, silent, { readOnly: true });
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    const target = async (settings: S3StoreSettings) => S3Store.open(settings, silent);

    it('copies every session whole; a second run copies nothing and changes nothing', async () => {
      const settings = s3StoreSettings(s3, await createTestBucket(s3, 'migrate'), await createTestDatabase(pgSettings, 'migrate'));
      const to = await target(settings);
      try {
        const lifecycle = {
          tombstones: 1,
          receipts: 3,
          receiptConflicts: [],
          credentials: 1,
          credentialConflicts: [],
          erasedNotCopied: 1,
          erasedFromTarget: 0,
          shots: 0,
          shotConflicts: [],
          shotDropReports: 0,
          lineages: 0,
          lineageConflicts: [],
        };
        expect(await migrateStore(source, to)).toEqual({ sessions: 2, skipped: 0, chunks: 122, ...lifecycle });
        const want = await everything(source);
        expect(await everything(to)).toEqual(want);
        expect(await to.consentReceipts(INSTALL)).toEqual(RECEIPTS.slice(0, 2));
        expect(await to.tombstone(ERASED)).toEqual(TOMBSTONE);
        // The install's credential works against PostgreSQL's copy: it need not enrol again; the erased one has none.
        expect(checkCredential(await to.installCredential(INSTALL), credential, 1_700_000_001_000)).toEqual({ ok: true, via: 'current' });
        expect(await to.installCredential(ERASED)).toBeNull();
        expect(await to.meta(leftOver)).toBeUndefined();
        expect(await to.listSessions({ installId: ERASED })).toEqual([]);
        expect(await migrateStore(source, to)).toEqual({ sessions: 2, skipped: 2, chunks: 0, ...lifecycle });
        expect(await everything(to)).toEqual(want);
      } finally {
        await to.close();
      }
    });

    it('resumes an interrupted run: what was copied stays once, the rest follows; an install erased since is erased in the target', async () => {
      const settings = s3StoreSettings(s3, await createTestBucket(s3, 'resume'), await createTestDatabase(pgSettings, 'resume'));
      const to = await target(settings);
      try {
        // The first run also copied the erased install's session, before the source erased it.
        const early = [chunk(leftOver, 0, ERASED), chunk(leftOver, 1, ERASED)];
        await to.commitBatch({ batchId: 'migrate-before-erasure', stored: 2, duplicates: 0, installId: ERASED }, early, []);
        // The first run died after 70 of the big session's chunks (one piece of 50 and part of the next).
        const first70: StoredChunk[] = [];
        for await (const c of source.iterateChunks(big)) if (first70.length < 70) first70.push(c);
        await to.commitBatch({ batchId: 'migrate-interrupted-run-1', stored: 70, duplicates: 0, installId: INSTALL }, first70, []);
        const done = await migrateStore(source, to);
        expect(done).toMatchObject({ sessions: 2, erasedNotCopied: 1, erasedFromTarget: 1 });
        expect(await to.meta(leftOver)).toBeUndefined();
        expect(await to.meta(big)).toMatchObject({ chunks: 120 });
        expect(await everything(to)).toEqual(await everything(source));
      } finally {
        await to.close();
      }
    });

    it('npm run store:migrate -- --from fs:DIR --to s3 does it from the command line, with a progress bar', async () => {
      const settings = s3StoreSettings(s3, await createTestBucket(s3, 'cli'), await createTestDatabase(pgSettings, 'cli'));
      const env = {
        ...process.env,
        WEBTRACE_S3_ENDPOINT: s3.endpoint,
        WEBTRACE_S3_BUCKET: settings.bucket.bucket,
        WEBTRACE_S3_REGION: s3.region,
        WEBTRACE_S3_RETENTION_CLASS: 'r30',
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        WEBTRACE_DATABASE_URL: settings.databaseUrl,
      };
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', 'scripts/store-migrate.ts', '--from', `fs:${dir}`, '--to', 's3'],
        { env },
      );
      expect(stdout).toContain('migrated 2 sessions (122 chunks copied, 0 sessions already there)');
      expect(stdout).toContain(
        "migrated 1 tombstones and 3 consent receipts; erased installs' sessions: 1 not copied, 0 deleted from the target",
      );
      expect(stdout).toContain('migrated 1 install credentials (hashes: those installs need not enrol again)');
      expect(stderr).toMatch(/migrate \|.*\| 2\/2 sessions/);
      const to = await target(settings);
      try {
        expect(await everything(to)).toEqual(await everything(source));
      } finally {
        await to.close();
      }
      const bad = await run(process.execPath, ['--import', 'tsx', 'scripts/store-migrate.ts', '--from', dir, '--to', 's3'], { env }).catch(
        (e: { code: number; stderr: string }) => e,
      );
      expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--from must be fs:DIR') });
    }, 60_000);
  });
});
