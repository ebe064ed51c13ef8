import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadState, saveState } from '../../lib/platform/state-store';
import { DEFAULT_CONFIG } from '../../lib/rules/config/default-config';
import type { LoadedConfig } from '../../lib/rules/config/load-config';
import { answerRequest, createRequestHandlers, type ConsentLifecycle } from '../../lib/worker/request-handlers';
import { freshDb } from '../queue/fixtures';

const INSTALL = '3f0c1a52-8a43-4e4b-9a57-1f2d3c4b5a69';

async function setup() {
  const db = await freshDb();
  const loaded: LoadedConfig = { config: DEFAULT_CONFIG, source: 'local', error: null, blocked: null, policyIssues: [] };
  const order: string[] = [];
  const refused = [{ receiptId: null, kind: 'grant' as const, reason: 'bad', status: 400, at: 5 }];
  const lifecycle: ConsentLifecycle = {
    recordReceipt: vi.fn(async (kind) => {
      // The receipt is built from the state already saved.
      order.push(`${kind} receipt, consent ${JSON.stringify((await loadState(fakeBrowser.storage.local)).state?.consent ?? null)}`);
    }),
    receiptsRefused: async () => refused,
    lastErasure: async () => null,
    eraseUploads: vi.fn(async () => ({ ok: false, detail: 'unreachable', confirmation: null })),
    listUploads: vi.fn(async () => ({
      installId: INSTALL,
      server: 'https://x.test',
      recordings: null,
      erasedAt: null,
      detail: 'unreachable',
    })),
  };
  const handlers = createRequestHandlers({
    db: async () => db,
    gate: { decide: vi.fn(), apply: vi.fn(async () => void order.push('applied')) },
    loadConfig: async () => loaded,
    loadState: () => loadState(fakeBrowser.storage.local),
    saveState: (s) => saveState(fakeBrowser.storage.local, s),
    uploadNow: async () => ({ ok: true, detail: '' }),
    now: () => 1_000,
    lifecycle,
  });
  return { handlers, order, lifecycle, refused };
}

describe('requests: consent receipts and erasure', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a grant and a withdrawal each make a receipt, after the choice is saved and applied', async () => {
    const t = await setup();
    await answerRequest(t.handlers, { kind: 'give-consent', version: 1 });
    await answerRequest(t.handlers, { kind: 'withdraw-consent' });
    expect(t.order).toEqual(['applied', 'grant receipt, consent {"version":1,"at":1000}', 'applied', 'withdraw receipt, consent null']);
  });

  it('withdrawing without having consented records no receipt', async () => {
    const t = await setup();
    await answerRequest(t.handlers, { kind: 'withdraw-consent' });
    expect(t.lifecycle.recordReceipt).not.toHaveBeenCalled();
  });

  it('My data gets the refused receipts; "erase-uploads" is answered by the lifecycle', async () => {
    const t = await setup();
    const answer = await answerRequest(t.handlers, { kind: 'list-local-sessions' });
    expect(answer).toMatchObject({ receiptsRefused: t.refused, lastErasure: null });
    expect(await answerRequest(t.handlers, { kind: 'erase-uploads' })).toEqual({ ok: false, detail: 'unreachable', confirmation: null });
    expect(await answerRequest(t.handlers, { kind: 'list-uploads' })).toMatchObject({ installId: INSTALL, detail: 'unreachable' });
  });
});
