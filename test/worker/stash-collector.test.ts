import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listLocalSessions } from '../../lib/queue';
import { DROP_REASONS } from '../../lib/schema/dropped-chunks';
import { serializeRecorderStash } from '../../lib/schema/recorder-port';
import { RECORDER_STASH_PREFIX } from '../../lib/schema/storage-keys';
import { createChunkAdmission } from '../../lib/worker/chunk-admission';
import type { RecoverStashDeps } from '../../lib/worker/recover-stash';
import { createStashCollector } from '../../lib/worker/stash-collector';
import { freshDb } from '../queue/fixtures';
import { buildChunks, TEST_SITE } from '../support/builders';

const STASH_KEY = `${RECORDER_STASH_PREFIX}page-load-1`;
const area = () => fakeBrowser.storage.local as unknown as RecoverStashDeps['area'];

async function setup(over: { capBytes?: number; allowed?: (url: string) => Promise<boolean> } = {}) {
  const db = await freshDb();
  const real = createChunkAdmission({
    db: async () => db,
    capBytes: async () => over.capBytes ?? 1_000_000,
    now: () => 1,
    onQueued: () => {},
    log: () => {},
  });
  const admission = { ...real, store: vi.fn(real.store), dropStashed: vi.fn(real.dropStashed) };
  const log = vi.fn();
  const collect = createStashCollector({ area: area(), allowed: over.allowed ?? (async () => true), admission, log });
  const drops = async () => (await db.getAll('drops')).map((d) => [d.fromSeq, d.toSeq, d.reason]);
  return { db, admission, log, collect, drops };
}

const writeStash = (seqs: number[], dropped: Array<{ fromSeq: number; toSeq: number }> = []) =>
  fakeBrowser.storage.local.set({ [STASH_KEY]: serializeRecorderStash({ chunks: buildChunks(seqs, { page: 1 }), dropped }) });

describe('the stash collector', () => {
  beforeEach(() => fakeBrowser.reset());

  it("queues what a recorder left in storage.local, with the recorder's drop report, and removes the entry", async () => {
    const t = await setup();
    await writeStash([3, 4], [{ fromSeq: 0, toSeq: 1 }]);
    await fakeBrowser.storage.local.set({ 'webtrace:state': { kept: true } });
    await t.collect();
    expect((await listLocalSessions(t.db)).map((s) => s.chunks)).toEqual([2]);
    expect(await t.drops()).toEqual([[0, 1, DROP_REASONS.recorderOverflow]]);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual(['webtrace:state']);
  });

  it('asks the gate about each chunk: nothing of a site no longer allowed is queued', async () => {
    const t = await setup({ allowed: async (url) => !url.startsWith(TEST_SITE) });
    await writeStash([0]);
    await t.collect();
    expect(t.admission.store).not.toHaveBeenCalled();
    expect(await listLocalSessions(t.db)).toEqual([]);
    expect(await fakeBrowser.storage.local.get(STASH_KEY)).toEqual({});
  });

  it('counts the chunks as dropped for lack of storage when the queue is over its hard limit', async () => {
    const t = await setup({ capBytes: 0 });
    // Something already waits: with a cap of 0 the queue is over its limit.
    await t.admission.store(buildChunks([0], { page: 0 })[0]!, []);
    t.admission.store.mockClear();
    await writeStash([5, 6]);
    await t.collect();
    expect(t.admission.store).not.toHaveBeenCalled();
    expect(await t.drops()).toEqual([[5, 6, DROP_REASONS.storageFull]]);
  });

  it('runs one collection at a time, so two stash events do not store the same entry twice', async () => {
    const t = await setup();
    await writeStash([0, 1]);
    await Promise.all([t.collect(), t.collect()]);
    expect(t.admission.store).toHaveBeenCalledTimes(2);
  });

  it('logs a failed collection instead of rejecting, and leaves the entry for the next one', async () => {
    const t = await setup();
    await writeStash([0]);
    t.admission.store.mockRejectedValueOnce(new Error('database closed'));
    await expect(t.collect()).resolves.toBeUndefined();
    expect(t.log).toHaveBeenCalledWith('collecting recorder stash failed', expect.any(Error));
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([STASH_KEY]);
    await t.collect();
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toEqual([]);
  });
});
