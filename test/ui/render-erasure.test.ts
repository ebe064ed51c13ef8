// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ErasureAnswer, LocalSessionsAnswer } from '../../lib/schema/extension-messages';
import { COUNTER_NAMES } from '../../lib/schema/queue-stats';
import { renderErasureState, wireEraseUploads } from '../../lib/ui/render-erasure';

const html = readFileSync(path.resolve(__dirname, '../../entrypoints/my-data/index.html'), 'utf8');
const counters = Object.fromEntries(COUNTER_NAMES.map((n) => [n, 0])) as LocalSessionsAnswer['queue']['counters'];
const base: LocalSessionsAnswer = {
  sessions: [],
  rejected: [],
  queue: { pendingChunks: 0, pendingBytes: 0, setAsideBatches: 0, counters, lastUploadAt: null, lastError: null, lastErrorAt: null },
};
const $ = (id: string) => document.getElementById(id)!;
const load = () => (document.body.innerHTML = /<main>[\s\S]*<\/main>/.exec(html)![0]);
const confirmation = {
  installId: '33333333-3333-4333-8333-333333333333',
  sessionsDeleted: 3,
  chunksDeleted: 12,
  consentReceiptsKept: 2,
  tombstoneAt: Date.UTC(2026, 10, 30, 9),
  firstErasure: true,
  receivedAt: 1,
};

describe('My data: deleting uploaded recordings', () => {
  it('asks first: the request goes only on "Yes", and the confirmation is shown in plain words', async () => {
    load();
    let resolve!: (a: ErasureAnswer) => void;
    const erase = vi.fn(() => new Promise<ErasureAnswer>((r) => (resolve = r)));
    const done = vi.fn();
    wireEraseUploads(document, erase, done);
    ($('erase-uploads') as HTMLButtonElement).click();
    expect(erase).not.toHaveBeenCalled();
    expect($('erase-confirm').hidden).toBe(false);
    ($('erase-cancel') as HTMLButtonElement).click();
    expect($('erase-confirm').hidden).toBe(true);
    ($('erase-uploads') as HTMLButtonElement).click();
    ($('erase-yes') as HTMLButtonElement).click();
    expect(erase).toHaveBeenCalledTimes(1);
    resolve({ ok: true, detail: 'New identifier.', confirmation });
    await vi.waitFor(() => expect(done).toHaveBeenCalled());
    expect($('erase-result').textContent).toMatch(
      /^Your organisation's server deleted 3 recordings \(12 parts\) on .*2026.* New identifier\.$/,
    );
    expect($('erase-result').dataset.outcome).toBe('done');
  });

  it('shows a refusal as the worker worded it', async () => {
    load();
    wireEraseUploads(
      document,
      async () => ({ ok: false, detail: 'The server could not be reached.', confirmation: null }),
      () => {},
    );
    ($('erase-uploads') as HTMLButtonElement).click();
    ($('erase-yes') as HTMLButtonElement).click();
    await vi.waitFor(() => expect($('erase-result').dataset.outcome).toBe('failed'));
    expect($('erase-result').textContent).toBe('The server could not be reached.');
  });

  it("says when the organisation erased this computer's uploads, and lists refused consent receipts", () => {
    load();
    renderErasureState(document, base);
    expect($('server-erased').hidden).toBe(true);
    expect($('receipts-refused').hidden).toBe(true);
    renderErasureState(document, {
      ...base,
      queue: { ...base.queue, installErasedAt: Date.UTC(2026, 10, 30), counters: { ...counters, chunksErasedOnServer: 4 } },
      receiptsRefused: [{ receiptId: null, kind: 'withdraw', reason: 'invalid_consent_receipt: x', status: 400, at: 0 }],
      lastErasure: confirmation,
    });
    expect($('server-erased').hidden).toBe(false);
    expect($('server-erased').textContent).toMatch(
      /^Your organisation erased the recordings uploaded from this computer on .*\(4 parts\)\.$/,
    );
    expect($('receipts-refused').textContent).toMatch(/record of your withdrawal\. It said: invalid_consent_receipt: x/);
    expect($('erase-result').textContent).toMatch(/deleted 3 recordings/);
  });
});
