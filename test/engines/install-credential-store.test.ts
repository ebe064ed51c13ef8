import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoredInstallCredential } from '../../lib/schema/install-credential-record';
import { credentialSha256, enrolled, mintCredential, revoked, rotated } from '../../server/installs/credential-rules';
import { DEFAULT_CREDENTIAL_POLICY } from '../../server/settings/credential-schedule';
import { openStore, type StoreSettings } from '../../server/store/open-store';
import type { Store } from '../../server/store/store';
import { createTestBucket } from '../support/engines/create-test-bucket';
import { createTestDatabase } from '../support/engines/create-test-database';
import { describeWithCeph, describeWithPostgres } from '../support/engines/engine-gate';
import { s3StoreSettings } from '../support/engines/s3-store-settings';
import { silentLogger as silent } from '../support/silent-logger';

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

/** multiInstance: the s3 store runs as many instances; the fs store is one process, its writers race within it. */
function credentialContract(name: string, settings: () => Promise<StoreSettings>, multiInstance: boolean) {
  describe(`install credentials: ${name}`, () => {
    const opened: Store[] = [];
    const open = async () => {
      const store = await openStore(await settings(), silent);
      opened.push(store);
      return store;
    };
    afterAll(async () => {
      for (const s of opened) await s.close().catch(() => {});
    });

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
}

const fsDirs: string[] = [];
afterAll(async () => {
  for (const d of fsDirs) await rm(d, { recursive: true, force: true });
});
let fsDir: string | null = null;
credentialContract(
  'fs',
  async () => {
    if (!fsDir) {
      fsDir = await mkdtemp(join(tmpdir(), 'webtrace-credentials-'));
      fsDirs.push(fsDir);
    }
    return { kind: 'fs', dataDir: fsDir };
  },
  false,
);

describeWithPostgres('s3 install credentials need PostgreSQL', (pgSettings) => {
  describeWithCeph('and Ceph', (s3) => {
    let settings: StoreSettings | null = null;
    credentialContract(
      's3 (Ceph RGW + PostgreSQL)',
      async () =>
        (settings ??= s3StoreSettings(s3, await createTestBucket(s3, 'credentials'), await createTestDatabase(pgSettings, 'credentials'))),
      true,
    );
  });
});
