import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { getQueueStats } from '../../lib/queue';
import { canonicalConsentText } from '../../lib/rules/consent/consent-text';
import { canonicalJson } from '../../lib/rules/consent/canonical-json';
import { ack, json, setupLifecycle, sha256, START } from './consent-fixtures';

describe('consent receipts: building', () => {
  it("a grant carries the text's and the policy's hashes and, until acknowledged, the erasure secret's hash", async () => {
    const t = await setupLifecycle(ack);
    const policy = { organizationNotice: 'Acme: agreed with the works council', consentVersion: 2 };
    await fakeBrowser.storage.managed.set(policy);
    const receipt = await t.lifecycle.recordReceipt('grant');
    await t.lifecycle.deliverReceipts();
    const { config } = await t.config.load();
    expect(receipt).toMatchObject({
      kind: 'grant',
      installId: await t.pseudonym.installId(),
      consentVersion: String(config.consentVersion),
      consentTextSha256: sha256(canonicalConsentText(config)),
      policyHash: sha256(canonicalJson(policy)),
      extensionVersion: '0.9.0',
      at: START,
      erasureSecretSha256: sha256(await t.pseudonym.erasureSecret()),
    });
    // Acknowledged with the hash: the next receipt of this install goes without it.
    const withdraw = await t.lifecycle.recordReceipt('withdraw');
    expect(withdraw.erasureSecretSha256).toBeUndefined();
    expect(withdraw.receiptId).not.toBe(receipt.receiptId);
  });

  it('no managed policy: the policy hash is null', async () => {
    const t = await setupLifecycle(ack);
    expect((await t.lifecycle.recordReceipt('grant')).policyHash).toBeNull();
  });
});

describe('consent receipts: delivery', () => {
  it('resends under the same receiptId after a 5xx and a network error, with backoff, and removes it only on its ack', async () => {
    const answers = [
      () => json(503, { error: 'unavailable', message: 'later' }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      // A 200 that is not this receipt's ack deletes nothing.
      () => json(200, { receiptId: '99999999-9999-4999-8999-999999999999', created: true, storedAt: 1 }),
    ];
    const t = await setupLifecycle((req, i) => (answers[i] ? answers[i]!() : ack(req)));
    const receipt = await t.lifecycle.recordReceipt('grant');
    await t.lifecycle.deliverReceipts();
    let box = await t.outbox();
    expect(box.pending.map((r) => r.receiptId)).toEqual([receipt.receiptId]);
    expect(box.attempt).toBe(1);
    expect(box.notBefore).toBeGreaterThan(START);
    // Before the backoff ends nothing is sent.
    const sent = t.server.requests.length;
    await t.lifecycle.deliverReceipts();
    expect(t.server.requests.length).toBe(sent);
    for (let i = 0; i < 3; i++) {
      t.clock.now = (await t.outbox()).notBefore;
      await t.lifecycle.deliverReceipts();
    }
    box = await t.outbox();
    expect(box.pending).toEqual([]);
    expect(box.attempt).toBe(0);
    expect(new Set(t.server.receipts().map((r) => r.receiptId))).toEqual(new Set([receipt.receiptId]));
    expect(t.server.receipts().length).toBe(4);
  });

  it('"upload now" skips the backoff wait once: the receipt goes before the batches that need it', async () => {
    const t = await setupLifecycle((req, i) => (i === 0 ? Promise.reject(new TypeError('Failed to fetch')) : ack(req)));
    const receipt = await t.lifecycle.recordReceipt('grant');
    await t.lifecycle.deliverReceipts();
    expect((await t.outbox()).notBefore).toBeGreaterThan(t.clock.now);
    const sent = t.server.requests.length;
    await t.lifecycle.deliverReceipts();
    expect(t.server.requests.length).toBe(sent);
    await t.lifecycle.deliverReceipts({ skipWait: true });
    expect((await t.outbox()).pending).toEqual([]);
    expect(t.server.receipts().at(-1)?.receiptId).toBe(receipt.receiptId);
  });

  it('a 4xx other than 410 is set aside with the server message; a 410 removes it and remembers the erasure date', async () => {
    const erasedAt = Date.parse('2026-11-30T10:00:00.000Z');
    const t = await setupLifecycle((_req, i) =>
      i === 0
        ? json(400, { error: 'invalid_consent_receipt', message: 'purposes: too many' })
        : json(410, { error: 'install_erased', message: `install x was erased on ${new Date(erasedAt).toISOString()}; delete` }),
    );
    await t.lifecycle.recordReceipt('grant');
    await t.lifecycle.deliverReceipts();
    expect(await t.lifecycle.receiptsRefused()).toMatchObject([
      { kind: 'grant', status: 400, reason: 'invalid_consent_receipt: purposes: too many' },
    ]);
    await t.lifecycle.recordReceipt('withdraw');
    await t.lifecycle.deliverReceipts();
    expect((await t.outbox()).pending).toEqual([]);
    expect(await t.lifecycle.receiptsRefused()).toHaveLength(1);
    expect((await getQueueStats(t.db)).installErasedAt).toBe(erasedAt);
  });

  it("a 410 without the server's install_erased body is retried, not taken as an erasure", async () => {
    const t = await setupLifecycle(() => new Response('gone', { status: 410 }));
    await t.lifecycle.recordReceipt('grant');
    await t.lifecycle.deliverReceipts();
    expect((await t.outbox()).pending).toHaveLength(1);
    expect((await getQueueStats(t.db)).installErasedAt).toBeNull();
  });
});
