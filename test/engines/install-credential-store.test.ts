import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { onEachStore } from '../support/engines/on-each-store';
import type { StoredInstallCredential } from '../../lib/schema/install-credential-record';
import { credentialSha256, enrolled, mintCredential, revoked, rotated } from '../../server/installs/credential-rules';
import { DEFAULT_CREDENTIAL_POLICY } from '../../server/settings/credential-schedule';

/**
 * Install credential records through the Store interface, on the fs store and
 * on the s3 store (PostgreSQL): compare-and-set on version, kept across a
 * reopen, and two instances racing to enrol one install: exactly one wins.
 */
const T0 = 1_800_000_000_000;
const first = (installId: string): StoredInstallCredential =>
  enrolled(
    null,
    { installId, extensionVersion: '0.1.0', sha256: credentialSha256(mintCredential(installId)), now: T0 },
    DEFAULT_CREDENTIAL_POLICY,
  );

onEachStore('install credentials', ({ open, kind }) => {
  const multiInstance = kind === 's3';

  it('writes only over the version before, and the record survives a reopen', async () => {
    const store = await open();
    const install = randomUUID();
    expect(await store.installCredential(install)).toBeNull();
    const v1 = first(install);
    expect(await store.putInstallCredential(v1)).toBe(true);
    expect(await store.putInstallCredential(first(install))).toBe(false);
    const v2 = rotated(v1, 'current', credentialSha256(mintCredential(install)), T0 + 1, DEFAULT_CREDENTIAL_POLICY);
    expect(await store.putInstallCredential(v2)).toBe(true);
    expect(await store.putInstallCredential(v2)).toBe(false);
    const v3 = revoked(v2, T0 + 2);
    expect(await store.putInstallCredential(v3)).toBe(true);
    const again = await open();
    expect(await again.installCredential(install)).toEqual(v3);
  });

  it("an install's erasure deletes its record, and after a reopen it is still gone; other installs keep theirs", async () => {
    const store = await open();
    const [erased, kept] = [randomUUID(), randomUUID()];
    expect(await store.putInstallCredential(first(erased))).toBe(true);
    const keptRecord = first(kept);
    expect(await store.putInstallCredential(keptRecord)).toBe(true);
    await store.deleteInstall(erased);
    expect(await store.installCredential(erased)).toBeNull();
    const again = await open();
    expect(await again.installCredential(erased)).toBeNull();
    expect(await again.installCredential(kept)).toEqual(keptRecord);
  });

  it('two writers (on two instances for s3) enrolling the same install at once: exactly one is stored', async () => {
    const a = await open();
    const b = multiInstance ? await open() : a;
    for (let round = 0; round < 5; round++) {
      const install = randomUUID();
      const [x, y] = [first(install), first(install)];
      const wins = await Promise.all([a.putInstallCredential(x), b.putInstallCredential(y)]);
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect([x, y]).toContainEqual(await a.installCredential(install));
    }
  });
});
