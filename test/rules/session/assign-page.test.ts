import { describe, expect, it } from 'vitest';
import { assignPage, type TabSession, type TabSessionStore } from '../../../lib/rules/session/assign-page';
import { isExpired } from '../../../lib/rules/session/is-expired';

function memoryStore(): TabSessionStore & { data: Map<number, TabSession> } {
  const data = new Map<number, TabSession>();
  return { data, get: async (id) => data.get(id) ?? null, set: async (id, s) => void data.set(id, s) };
}

let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
const base = { tabId: 1, site: 'http://localhost:3000', now: 1_000, idleMs: 60_000 };

describe('assignPage', () => {
  it('numbers page loads of one tab and site within one session', async () => {
    const store = memoryStore();
    const a = await assignPage(store, { ...base, pageLoadId: 'p1' }, newId);
    const b = await assignPage(store, { ...base, pageLoadId: 'p2', now: 2_000 }, newId);
    expect(b.sessionId).toBe(a.sessionId);
    expect([a.page, b.page]).toEqual([0, 1]);
  });

  it('gives the same answer to the same page load (a recorder reconnecting after a worker restart)', async () => {
    const store = memoryStore();
    const a = await assignPage(store, { ...base, pageLoadId: 'p1' }, newId);
    await assignPage(store, { ...base, pageLoadId: 'p2' }, newId);
    expect(await assignPage(store, { ...base, pageLoadId: 'p1' }, newId)).toEqual(a);
  });

  it('starts a new session on another site, after inactivity, and per tab', async () => {
    const store = memoryStore();
    const a = await assignPage(store, { ...base, pageLoadId: 'p1' }, newId);
    const otherSite = await assignPage(store, { ...base, pageLoadId: 'p2', site: 'http://127.0.0.1:4000' }, newId);
    expect(otherSite.sessionId).not.toBe(a.sessionId);
    expect(otherSite.page).toBe(0);
    const idle = await assignPage(store, { ...base, pageLoadId: 'p3', site: 'http://127.0.0.1:4000', now: 1_000 + 60_001 }, newId);
    expect(idle.sessionId).not.toBe(otherSite.sessionId);
    const otherTab = await assignPage(store, { ...base, tabId: 2, pageLoadId: 'p4' }, newId);
    expect(otherTab.sessionId).not.toBe(a.sessionId);
  });

  it('keeps one tab run while the tab moves between sites, a new one after inactivity and per tab', async () => {
    const store = memoryStore();
    const a = await assignPage(store, { ...base, pageLoadId: 'p1' }, newId);
    const otherSite = await assignPage(store, { ...base, pageLoadId: 'p2', site: 'http://127.0.0.1:4000', now: 2_000 }, newId);
    const back = await assignPage(store, { ...base, pageLoadId: 'p3', now: 3_000 }, newId);
    expect(new Set([a.sessionId, otherSite.sessionId, back.sessionId]).size).toBe(3);
    expect([otherSite.tabRunId, back.tabRunId]).toEqual([a.tabRunId, a.tabRunId]);
    expect((await assignPage(store, { ...base, pageLoadId: 'p2', now: 3_500 }, newId)).tabRunId).toBe(a.tabRunId);
    const idle = await assignPage(store, { ...base, pageLoadId: 'p4', now: 3_500 + 60_001 }, newId);
    expect(idle.tabRunId).not.toBe(a.tabRunId);
    const otherTab = await assignPage(store, { ...base, tabId: 2, pageLoadId: 'p5', now: 3_500 + 60_001 }, newId);
    expect(otherTab.tabRunId).not.toBe(idle.tabRunId);
  });

  it('gives a tab session stored before tab runs one, and keeps it', async () => {
    const store = memoryStore();
    const a = await assignPage(store, { ...base, pageLoadId: 'p1' }, newId);
    const { tabRunId: _dropped, ...older } = store.data.get(1)!;
    store.data.set(1, older);
    const again = await assignPage(store, { ...base, pageLoadId: 'p1' }, newId);
    const next = await assignPage(store, { ...base, pageLoadId: 'p2', site: 'http://127.0.0.1:4000' }, newId);
    expect(again.sessionId).toBe(a.sessionId);
    expect(next.tabRunId).toBe(again.tabRunId);
  });

  it('remembers a bounded number of page loads per tab', async () => {
    const store = memoryStore();
    for (let i = 0; i < 80; i++) await assignPage(store, { ...base, pageLoadId: `p${i}` }, newId);
    expect(store.data.get(1)!.pages.length).toBe(50);
    expect(store.data.get(1)!.nextPage).toBe(80);
  });
});

describe('isExpired', () => {
  it('is true only past the idle limit', () => {
    expect(isExpired(0, 60_000, 60_000)).toBe(false);
    expect(isExpired(0, 60_001, 60_000)).toBe(true);
  });
});
