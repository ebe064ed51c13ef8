import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConfigSource } from '../../lib/platform/config-source';
import { createPolicySource } from '../../lib/platform/policy-source';
import { appendChunk, listLocalSessions } from '../../lib/queue';
import { LOCAL_CONFIG_KEY } from '../../lib/schema/storage-keys';
import { createMemoryUploadStateStore } from '../../lib/upload';
import { createDelivery } from '../../lib/worker/delivery';
import { freshDb, makeChunk } from '../queue/fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';
import { accept, fakeServer, INSTALL_ID, jsonResponse, seqs, START } from '../upload/fake-server';

const DAY = 86_400_000;

async function setup(
  now = START,
  extra: {
    consentVersion?: () => Promise<string | undefined>;
    respond?: Parameters<typeof fakeServer>[0];
    sendFirst?: (opts: { skipWait: boolean }) => Promise<void>;
  } = {},
) {
  const db = await freshDb();
  const policy = createPolicySource({
    readManaged: () => fakeBrowser.storage.managed.get(null) as Promise<Record<string, unknown>>,
    session: fakeBrowser.storage.session,
    confirmEmptyAfterMs: 0,
  });
  const server = fakeServer(extra.respond ?? accept);
  const delivery = createDelivery({
    db: async () => db,
    config: createConfigSource(fakeBrowser.storage.local, policy),
    uploadState: createMemoryUploadStateStore(),
    installId: async () => INSTALL_ID,
    extensionVersion: '0.1.0',
    fetch: server.fetch,
    now: () => now,
    random: () => 0.5,
    log: vi.fn(),
    ...(extra.consentVersion ? { consentVersion: extra.consentVersion } : {}),
    ...(extra.sendFirst ? { sendFirst: extra.sendFirst } : {}),
  });
  return { db, delivery, server };
}

describe('delivery', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.local.set({
      [LOCAL_CONFIG_KEY]: { endpoint: 'https://ingest.example.test/', blockedSites: ['http://blocked.test/*'] },
    });
  });

  it('"upload now" sends what is queued and says how the run ended', async () => {
    const t = await setup();
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 1), START, []);
    expect(await t.delivery.uploadNow()).toEqual({ ok: true, detail: 'upload drained' });
    expect(t.server.requests.map(seqs)).toEqual([[0, 1]]);
    expect(await listLocalSessions(t.db)).toEqual([]);
  });

  it('sends the receipts first on every run, skipping their backoff only for "upload now"', async () => {
    const first: boolean[] = [];
    const t = await setup(START, { sendFirst: async ({ skipWait }) => void first.push(skipWait) });
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    await t.delivery.uploadNow();
    await t.delivery.trigger();
    expect(first).toEqual([true, false]);
  });

  it("sweeps before sending: a blocked site's chunks and chunks past retention never leave", async () => {
    const t = await setup(START + 40 * DAY);
    await appendChunk(
      t.db,
      { ...makeChunk(SESSION_B, 0, 0), site: 'http://blocked.test', url: 'http://blocked.test/x' },
      START + 40 * DAY,
      [],
    );
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    await t.delivery.uploadNow();
    expect(t.server.requests).toHaveLength(0);
    expect(await listLocalSessions(t.db)).toEqual([]);
  });

  it('every batch names the consent version held at the time of the run; none is named without one', async () => {
    let held: string | undefined = '7';
    const t = await setup(START, { consentVersion: async () => held });
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    await t.delivery.uploadNow();
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 1), START, []);
    held = undefined;
    await t.delivery.uploadNow();
    expect(t.server.requests.map((r) => r.batch.consentVersion)).toEqual(['7', undefined]);
    expect(t.server.requests.map((r) => 'consentVersion' in r.batch)).toEqual([true, false]);
  });

  it('a 403 for a version the server holds no grant of keeps the data for a retry (the receipt may be on its way)', async () => {
    const refuse = () =>
      jsonResponse(403, { error: 'consent_version_not_granted', message: 'install … has no active consent grant for consent version "7"' });
    const t = await setup(START, { consentVersion: async () => '7', respond: refuse });
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    expect(await t.delivery.uploadNow()).toEqual({ ok: false, detail: 'upload backingOff' });
    expect(t.server.requests).toHaveLength(1);
    expect(await listLocalSessions(t.db)).toHaveLength(1);
  });

  it('with an unusable policy sends nothing and keeps the data', async () => {
    await fakeBrowser.storage.managed.set({ ingestEndpoint: 'not a url' });
    const t = await setup();
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    expect(await t.delivery.uploadNow()).toEqual({ ok: false, detail: 'upload backingOff' });
    expect(t.server.requests).toHaveLength(0);
    expect(await listLocalSessions(t.db)).toHaveLength(1);
  });
});
