import { createAlarms } from './alarms';
import { createConfigSource } from './config-source';
import { createConsentOutboxStore } from './consent-outbox-store';
import { createErasureConfirmationStore } from './erasure-confirmation-store';
import { createPseudonym } from './pseudonym';
import { createPolicySource } from './policy-source';
import { loadState, saveState } from './state-store';
import { createTabSessionStore } from './tab-session-store';
import { createUploadStateStore } from './upload-state-store';
import { createInstallCredentialStore } from './install-credential-store';
import { credentialFetch } from '../upload/credential-fetch';
import type { ScriptingApi } from './content-script-sync';
import type { EmployeeState } from '../schema/employee-state';

/**
 * Every adapter the worker uses, over the real extension API (or WXT's fakeBrowser in tests):
 * stores in browser.storage, the policy and configuration sources, alarms, and the tab, scripting
 * and toolbar calls the capture gate makes. No decisions.
 */
export function browserAdapters(browser: typeof chrome) {
  const { local, session } = browser.storage;
  const readManaged = () => browser.storage.managed.get(null) as Promise<Record<string, unknown>>;
  const policy = createPolicySource({ readManaged, session });
  const alarms = createAlarms(browser.alarms);
  const pseudonym = createPseudonym(local, () => crypto.randomUUID());
  return {
    policy,
    config: createConfigSource(local, policy),
    loadState: () => loadState(local),
    saveState: (state: EmployeeState) => saveState(local, state),
    tabSessions: createTabSessionStore(session),
    /** storage.local as the stash collector reads it (all keys). */
    stashArea: local as unknown as { get(keys: null): Promise<Record<string, unknown>>; remove(key: string): Promise<void> },
    alarms,
    delivery: {
      uploadState: createUploadStateStore(local),
      installId: pseudonym.installId,
      extensionVersion: browser.runtime.getManifest().version,
      // Every upload carries this install's credential, enrolled for on the first (lib/upload/credential-fetch.ts).
      fetch: credentialFetch({
        fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
        now: Date.now,
        installId: pseudonym.installId,
        store: createInstallCredentialStore(local),
        extensionVersion: browser.runtime.getManifest().version,
        log: (message, detail) => console.warn(`[webtrace] ${message}`, detail ?? ''),
      }),
      now: Date.now,
      random: Math.random,
    },
    gate: {
      now: Date.now,
      scripting: scriptingApi(browser.scripting),
      tabs: browser.tabs,
      action: browser.action,
      allTabs: () => browser.tabs.query({}),
      tabUrl: (tabId: number) =>
        browser.tabs.get(tabId).then(
          (t) => t.url,
          () => undefined,
        ),
      setUploadInterval: alarms.setUploadInterval,
      schedulePauseEnd: alarms.schedulePauseEnd,
    },
    /** Consent receipts and erasure (issue 16). */
    consentLifecycle: {
      pseudonym,
      outbox: createConsentOutboxStore(local, Date.now),
      erasureConfirmation: createErasureConfirmationStore(local),
      readPolicy: readManaged,
    },
    openConsentPage: () => browser.tabs.create({ url: browser.runtime.getURL('/consent.html') }),
    adminPolicy: {
      installType: async () => (await browser.management.getSelf()).installType,
      readManaged,
      onManagedChange: (listener: () => void) => {
        const onChange = (_changes: unknown, area: string) => area === 'managed' && listener();
        browser.storage.onChanged.addListener(onChange);
        return () => browser.storage.onChanged.removeListener(onChange);
      },
    },
  };
}
export type BrowserAdapters = ReturnType<typeof browserAdapters>;

function scriptingApi(scripting: typeof chrome.scripting): ScriptingApi {
  return {
    getRegisteredContentScripts: (filter) => scripting.getRegisteredContentScripts(filter),
    registerContentScripts: (scripts) => scripting.registerContentScripts(scripts),
    // Only the matches change; chrome's type wants js or css on every entry.
    updateContentScripts: (scripts) => scripting.updateContentScripts(scripts as chrome.scripting.RegisteredContentScript[]),
    unregisterContentScripts: (filter) => scripting.unregisterContentScripts(filter),
    executeScript: (injection) => scripting.executeScript(injection),
  };
}
