import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadState, saveState } from '../../lib/platform/state-store';
import { appendChunk, listLocalSessions } from '../../lib/queue';
import { DEFAULT_CONFIG } from '../../lib/rules/config/default-config';
import type { LoadedConfig } from '../../lib/rules/config/load-config';
import type { CaptureDecision } from '../../lib/rules/capture/decide-capture';
import { extensionRequestSchema } from '../../lib/schema/extension-messages';
import { answerRequest, createRequestHandlers } from '../../lib/worker/request-handlers';
import { createPageRequestListener } from '../../lib/worker/page-requests';
import { freshDb, makeChunk } from '../queue/fixtures';
import { SESSION_A, SESSION_B } from '../support/builders';

async function setup(config: Partial<LoadedConfig['config']> = {}) {
  const db = await freshDb();
  const loaded: LoadedConfig = { config: { ...DEFAULT_CONFIG, ...config }, source: 'local', error: null, blocked: null, policyIssues: [] };
  const recording: CaptureDecision = {
    allowed: true,
    status: 'recording',
    site: 'http://localhost:3000',
    settings: { maskAllText: false, blockSelector: null, maskTextSelector: null },
  };
  const gate = { decide: vi.fn(async () => recording), apply: vi.fn(async () => {}) };
  const handlers = createRequestHandlers({
    db: async () => db,
    gate,
    loadConfig: async () => loaded,
    loadState: () => loadState(fakeBrowser.storage.local),
    saveState: (s) => saveState(fakeBrowser.storage.local, s),
    uploadNow: async () => ({ ok: true, detail: 'upload drained' }),
    now: () => 1_000,
  });
  return { db, gate, handlers };
}

describe('requests from the extension pages', () => {
  beforeEach(() => fakeBrowser.reset());

  it('has one handler for every request kind', async () => {
    const t = await setup();
    const kinds = extensionRequestSchema.options.map((o) => o.shape.kind.value).sort();
    expect(Object.keys(t.handlers).sort()).toEqual(kinds);
  });

  it('a choice is stored and applied at once', async () => {
    const t = await setup();
    expect(await answerRequest(t.handlers, { kind: 'give-consent', version: 1 })).toEqual({ ok: true, detail: 'consent recorded' });
    expect((await loadState(fakeBrowser.storage.local)).state?.consent).toEqual({ version: 1, at: 1_000 });
    expect(t.gate.apply).toHaveBeenCalledTimes(1);
  });

  it('refuses what the organisation does not allow, changing nothing', async () => {
    const t = await setup({ pauseAllowed: false });
    expect(await answerRequest(t.handlers, { kind: 'pause', minutes: 15 })).toEqual({
      ok: false,
      detail: 'your organisation does not allow pausing',
    });
    expect(t.gate.apply).not.toHaveBeenCalled();
  });

  it('"delete all" deletes every local session', async () => {
    const t = await setup();
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), 1, []);
    await appendChunk(t.db, makeChunk(SESSION_B, 0, 0), 1, []);
    expect(await answerRequest(t.handlers, { kind: 'delete-all-local' })).toEqual({ ok: true, detail: 'deleted 2 chunks' });
    expect(await listLocalSessions(t.db)).toEqual([]);
  });

  it('says a page waits while storage is full', async () => {
    const t = await setup({ localCapBytes: 10 });
    await appendChunk(t.db, makeChunk(SESSION_A, 0, 0), 1, []);
    const status = await answerRequest(t.handlers, { kind: 'get-status', url: 'http://localhost:3000/' });
    expect(status).toMatchObject({
      capture: { status: 'paused', reason: expect.stringMatching(/^storage for recordings on this computer is full/) },
    });
  });
});

describe('the page request listener', () => {
  const own = { id: 'ext', baseUrl: 'chrome-extension://ext/' };
  const answered = () => {
    const answers: unknown[] = [];
    return { answers, sendResponse: (a: unknown) => void answers.push(a) };
  };

  it("answers only the extension's own pages", async () => {
    const answer = vi.fn(async () => ({ ok: true, detail: 'x' }));
    const listen = createPageRequestListener(own, answer);
    const r = answered();
    expect(listen({ kind: 'resume' }, { id: 'ext', url: 'https://evil.test/' }, r.sendResponse)).toBe(false);
    expect(listen({ kind: 'resume' }, { id: 'other', url: 'chrome-extension://ext/popup.html' }, r.sendResponse)).toBe(false);
    expect(listen({ kind: 'resume' }, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, r.sendResponse)).toBe(true);
    await expect.poll(() => r.answers).toEqual([{ ok: true, detail: 'x' }]);
    expect(answer).toHaveBeenCalledTimes(1);
  });

  it('answers an invalid request with what was wrong, and a failing one with the error', async () => {
    const listen = createPageRequestListener(own, async () => {
      throw new Error('boom');
    });
    const r = answered();
    listen({ kind: 'pause', minutes: 7 }, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, r.sendResponse);
    listen({ kind: 'resume' }, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, r.sendResponse);
    await expect.poll(() => r.answers.length).toBe(2);
    expect(r.answers).toContainEqual({ ok: false, detail: expect.stringMatching(/^invalid request: minutes: /) });
    expect(r.answers).toContainEqual({ ok: false, detail: 'Error: boom' });
  });
});
