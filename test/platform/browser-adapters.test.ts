import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { UPLOAD_ALARM } from '../../lib/platform/alarms';
import { browserAdapters } from '../../lib/platform/browser-adapters';
import { INITIAL_EMPLOYEE_STATE } from '../../lib/schema/employee-state';
import { EMPLOYEE_STATE_KEY, INSTALL_ID_KEY, LOCAL_CONFIG_KEY, RECORDER_STASH_PREFIX, tabSessionKey } from '../../lib/schema/storage-keys';
import { SESSION_A } from '../support/builders';
import { workerBrowser } from '../support/worker-browser';

const session = { sessionId: SESSION_A, site: 'http://localhost:3000', nextPage: 1, lastSeenAt: 0, pages: [] };

describe('browserAdapters over the extension API', () => {
  let fake: Awaited<ReturnType<typeof workerBrowser>>;
  beforeEach(async () => {
    fake = await workerBrowser({ installType: 'admin', version: '1.2.3' });
  });

  it("keeps the person's choices in storage.local and tab sessions in storage.session", async () => {
    const io = browserAdapters(fake.browser);
    const state = { ...INITIAL_EMPLOYEE_STATE, sites: { 'http://localhost:3000': 'on' as const } };
    await io.saveState(state);
    expect((await fakeBrowser.storage.local.get(EMPLOYEE_STATE_KEY))[EMPLOYEE_STATE_KEY]).toEqual(state);
    expect(await io.loadState()).toEqual({ state, error: null });

    await io.tabSessions.set(4, session);
    expect(await fakeBrowser.storage.local.get(tabSessionKey(4))).toEqual({});
    expect(await io.tabSessions.get(4)).toEqual(session);
    await io.tabSessions.forget(4);
    expect(await fakeBrowser.storage.session.get(tabSessionKey(4))).toEqual({});
  });

  it('reads the stash from all of storage.local', async () => {
    const io = browserAdapters(fake.browser);
    await fakeBrowser.storage.local.set({ [`${RECORDER_STASH_PREFIX}p`]: '{}', other: 1 });
    expect(await io.stashArea.get(null)).toEqual(await fakeBrowser.storage.local.get(null));
    expect(await io.stashArea.get(null)).toMatchObject({ [`${RECORDER_STASH_PREFIX}p`]: '{}', other: 1 });
    await io.stashArea.remove(`${RECORDER_STASH_PREFIX}p`);
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).not.toContain(`${RECORDER_STASH_PREFIX}p`);
  });

  it('loads the configuration from the local override and the managed policy', async () => {
    await fakeBrowser.storage.local.set({ [LOCAL_CONFIG_KEY]: { endpoint: 'http://127.0.0.1:9000' } });
    const local = await browserAdapters(fake.browser).config.load();
    expect(local).toMatchObject({ source: 'local', config: { endpoint: 'http://127.0.0.1:9000' } });

    await fakeBrowser.storage.managed.set({
      ingestEndpoint: 'https://ingest.example.com',
      ingestToken: 'tok',
      allowedSites: ['https://app.example.com/*'],
    });
    const managed = await browserAdapters(fake.browser).config.load();
    expect(managed).toMatchObject({ source: 'policy', config: { endpoint: 'https://ingest.example.com' } });
  });

  it('gives delivery the manifest version and one install id, kept across worker starts', async () => {
    const first = browserAdapters(fake.browser).delivery;
    expect(first.extensionVersion).toBe('1.2.3');
    const id = await first.installId();
    expect((await fakeBrowser.storage.local.get(INSTALL_ID_KEY))[INSTALL_ID_KEY]).toBe(id);
    expect(await browserAdapters(fake.browser).delivery.installId()).toBe(id);
  });

  it("hands the capture gate the browser's scripting, tabs and a tab's url (none for a closed tab)", async () => {
    const { gate } = browserAdapters(fake.browser);
    const script = {
      id: 'webtrace-recorder',
      js: ['c.js'],
      matches: ['http://localhost/*'],
      excludeMatches: [],
      runAt: 'document_idle' as const,
      persistAcrossSessions: true,
    };
    await gate.scripting.registerContentScripts([script]);
    expect(fake.scripting.registerContentScripts).toHaveBeenCalledWith([script]);
    await gate.scripting.updateContentScripts([{ id: script.id, matches: ['http://127.0.0.1/*'], excludeMatches: [] }]);
    expect(fake.scripting.updateContentScripts).toHaveBeenCalledTimes(1);
    expect((await gate.scripting.getRegisteredContentScripts({ ids: [script.id] }))[0]?.matches).toEqual(['http://127.0.0.1/*']);
    const tab = await fakeBrowser.tabs.create({ url: 'http://localhost:3000/a' });
    expect(await gate.tabUrl(tab.id!)).toBe('http://localhost:3000/a');
    expect(await gate.tabUrl(999)).toBeUndefined();
  });

  it('opens the consent page of this extension', async () => {
    const io = browserAdapters(fake.browser);
    await io.openConsentPage();
    expect((await fakeBrowser.tabs.query({})).map((t) => t.url)).toContain(fakeBrowser.runtime.getURL('/consent.html'));
  });

  it("reports the install type and only the managed area's changes, until unsubscribed", async () => {
    const { adminPolicy } = browserAdapters(fake.browser);
    expect(await adminPolicy.installType()).toBe('admin');
    const changed = vi.fn();
    const unsubscribe = adminPolicy.onManagedChange(changed);
    await fakeBrowser.storage.local.set({ a: 1 });
    await fakeBrowser.storage.managed.set({ allowedSites: [] });
    expect(changed).toHaveBeenCalledTimes(1);
    unsubscribe();
    await fakeBrowser.storage.managed.set({ allowedSites: ['https://x.example/*'] });
    expect(changed).toHaveBeenCalledTimes(1);
    expect(await adminPolicy.readManaged()).toEqual({ allowedSites: ['https://x.example/*'] });
  });

  it("sets the upload alarm on the browser's alarms", async () => {
    await browserAdapters(fake.browser).alarms.ensureUpload();
    expect((await fakeBrowser.alarms.get(UPLOAD_ALARM))?.periodInMinutes).toBe(0.5);
  });
});
