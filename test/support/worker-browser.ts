import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { POLICY_CONFIRMED_KEY } from '../../lib/schema/storage-keys';

/** A browser event with a trigger, for the events fakeBrowser lacks (runtime.onConnect, a port's events). */
export function triggerableEvent<L extends (...args: never[]) => unknown>() {
  const listeners: L[] = [];
  return {
    addListener: (l: L) => void listeners.push(l),
    removeListener: (l: L) => void listeners.splice(listeners.indexOf(l), 1),
    hasListeners: () => listeners.length > 0,
    count: () => listeners.length,
    trigger: (...args: Parameters<L>) => listeners.map((l) => l(...args)),
  };
}

/** A recorder's port as the worker sees it: what it posted, whether it was disconnected, and its events to fire. */
export function fakePort(sender: chrome.runtime.MessageSender, name = 'webtrace/recorder') {
  const posted: unknown[] = [];
  const onMessage = triggerableEvent<(msg: unknown) => void>();
  const onDisconnect = triggerableEvent<() => void>();
  let disconnected = 0;
  const port = {
    name,
    sender,
    postMessage: (msg: unknown) => void posted.push(msg),
    disconnect: () => void disconnected++,
    onMessage,
    onDisconnect,
  };
  return { port: port as unknown as chrome.runtime.Port, raw: port, posted, onMessage, onDisconnect, disconnected: () => disconnected };
}

/**
 * fakeBrowser, reset, with in-memory fakes (their calls visible) for the APIs the worker uses that it
 * leaves unimplemented. An empty managed policy counts as already confirmed in this browser session,
 * so the first policy read does not wait for a late one (lib/platform/policy-source.ts).
 */
export async function workerBrowser(opts: { installType?: string; version?: string } = {}) {
  fakeBrowser.reset();
  await fakeBrowser.storage.session.set({ [POLICY_CONFIRMED_KEY]: true });
  const registered = new Map<string, { id: string; matches?: string[]; excludeMatches?: string[] }>();
  const scripting = {
    getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) =>
      [...registered.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)),
    ),
    registerContentScripts: vi.fn(async (scripts: Array<{ id: string; matches?: string[]; excludeMatches?: string[] }>) => {
      for (const s of scripts) registered.set(s.id, s);
    }),
    updateContentScripts: vi.fn(async (scripts: Array<{ id: string; matches?: string[]; excludeMatches?: string[] }>) => {
      for (const s of scripts) registered.set(s.id, { ...registered.get(s.id), ...s });
    }),
    unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
      for (const id of filter?.ids ?? [...registered.keys()]) registered.delete(id);
    }),
    executeScript: vi.fn(async () => []),
  };
  const icons = new Map<number, string>();
  const action = {
    ...fakeBrowser.action,
    setIcon: vi.fn(async ({ tabId, path }: { tabId: number; path: Record<string, string> }) => void icons.set(tabId, path['16']!)),
    setTitle: vi.fn(async () => {}),
  };
  const onConnect = triggerableEvent<(port: chrome.runtime.Port) => void>();
  const runtime = {
    ...fakeBrowser.runtime,
    onConnect,
    getManifest: () => ({ manifest_version: 3, name: 'webtrace', version: opts.version ?? '0.1.0' }),
  };
  const management = { getSelf: async () => ({ installType: opts.installType ?? 'development' }) };
  // Chrome rejects a get for a tab that is gone; fakeBrowser resolves undefined.
  const tabs = {
    ...fakeBrowser.tabs,
    get: async (tabId: number) => (await fakeBrowser.tabs.get(tabId)) ?? Promise.reject(new Error(`No tab with id: ${tabId}.`)),
  };
  const browser = { ...fakeBrowser, runtime, action, scripting, management, tabs } as unknown as typeof chrome;
  return { browser, scripting, registered, icons, action, onConnect };
}
