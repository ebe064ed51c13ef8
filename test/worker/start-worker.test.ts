import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAUSE_END_ALARM, UPLOAD_ALARM } from '../../lib/platform/alarms';
import { saveState } from '../../lib/platform/state-store';
import { CONSENT_VERSION } from '../../lib/rules/config/consent-version';
import { DEFAULT_CONFIG } from '../../lib/rules/config/default-config';
import { batchSchema } from '../../lib/schema/batch';
import { serializeRecorderStash } from '../../lib/schema/recorder-port';
import { LOCAL_CONFIG_KEY, RECORDER_STASH_PREFIX, tabSessionKey } from '../../lib/schema/storage-keys';
import { startWorker } from '../../lib/worker/start-worker';
import { buildChunk, PAGE_LOAD_ID, SESSION_A, TEST_SITE } from '../support/builders';
import { fakePort, workerBrowser } from '../support/worker-browser';

const TAB = 5;
const RECORDER_ID = 'webtrace-recorder';

/** Every browser event the worker listens to, as `[name, event]`. */
const events = (onConnect: { addListener: unknown }) =>
  [
    ['runtime.onConnect', onConnect],
    ['runtime.onMessage', fakeBrowser.runtime.onMessage],
    ['runtime.onInstalled', fakeBrowser.runtime.onInstalled],
    ['runtime.onStartup', fakeBrowser.runtime.onStartup],
    ['alarms.onAlarm', fakeBrowser.alarms.onAlarm],
    ['tabs.onRemoved', fakeBrowser.tabs.onRemoved],
    ['tabs.onUpdated', fakeBrowser.tabs.onUpdated],
    ['storage.onChanged', fakeBrowser.storage.onChanged],
  ] as const;

/** runtime.onMessage with Chrome's third argument, sendResponse (fakeBrowser's type has two). */
const sendToWorker = (request: unknown, sender: chrome.runtime.MessageSender, sendResponse: (answer: unknown) => void) =>
  (fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>)(request, sender, sendResponse);

/** A started worker: consent given and the test site on, a fresh queue database, fetch and console stubbed. */
async function start() {
  vi.stubGlobal('indexedDB', new IDBFactory());
  // The server: enrolment answers with a credential for the install (issue 16); every upload is 503.
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    if (!String(input).endsWith('/v1/installs/enrol')) return new Response('unavailable', { status: 503 });
    const { installId } = JSON.parse(String(init?.body)) as { installId: string };
    const credential = `wtic1.${installId}.${'A'.repeat(43)}`;
    return Response.json({ installId, credential, expiresAt: Date.now() + 3_600_000, rotateAfter: Date.now() + 3_600_000 });
  });
  vi.stubGlobal('fetch', fetch);
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const fake = await workerBrowser();
  await saveState(fakeBrowser.storage.local, { consent: { version: CONSENT_VERSION, at: 1 }, sites: { [TEST_SITE]: 'on' }, pause: null });
  // The stash collection every start makes: its read of storage.local, settled.
  let startupRead = false;
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
    const items = await get(keys as string);
    if (keys === null) startupRead = true;
    return items;
  });
  const added = events(fake.onConnect).map(
    ([name, event]) => [name, vi.spyOn(event as { addListener: () => void }, 'addListener')] as const,
  );
  startWorker(fake.browser);
  await expect.poll(() => startupRead).toBe(true);
  const ask = async (request: unknown) => {
    const answer = vi.fn();
    const sender = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    await sendToWorker(request, sender, answer);
    await expect.poll(() => answer.mock.calls.length).toBe(1);
    return answer.mock.calls[0]![0] as Record<string, unknown>;
  };
  const registered = () => fake.registered.get(RECORDER_ID)?.matches ?? null;
  return { ...fake, fetch, warn, added, ask, registered };
}

/** A recorder in tab TAB's top frame: hello, then one chunk, acknowledged. */
async function recordOneChunk(t: Awaited<ReturnType<typeof start>>) {
  const p = fakePort({
    id: fakeBrowser.runtime.id,
    frameId: 0,
    tab: { id: TAB, incognito: false } as chrome.tabs.Tab,
    url: `${TEST_SITE}/`,
  });
  t.onConnect.trigger(p.port);
  p.onMessage.trigger({ kind: 'hello', pageLoadId: PAGE_LOAD_ID, url: `${TEST_SITE}/` });
  await expect.poll(() => p.posted[0]).toMatchObject({ kind: 'session', page: 0 });
  const { sessionId } = p.posted[0] as { sessionId: string };
  p.onMessage.trigger({ kind: 'chunk', chunk: buildChunk({ sessionId }) });
  await expect.poll(() => p.posted[1]).toEqual({ kind: 'ack', key: { sessionId, page: 0, seq: 0 } });
  return { ...p, sessionId };
}

describe('startWorker wiring', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds each browser listener once', async () => {
    const t = await start();
    expect(Object.fromEntries(t.added.map(([name, spy]) => [name, spy.mock.calls.length]))).toEqual(
      Object.fromEntries(t.added.map(([name]) => [name, 1])),
    );
  });

  it("a recorder's port reaches chunk admission: the chunk is acknowledged and the page lists it", async () => {
    const t = await start();
    const { sessionId } = await recordOneChunk(t);
    const listed = await t.ask({ kind: 'list-local-sessions' });
    expect(JSON.stringify(listed)).toContain(sessionId);
  });

  it("an extension page's request is answered by its handler; anyone else's is not", async () => {
    const t = await start();
    expect(await t.ask({ kind: 'get-status', url: `${TEST_SITE}/` })).toMatchObject({
      capture: { status: 'recording', site: TEST_SITE },
      consent: { required: CONSENT_VERSION },
    });
    const stranger = vi.fn();
    const results = await sendToWorker({ kind: 'get-status', url: null }, { id: 'other', url: 'https://x.example/' }, stranger);
    expect(results).toEqual([false]);
  });

  it('the upload alarm starts an upload of what is queued', async () => {
    const t = await start();
    await recordOneChunk(t);
    // One chunk is far below the early-upload threshold: nothing goes out before the alarm.
    expect(t.fetch).not.toHaveBeenCalled();
    await fakeBrowser.alarms.onAlarm.trigger({ name: UPLOAD_ALARM, scheduledTime: 0 });
    await expect.poll(() => t.fetch.mock.calls.length).toBeGreaterThan(0);
    expect(String((t.fetch.mock.calls[0] as unknown[])[0])).toContain(new URL(DEFAULT_CONFIG.endpoint).host);
  });

  it('an uploaded batch names the consent version the person agreed to', async () => {
    const t = await start();
    await recordOneChunk(t);
    await fakeBrowser.alarms.onAlarm.trigger({ name: UPLOAD_ALARM, scheduledTime: 0 });
    const batchCall = () =>
      t.fetch.mock.calls.find((call) => String((call as unknown[])[0]).endsWith('/v1/batches')) as unknown[] | undefined;
    await expect.poll(() => batchCall() !== undefined).toBe(true);
    const body = (batchCall()![1] as RequestInit).body as Uint8Array;
    const batch = batchSchema.parse(JSON.parse(gunzipSync(body).toString('utf8')));
    expect(batch.consentVersion).toBe(String(CONSENT_VERSION));
    // With the credential enrolment gave, for the install the batch names.
    const headers = (batchCall()![1] as RequestInit).headers as Record<string, string>;
    expect(headers['webtrace-install-credential']).toBe(`wtic1.${batch.installId}.${'A'.repeat(43)}`);
  });

  it('browser start, the end of a pause and a new local configuration each apply the choices', async () => {
    const t = await start();
    expect(t.registered()).toBeNull();
    await fakeBrowser.runtime.onStartup.trigger();
    await expect.poll(() => t.registered()).not.toBeNull();

    await saveState(fakeBrowser.storage.local, {
      consent: { version: CONSENT_VERSION, at: 1 },
      sites: { [TEST_SITE]: 'off' },
      pause: null,
    });
    await fakeBrowser.alarms.onAlarm.trigger({ name: PAUSE_END_ALARM, scheduledTime: 0 });
    await expect.poll(() => t.registered()).toBeNull();

    await saveState(fakeBrowser.storage.local, { consent: { version: CONSENT_VERSION, at: 1 }, sites: { [TEST_SITE]: 'on' }, pause: null });
    await fakeBrowser.storage.local.set({ [LOCAL_CONFIG_KEY]: { sites: ['http://localhost/*'] } });
    await expect.poll(() => t.registered()).not.toBeNull();
  });

  it('a policy change is read afresh and applied: a site the organisation blocks stops', async () => {
    const t = await start();
    await fakeBrowser.runtime.onStartup.trigger();
    await expect.poll(() => t.registered()).not.toBeNull();
    await fakeBrowser.storage.managed.set({ blockedSites: [`${TEST_SITE}/*`] });
    await expect
      .poll(async () => (await t.ask({ kind: 'get-status', url: `${TEST_SITE}/` })).capture)
      .toMatchObject({ status: 'not-allowed' });
    await expect.poll(() => t.registered()).toBeNull();
  });

  it('an install opens the consent page', async () => {
    await start();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await expect
      .poll(async () => (await fakeBrowser.tabs.query({})).map((tab) => tab.url))
      .toContain(fakeBrowser.runtime.getURL('/consent.html'));
  });

  it("a closed tab's session is forgotten; a tab that loaded a site not allowed shows so", async () => {
    const t = await start();
    await fakeBrowser.storage.session.set({
      [tabSessionKey(9)]: { sessionId: SESSION_A, site: TEST_SITE, nextPage: 1, lastSeenAt: 0, pages: [] },
    });
    await fakeBrowser.tabs.onRemoved.trigger(9, { windowId: 1, isWindowClosing: false });
    await expect.poll(async () => fakeBrowser.storage.session.get(tabSessionKey(9))).toEqual({});

    await fakeBrowser.tabs.onUpdated.trigger(11, { status: 'complete' }, { id: 11, url: 'https://elsewhere.example/' } as chrome.tabs.Tab);
    await expect.poll(() => t.icons.get(11)).toMatch(/not-allowed|blocked/);
  });

  it('a stash written after the start is collected into the queue', async () => {
    const t = await start();
    const key = `${RECORDER_STASH_PREFIX}${PAGE_LOAD_ID}`;
    await fakeBrowser.storage.local.set({ [key]: serializeRecorderStash({ chunks: [buildChunk({ page: 2 })], dropped: [] }) });
    await expect.poll(async () => fakeBrowser.storage.local.get(key)).toEqual({});
    expect(JSON.stringify(await t.ask({ kind: 'list-local-sessions' }))).toContain(SESSION_A);
  });
});
