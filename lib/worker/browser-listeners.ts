import { PAUSE_END_ALARM, UPLOAD_ALARM } from '../platform/alarms';
import { RECORDER_PORT_NAME } from '../schema/recorder-port';
import { LOCAL_CONFIG_KEY, RECORDER_STASH_PREFIX } from '../schema/storage-keys';

/**
 * The one table of the browser events the worker listens to, each turned into what it means.
 * Registered synchronously when the worker starts: MV3 wakes the worker for these events.
 */
export interface WorkerEvents {
  recorderConnected(port: chrome.runtime.Port): void;
  /** A message from anywhere; the handler checks the sender. Returns true to answer asynchronously. */
  pageRequest(raw: unknown, sender: chrome.runtime.MessageSender, sendResponse: (answer: unknown) => void): boolean;
  uploadDue(): void;
  pauseEnded(): void;
  installed(reason: string): void;
  started(): void;
  tabClosed(tabId: number): void;
  /** A tab navigated or finished loading. */
  tabChanged(tabId: number, url: string | undefined): void;
  /** A recorder left chunks in storage.local as its page went. */
  stashWritten(): void;
  localConfigChanged(): void;
  policyChanged(): void;
}

type StorageChanges = Record<string, { newValue?: unknown } | undefined>;

export function listenToBrowser(browser: typeof chrome, events: WorkerEvents): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name === RECORDER_PORT_NAME) events.recorderConnected(port);
  });
  browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse) => events.pageRequest(raw, sender, sendResponse));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === UPLOAD_ALARM) events.uploadDue();
    if (alarm.name === PAUSE_END_ALARM) events.pauseEnded();
  });
  browser.runtime.onInstalled.addListener((details) => events.installed(details.reason));
  browser.runtime.onStartup.addListener(() => events.started());
  browser.tabs.onRemoved.addListener((tabId) => events.tabClosed(tabId));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.url || change.status) events.tabChanged(tabId, tab.url);
  });
  browser.storage.onChanged.addListener((changes: StorageChanges, area) => {
    if (area === 'managed') return events.policyChanged();
    if (area !== 'local') return;
    if (Object.keys(changes).some((k) => k.startsWith(RECORDER_STASH_PREFIX) && changes[k]?.newValue != null)) events.stashWritten();
    if (changes[LOCAL_CONFIG_KEY]) events.localConfigChanged();
  });
}
