import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PAUSE_END_ALARM, UPLOAD_ALARM } from '../../lib/platform/alarms';
import { RECORDER_PORT_NAME } from '../../lib/schema/recorder-port';
import { LOCAL_CONFIG_KEY, RECORDER_STASH_PREFIX } from '../../lib/schema/storage-keys';
import { listenToBrowser, type WorkerEvents } from '../../lib/worker/browser-listeners';

/** fakeBrowser has no runtime.onConnect: a minimal event with a trigger. */
function connectEvent() {
  const listeners: Array<(port: chrome.runtime.Port) => void> = [];
  return {
    addListener: (l: (port: chrome.runtime.Port) => void) => void listeners.push(l),
    trigger: (port: Partial<chrome.runtime.Port>) => listeners.forEach((l) => l(port as chrome.runtime.Port)),
  };
}

function setup() {
  fakeBrowser.reset();
  const onConnect = connectEvent();
  const browser = { ...fakeBrowser, runtime: { ...fakeBrowser.runtime, onConnect } } as unknown as typeof chrome;
  const events = Object.fromEntries(
    [
      'recorderConnected',
      'pageRequest',
      'uploadDue',
      'pauseEnded',
      'installed',
      'started',
      'tabClosed',
      'tabChanged',
      'stashWritten',
      'localConfigChanged',
      'policyChanged',
    ].map((name) => [name, vi.fn()]),
  ) as unknown as { [K in keyof WorkerEvents]: ReturnType<typeof vi.fn> };
  listenToBrowser(browser, events as unknown as WorkerEvents);
  return { events, onConnect };
}

describe('the worker listener table', () => {
  beforeEach(() => fakeBrowser.reset());

  it('takes only recorder ports', () => {
    const t = setup();
    t.onConnect.trigger({ name: 'something-else' });
    t.onConnect.trigger({ name: RECORDER_PORT_NAME });
    expect(t.events.recorderConnected).toHaveBeenCalledTimes(1);
  });

  it('tells the two alarms apart', async () => {
    const t = setup();
    await fakeBrowser.alarms.onAlarm.trigger({ name: UPLOAD_ALARM, scheduledTime: 0 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: PAUSE_END_ALARM, scheduledTime: 0 });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'other', scheduledTime: 0 });
    expect(t.events.uploadDue).toHaveBeenCalledTimes(1);
    expect(t.events.pauseEnded).toHaveBeenCalledTimes(1);
  });

  it('passes install reasons, startup, closed tabs and tabs that navigated or loaded', async () => {
    const t = setup();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false });
    await fakeBrowser.runtime.onStartup.trigger();
    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    await fakeBrowser.tabs.onUpdated.trigger(8, { status: 'complete' }, { id: 8, url: 'http://localhost/a' } as chrome.tabs.Tab);
    await fakeBrowser.tabs.onUpdated.trigger(8, { title: 'only a title' }, { id: 8, url: 'http://localhost/a' } as chrome.tabs.Tab);
    expect(t.events.installed).toHaveBeenCalledWith('update');
    expect(t.events.started).toHaveBeenCalledTimes(1);
    expect(t.events.tabClosed).toHaveBeenCalledWith(7);
    expect(t.events.tabChanged.mock.calls).toEqual([[8, 'http://localhost/a']]);
  });

  it('reads storage changes once: a written stash, the local configuration, the managed policy', async () => {
    const t = setup();
    await fakeBrowser.storage.local.set({ [`${RECORDER_STASH_PREFIX}page`]: '{}' });
    expect(t.events.stashWritten).toHaveBeenCalledTimes(1);
    // The collector removing the entry is no new stash.
    await fakeBrowser.storage.local.remove(`${RECORDER_STASH_PREFIX}page`);
    expect(t.events.stashWritten).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.local.set({ [LOCAL_CONFIG_KEY]: { sites: [] } });
    expect(t.events.localConfigChanged).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.local.set({ 'webtrace:state': {} });
    await fakeBrowser.storage.session.set({ [LOCAL_CONFIG_KEY]: {} });
    expect(t.events.localConfigChanged).toHaveBeenCalledTimes(1);
    await fakeBrowser.storage.managed.set({ allowedSites: [] });
    expect(t.events.policyChanged).toHaveBeenCalledTimes(1);
  });
});
