import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConsentOutboxStore } from '../../lib/platform/consent-outbox-store';
import { createPseudonym } from '../../lib/platform/pseudonym';
import { CONSENT_OUTBOX_KEY, ERASURE_SECRET_KEY, INSTALL_ID_KEY } from '../../lib/schema/storage-keys';

const receipt = {
  receiptId: '44444444-4444-4444-8444-444444444444',
  installId: '33333333-3333-4333-8333-333333333333',
  kind: 'grant',
  consentVersion: '1',
  consentTextSha256: 'a'.repeat(64),
  purposes: ['p'],
  sitesOn: [],
  extensionVersion: '1.0.0',
  policyHash: null,
  at: 1,
};

describe('consent outbox store', () => {
  beforeEach(() => fakeBrowser.reset());
  const store = () => createConsentOutboxStore(fakeBrowser.storage.local, () => 99);

  it('reads an empty outbox when nothing is stored, and round-trips what it saved', async () => {
    expect(await store().load()).toMatchObject({ pending: [], setAside: [], damaged: 0 });
    await store().save({ pending: [receipt as never], setAside: [], attempt: 2, notBefore: 5, secretRegisteredFor: null });
    expect(await store().load()).toMatchObject({ pending: [receipt], attempt: 2, notBefore: 5, damaged: 0 });
  });

  it('sets a damaged entry aside with its id, counts it, keeps the good one, and writes that back', async () => {
    const broken = { ...receipt, receiptId: '55555555-5555-4555-8555-555555555555', consentTextSha256: 'nope' };
    await fakeBrowser.storage.local.set({
      [CONSENT_OUTBOX_KEY]: { pending: [receipt, broken, 42], setAside: [], attempt: 0, notBefore: 0, secretRegisteredFor: null },
    });
    const loaded = await store().load();
    expect(loaded.pending).toEqual([receipt]);
    expect(loaded.damaged).toBe(2);
    expect(loaded.setAside.map((s) => s.receiptId)).toEqual([broken.receiptId, null]);
    expect(loaded.setAside[0]).toMatchObject({ kind: 'grant', status: null, at: 99 });
    // Written back: the next read finds nothing new damaged.
    expect((await store().load()).damaged).toBe(0);
  });

  it('a damaged outbox as a whole starts empty and says so, never throws', async () => {
    await fakeBrowser.storage.local.set({ [CONSENT_OUTBOX_KEY]: 'garbage' });
    const loaded = await store().load();
    expect(loaded.pending).toEqual([]);
    expect(loaded.damaged).toBe(1);
    expect(loaded.setAside[0]!.reason).toMatch(/could not be read/);
  });
});

describe('pseudonym: install id and erasure secret', () => {
  beforeEach(() => fakeBrowser.reset());

  it('creates a 32-byte hex secret once, even for concurrent first reads, and keeps it', async () => {
    const p = createPseudonym(fakeBrowser.storage.local, () => crypto.randomUUID());
    const [a, b] = await Promise.all([p.erasureSecret(), p.erasureSecret()]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect((await fakeBrowser.storage.local.get(ERASURE_SECRET_KEY))[ERASURE_SECRET_KEY]).toBe(a);
    const later = createPseudonym(fakeBrowser.storage.local, () => crypto.randomUUID());
    expect(await later.erasureSecret()).toBe(a);
  });

  it('renew replaces both the id and the secret, in storage too', async () => {
    const p = createPseudonym(fakeBrowser.storage.local, () => crypto.randomUUID());
    const [id, secret] = [await p.installId(), await p.erasureSecret()];
    const next = await p.renew();
    expect(next.installId).not.toBe(id);
    expect(await p.installId()).toBe(next.installId);
    expect(await p.erasureSecret()).not.toBe(secret);
    const stored = await fakeBrowser.storage.local.get([INSTALL_ID_KEY, ERASURE_SECRET_KEY]);
    expect(stored).toEqual({ [INSTALL_ID_KEY]: next.installId, [ERASURE_SECRET_KEY]: await p.erasureSecret() });
  });
});
