import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { appendChunk, listLocalSessions } from '../../lib/queue';
import { saveState } from '../../lib/platform/state-store';
import { makeChunk } from '../queue/fixtures';
import { SESSION_A } from '../support/builders';
import { ack, json, setupLifecycle, sha256, START, type Seen } from './consent-fixtures';

const confirmation = (installId: string) => ({
  installId,
  sessionsDeleted: 2,
  chunksDeleted: 7,
  consentReceiptsKept: 1,
  tombstoneAt: START + 5,
  firstErasure: true,
});

/** Acks receipts; answers the erase request with `erase`. */
const server = (erase: (req: Seen) => Response | Promise<Response>) => (req: Seen) => (req.receipt ? ack(req) : erase(req));

describe('"Delete my uploaded recordings"', () => {
  it('sends the secret as bearer, shows the confirmation, then deletes local data and starts a new pseudonym with its own grant', async () => {
    const t = await setupLifecycle(server((req) => json(200, confirmation(/subjects\/([^/]+)\/erase$/.exec(req.url)![1]!))));
    await saveState(fakeBrowser.storage.local, { consent: { version: 1, at: START }, sites: {}, pause: null });
    await t.lifecycle.recordReceipt('grant');
    const installId = await t.pseudonym.installId();
    const secret = await t.pseudonym.erasureSecret();
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);

    const answer = await t.lifecycle.eraseUploads();
    expect(answer.ok).toBe(true);
    expect(answer.confirmation).toMatchObject({ ...confirmation(installId), receivedAt: START });
    expect(answer.detail).toBe(
      '1 recording not yet uploaded was deleted here too. From now on this computer uses a new random identifier.',
    );
    const erase = t.server.requests.find((r) => r.url.endsWith('/erase'))!;
    expect(erase.url).toBe(`https://ingest.example.test/v1/subjects/${installId}/erase`);
    expect(erase.headers.get('authorization')).toBe(`Bearer ${secret}`);
    // The secret appears nowhere else: receipts carry only its hash.
    expect(JSON.stringify(t.server.receipts())).not.toContain(secret);
    expect(await listLocalSessions(t.db)).toEqual([]);
    const [newId, newSecret] = [await t.pseudonym.installId(), await t.pseudonym.erasureSecret()];
    expect(newId).not.toBe(installId);
    expect(newSecret).not.toBe(secret);
    await t.lifecycle.deliverReceipts();
    const last = t.server.receipts().at(-1)!;
    expect(last).toMatchObject({ kind: 'grant', installId: newId, erasureSecretSha256: sha256(newSecret) });
    expect(await t.lifecycle.lastErasure()).toEqual(answer.confirmation);
  });

  it('without consent, no grant is sent for the new pseudonym', async () => {
    const t = await setupLifecycle(server((req) => json(200, confirmation(/subjects\/([^/]+)\/erase$/.exec(req.url)![1]!))));
    await t.lifecycle.eraseUploads();
    await t.lifecycle.deliverReceipts();
    expect(t.server.receipts()).toEqual([]);
  });

  it.each([
    ['the server is unreachable', () => Promise.reject(new TypeError('Failed to fetch')), /could not be reached/],
    [
      'the secret is refused',
      () => json(401, { error: 'unauthorized', message: 'not the erasure secret' }),
      /refused.*deletion key.*not the erasure secret/,
    ],
    ['the server fails', () => json(500, { error: 'internal', message: 'boom' }), /refused the deletion \(HTTP 500\)/],
    ['a 200 is not a confirmation', () => json(200, { ok: true }), /not with a confirmation/],
  ])('%s: says so in plain words and deletes nothing here', async (_name, answer, words) => {
    const t = await setupLifecycle(server(answer as () => Promise<Response>));
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    const id = await t.pseudonym.installId();
    const result = await t.lifecycle.eraseUploads();
    expect(result).toMatchObject({ ok: false, confirmation: null });
    expect(result.detail).toMatch(words);
    expect(await listLocalSessions(t.db)).toHaveLength(1);
    expect(await t.pseudonym.installId()).toBe(id);
    expect(await t.lifecycle.lastErasure()).toBeNull();
  });

  it('a confirmation for another install deletes nothing', async () => {
    const t = await setupLifecycle(server(() => json(200, confirmation('99999999-9999-4999-8999-999999999999'))));
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), START, []);
    expect((await t.lifecycle.eraseUploads()).ok).toBe(false);
    expect(await listLocalSessions(t.db)).toHaveLength(1);
  });
});

describe('endRecordings: before a new pseudonym', () => {
  it('stops every live recorder and forgets the session of every tab, live or not', async () => {
    const { endRecordings, NEW_PSEUDONYM_REASON } = await import('../../lib/worker/end-recordings');
    const sent: unknown[] = [];
    const recorder = { tabId: 4, url: 'https://a.example/', recording: true, send: (m: unknown) => sent.push(m) };
    const forgotten: number[] = [];
    await endRecordings({
      recorders: { all: () => [recorder] },
      allTabs: async () => [{ id: 4 }, { id: 9 }, {}],
      forgetTab: async (id) => void forgotten.push(id),
    });
    expect(sent).toEqual([{ kind: 'denied', reason: NEW_PSEUDONYM_REASON }]);
    expect(recorder.recording).toBe(false);
    expect(forgotten.sort()).toEqual([4, 9]);
  });

  it('the erasure ends recordings before deleting what is queued here, and only once confirmed', async () => {
    const t = await setupLifecycle(server((req) => json(200, confirmation(/subjects\/([^/]+)\/erase$/.exec(req.url)![1]!))));
    await t.lifecycle.eraseUploads();
    expect(t.endRecordings).toHaveBeenCalledTimes(1);
    const refused = await setupLifecycle(server(() => json(401, { error: 'unauthorized', message: 'no' })));
    await refused.lifecycle.eraseUploads();
    expect(refused.endRecordings).not.toHaveBeenCalled();
  });
});
