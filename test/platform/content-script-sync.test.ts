import { describe, expect, it } from 'vitest';
import { RECORDER_SCRIPT_ID, syncContentScript, type ScriptingApi, type TabsApi } from '../../lib/platform/content-script-sync';
import { patternForSite, patternsForSites } from '../../lib/rules/capture/registration-patterns';

function fakes(openTabs: Array<{ id: number; url: string }> = []) {
  let registered: { id: string; matches: string[] } | null = null;
  const calls: string[] = [];
  const injected: number[] = [];
  const scripting: ScriptingApi = {
    getRegisteredContentScripts: async () => (registered ? [registered] : []),
    registerContentScripts: async ([s]) => {
      if (registered) throw new Error('Duplicate script ID');
      registered = { id: s!.id, matches: s!.matches };
      calls.push('register');
    },
    updateContentScripts: async ([s]) => {
      registered = { id: s!.id, matches: s!.matches };
      calls.push('update');
    },
    unregisterContentScripts: async () => {
      registered = null;
      calls.push('unregister');
    },
    executeScript: async ({ target }) => {
      if (target.tabId === 666) throw new Error('Cannot access a chrome-error:// page');
      injected.push(target.tabId);
    },
  };
  const tabs: TabsApi = {
    query: async ({ url }) => openTabs.filter((t) => url.some((p) => t.url.startsWith(p.replace('/*', '/')))),
  };
  return { scripting, tabs, calls, injected, registered: () => registered };
}

describe('registration patterns', () => {
  it('cover the host on every port (Chrome patterns cannot name a port), only for http(s)', () => {
    expect(patternForSite('http://127.0.0.1:5173')).toBe('http://127.0.0.1/*');
    expect(patternForSite('https://app.example.com')).toBe('https://app.example.com/*');
    expect(patternForSite('file:///x')).toBeNull();
    expect(patternsForSites(['https://b.example', 'https://a.example:8443', 'https://a.example'])).toEqual([
      'https://a.example/*',
      'https://b.example/*',
    ]);
  });
});

describe('syncContentScript', () => {
  it('registers for recordable sites and injects into their open tabs only', async () => {
    const f = fakes([
      { id: 1, url: 'https://a.example/x' },
      { id: 2, url: 'https://b.example/' },
      { id: 666, url: 'https://a.example/err' },
    ]);
    const r = await syncContentScript(f.scripting, f.tabs, { sites: ['https://a.example'] });
    expect(f.registered()).toEqual({ id: RECORDER_SCRIPT_ID, matches: ['https://a.example/*'] });
    expect(r.added).toEqual(['https://a.example/*']);
    expect(f.injected).toEqual([1]);
  });

  it('updates when sites change, injects only into newly added sites, and unregisters when none is left', async () => {
    const f = fakes([
      { id: 1, url: 'https://a.example/' },
      { id: 2, url: 'https://b.example/' },
    ]);
    await syncContentScript(f.scripting, f.tabs, { sites: ['https://a.example'] });
    const r = await syncContentScript(f.scripting, f.tabs, { sites: ['https://a.example', 'https://b.example'] });
    expect(r).toMatchObject({ added: ['https://b.example/*'], removed: [] });
    expect(f.injected).toEqual([1, 2]);
    await syncContentScript(f.scripting, f.tabs, { sites: ['https://a.example', 'https://b.example'] });
    expect(f.calls).toEqual(['register', 'update']);
    const off = await syncContentScript(f.scripting, f.tabs, { sites: [] });
    expect(off.removed).toEqual(['https://a.example/*', 'https://b.example/*']);
    expect(f.registered()).toBeNull();
    expect(f.calls.at(-1)).toBe('unregister');
  });
});
