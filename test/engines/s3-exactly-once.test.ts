import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoredChunk, StoredReceipt } from '../../server/store/records';
import type { CommitStep } from '../../server/store/s3/commit-batch';
import { chunkObjectKey } from '../../server/store/s3/object-keys';
import { probeConditionalPut } from '../../server/store/s3/probe-conditional-put';
import { Bucket } from '../../server/store/s3/bucket';
import { S3Store, type S3StoreSettings } from '../../server/store/s3/s3-store';
import { StoreUnavailableError } from '../../server/store/store';
import { makeChunk, newSessionId } from '../server/fixtures';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { createTestDatabase } from '../support/engines/create-test-database';
import { describeWithCeph, describeWithPostgres } from '../support/engines/engine-gate';
import { s3StoreSettings } from '../support/engines/s3-store-settings';
import { silentLogger as silent } from '../support/silent-logger';

/**
 * The s3 store across instances, on the real Ceph RGW and PostgreSQL: two
 * instances storing the same batches at once store each chunk once and answer
 * with one receipt; an instance SIGKILLed at each step of a batch leaves it
 * entirely indexed or not at all, a resend stores it once, and the sweeper
 * removes what a killed write left unindexed.
 */
const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';
const DIE = fileURLToPath(new URL('./fixtures/commit-and-die.ts', import.meta.url));
const chunk = (sessionId: string, seq: number, batchId: string): StoredChunk => ({
  ...makeChunk({ sessionId, seq }),
  batchId,
  installId: INSTALL,
  orgId: null,
  extensionVersion: '0.1.0',
});
const receipt = (batchId: string, stored: number): StoredReceipt => ({
  batchId,
  stored,
  duplicates: 0,
  installId: INSTALL,
  digest: `d-${batchId}`,
});
let n = 0;
const batchId = () => `batch_once_${(n++).toString().padStart(6, '0')}_${Date.now()}`;

describeWithPostgres('s3 store exactly once (PostgreSQL)', (pgSettings) => {
  describeWithCeph('and Ceph RGW', (s3) => {
    let settings: S3StoreSettings;
    let a: S3Store;
    let b: S3Store;
    beforeAll(async () => {
      settings = s3StoreSettings(s3, await createTestBucket(s3, 'once'), await createTestDatabase(pgSettings, 'once'));
      a = await S3Store.open(settings, silent);
      b = await S3Store.open(settings, silent);
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
    });
    const objectsUnder = async (prefix: string) => {
      let count = 0;
      for await (const page of a.bucket.list(prefix)) count += page.length;
      return count;
    };

    it('the start-up probe finds that Ceph RGW honours conditional puts', async () => {
      expect(await probeConditionalPut(a.bucket)).toMatchObject({ honoured: true });
    });

    it('20 commits of one batch at once across two instances: one receipt for all, each chunk stored once', async () => {
      const id = newSessionId();
      const bid = batchId();
      const chunks = Array.from({ length: 6 }, (_, seq) => chunk(id, seq, bid));
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).commitBatch(receipt(bid, 6), chunks, [])));
      for (const answer of answers) expect(answer).toEqual({ ...receipt(bid, 6), stored: 6, duplicates: 0 });
      expect(await a.chunkKeys(id)).toHaveLength(6);
      expect(await b.meta(id)).toMatchObject({ chunks: 6 });
      expect(await objectsUnder(`r30/${INSTALL}/${id}/`)).toBe(6);
    });

    it('overlapping batches at once on two instances: every chunk stored exactly once, the stored counts add up', async () => {
      const id = newSessionId();
      // Ten batches, each chunks [i, i+4]: 14 distinct chunks, each in up to five batches.
      const batches = Array.from({ length: 10 }, (_, i) => {
        const bid = batchId();
        return { bid, chunks: [0, 1, 2, 3, 4].map((k) => chunk(id, i + k, bid)) };
      });
      const answers = await Promise.all(batches.map(({ bid, chunks }, i) => (i % 2 ? a : b).commitBatch(receipt(bid, 5), chunks, [])));
      expect(answers.reduce((sum, r) => sum + r.stored, 0)).toBe(14);
      expect(answers.reduce((sum, r) => sum + r.duplicates, 0)).toBe(50 - 14);
      expect((await a.chunkKeys(id))?.map((k) => k.seq)).toEqual(Array.from({ length: 14 }, (_, i) => i));
      expect(await a.meta(id)).toMatchObject({ chunks: 14 });
      expect(await objectsUnder(`r30/${INSTALL}/${id}/`)).toBe(14);
    });

    it('an object store that stops answering: StoreUnavailableError (the server answers 503), nothing indexed', async () => {
      const cut = await S3Store.open(settings, silent);
      try {
        // The gateway goes away (a closed port) after the store opened.
        Object.assign(cut, { bucket: new Bucket({ ...settings.bucket, endpoint: 'http://127.0.0.1:9' }) });
        const id = newSessionId();
        const bid = batchId();
        await expect(cut.commitBatch(receipt(bid, 1), [chunk(id, 0, bid)], [])).rejects.toBeInstanceOf(StoreUnavailableError);
        expect(await a.chunkKeys(id)).toBeNull();
        expect(await a.readReceipt(bid)).toBeNull();
      } finally {
        await cut.close();
      }
    });

    const steps: CommitStep[] = ['claimed', 'object-put', 'index-written', 'committed'];
    it.each(steps)(
      'SIGKILL at "%s": the batch is entirely there or not at all, a resend stores it once, the sweeper removes orphans',
      async (step) => {
        const id = newSessionId();
        const bid = batchId();
        const chunks = [0, 1, 2].map((seq) => chunk(id, seq, bid));
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', DIE, JSON.stringify(settings), JSON.stringify({ receipt: receipt(bid, 3), chunks }), step],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
        expect(signal, out).toBe('SIGKILL');

        const keys = (await a.chunkKeys(id)) ?? [];
        const stored = await a.readReceipt(bid);
        // Never half: rows and receipt together, or nothing.
        if (step === 'committed') {
          expect(keys).toHaveLength(3);
          expect(stored).toMatchObject({ stored: 3 });
        } else {
          expect(keys).toEqual([]);
          expect(stored).toBeNull();
          // Killed after its puts: the objects are there without rows (orphans).
          expect(await objectsUnder(`r30/${INSTALL}/${id}/`)).toBe(step === 'claimed' ? 0 : 3);
        }
        if (step === 'object-put') {
          // Nobody resends this one: the sweeper (past its hour of grace) removes its orphans, and keeps indexed objects.
          expect((await a.sweep(Date.now() + 2 * 3_600_000)).removed).toBeGreaterThanOrEqual(3);
          expect(await objectsUnder(`r30/${INSTALL}/${id}/`)).toBe(0);
          expect(await a.chunkKeys(id)).toBeNull();
        }
        // The client never got an answer: it resends (to the other instance), which stores it once.
        const resend = await b.commitBatch(receipt(bid, 3), chunks, []);
        expect(resend).toMatchObject({ batchId: bid, stored: 3, duplicates: 0 });
        expect(await a.chunkKeys(id)).toHaveLength(3);
        expect(await objectsUnder(`r30/${INSTALL}/${id}/`)).toBe(3);
        for (const c of chunks) expect(await a.readChunk(id, c)).toEqual(c);
        // Adopted objects are indexed now: a sweep keeps them (and every other indexed object of this bucket).
        expect(await a.sweep(Date.now() + 2 * 3_600_000)).toMatchObject({ removed: 0 });
        expect(await objectsUnder(`r30/${INSTALL}/${id}/`)).toBe(3);
        expect(await a.bucket.get(chunkObjectKey('r30', INSTALL, chunks[0]!))).not.toBeNull();
      },
      60_000,
    );
  });
});
