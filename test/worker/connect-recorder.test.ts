import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTabSessionStore } from '../../lib/platform/tab-session-store';
import type { CaptureDecision } from '../../lib/rules/capture/decide-capture';
import { STORAGE_REASONS, type QueueLevel } from '../../lib/rules/storage/storage-budget';
import { tabSessionKey } from '../../lib/schema/storage-keys';
import type { CaptureGate } from '../../lib/worker/capture-gate';
import { connectRecorder, type ConnectRecorderDeps } from '../../lib/worker/connect-recorder';
import { createRecorderRegistry } from '../../lib/worker/recorder-ports';
import { createSerializer } from '../../lib/worker/serialize';
import { buildChunk, PAGE_LOAD_ID, TEST_SITE } from '../support/builders';
import { fakePort } from '../support/worker-browser';

const OWN_ID = 'own-extension';
const TAB = 7;
const settings = { maskAllText: false, blockSelector: null, maskTextSelector: null };
const ALLOW: CaptureDecision = { allowed: true, status: 'recording', site: TEST_SITE, settings };
const OFF: CaptureDecision = { allowed: false, status: 'off', site: TEST_SITE, reason: 'site not enabled for capture' };
const topFrame = { id: OWN_ID, frameId: 0, tab: { id: TAB, incognito: false } as chrome.tabs.Tab, url: `${TEST_SITE}/` };
const hello = (resumed?: boolean) => ({ kind: 'hello', pageLoadId: PAGE_LOAD_ID, url: `${TEST_SITE}/`, resumed });

function setup(over: { decision?: CaptureDecision; level?: QueueLevel } = {}) {
  const current = { decision: over.decision ?? ALLOW, level: over.level ?? ('ok' as QueueLevel) };
  const shown: Array<[number, string, string | null | undefined]> = [];
  const refreshed: number[] = [];
  const stored: number[] = [];
  const refused: number[] = [];
  const decide = vi.fn(async () => current.decision);
  const deps: ConnectRecorderDeps = {
    ownId: OWN_ID,
    gate: { decide } as unknown as CaptureGate,
    recorders: createRecorderRegistry(),
    tabs: createTabSessionStore(fakeBrowser.storage.session),
    sessionIdleMs: () => 30 * 60_000,
    serial: createSerializer(),
    admission: {
      store: async (chunk) => void stored.push(chunk.seq),
      refuse: async (key) => void refused.push(key.seq),
      dropUnstorable: async () => {},
      countInvalid: () => {},
      level: async () => current.level,
    },
    toolbar: {
      show: async (tabId, status, reason) => void shown.push([tabId, status, reason]),
      refresh: async (tabId) => void refreshed.push(tabId),
    },
    log: () => {},
  };
  return { deps, current, shown, refreshed, stored, refused, decide };
}

/** Connects a port and sends one message, waiting until the worker has answered it. */
async function connect(t: ReturnType<typeof setup>, sender: chrome.runtime.MessageSender = topFrame) {
  const p = fakePort(sender);
  connectRecorder(p.port, t.deps);
  const send = async (msg: unknown) => {
    const before = p.posted.length;
    p.onMessage.trigger(msg);
    await expect.poll(() => p.posted.length).toBeGreaterThan(before);
    return p.posted.at(-1);
  };
  return { ...p, send };
}

describe('connectRecorder', () => {
  beforeEach(() => fakeBrowser.reset());

  it("takes only our own content script in a tab's top frame", async () => {
    const t = setup();
    const strangers = [
      { ...topFrame, id: 'another-extension' },
      { ...topFrame, frameId: 3 },
      { ...topFrame, tab: undefined },
    ];
    for (const sender of strangers) {
      const p = await connect(t, sender);
      expect(p.disconnected()).toBe(1);
      expect(p.onMessage.count()).toBe(0);
    }
    expect(t.deps.recorders.all()).toEqual([]);
    const own = await connect(t);
    expect(own.disconnected()).toBe(0);
    expect(t.deps.recorders.all().map((r) => r.tabId)).toEqual([TAB]);
  });

  it('grants a session kept in the tab session store, and the same one to the same page load', async () => {
    const t = setup();
    const p = await connect(t);
    const first = (await p.send(hello())) as { kind: string; sessionId: string; page: number };
    expect(first).toMatchObject({ kind: 'session', page: 0, settings });
    const kept = (await fakeBrowser.storage.session.get(tabSessionKey(TAB)))[tabSessionKey(TAB)] as { sessionId: string };
    expect(kept.sessionId).toBe(first.sessionId);
    expect(await p.send(hello(true))).toEqual(first);
    expect(t.deps.recorders.tabIsRecording(TAB)).toBe(true);
  });

  it('shows the tab as recording once, not again with every decision', async () => {
    const t = setup();
    const p = await connect(t);
    const session = (await p.send(hello())) as { sessionId: string; page: number };
    await p.send({ kind: 'chunk', chunk: buildChunk({ sessionId: session.sessionId, page: session.page, seq: 0 }) });
    await p.send({ kind: 'chunk', chunk: buildChunk({ sessionId: session.sessionId, page: session.page, seq: 1 }) });
    expect(t.stored).toEqual([0, 1]);
    expect(t.shown).toEqual([[TAB, 'recording', undefined]]);
  });

  it("denies a page the gate says no to, and shows the gate's reason", async () => {
    const t = setup({ decision: OFF });
    const p = await connect(t);
    expect(await p.send(hello())).toEqual({ kind: 'denied', reason: OFF.reason });
    expect(t.shown).toEqual([[TAB, 'off', OFF.reason]]);
    expect(t.deps.recorders.tabIsRecording(TAB)).toBe(false);
  });

  it('makes a new page load wait while storage is full, but lets a page already recording reconnect', async () => {
    const t = setup({ level: 'full' });
    const p = await connect(t);
    expect(await p.send(hello())).toEqual({ kind: 'denied', reason: STORAGE_REASONS.full });
    expect(t.shown).toEqual([[TAB, 'paused', STORAGE_REASONS.full]]);
    expect(await p.send(hello(true))).toMatchObject({ kind: 'session' });
  });

  it('past the hard limit refuses the chunk, stops the page and shows it paused', async () => {
    const t = setup();
    const p = await connect(t);
    const session = (await p.send(hello())) as { sessionId: string; page: number };
    t.current.level = 'over';
    const answer = await p.send({ kind: 'chunk', chunk: buildChunk({ sessionId: session.sessionId, page: session.page, seq: 4 }) });
    expect(answer).toEqual({ kind: 'denied', reason: STORAGE_REASONS.over });
    expect(t.refused).toEqual([4]);
    expect(t.stored).toEqual([]);
    expect(t.shown.at(-1)).toEqual([TAB, 'paused', STORAGE_REASONS.over]);
    expect(t.deps.recorders.tabIsRecording(TAB)).toBe(false);
  });

  it('forgets the recorder when its port goes, and refreshes the tab icon', async () => {
    const t = setup();
    const p = await connect(t);
    await p.send(hello());
    p.onDisconnect.trigger();
    expect(t.deps.recorders.all()).toEqual([]);
    expect(t.refreshed).toEqual([TAB]);
  });

  it('survives a page that went away before the answer', async () => {
    const t = setup();
    const p = await connect(t);
    p.raw.postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    p.onMessage.trigger(hello());
    await expect.poll(() => t.shown.length).toBe(1);
    expect(p.disconnected()).toBe(0);
  });
});
