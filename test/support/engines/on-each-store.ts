import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { openStore, type StoreSettings } from '../../../server/store/open-store';
import type { Store } from '../../../server/store/store';
import { silentLogger } from '../silent-logger';
import { createTestBucket } from './create-test-bucket';
import { createTestDatabase } from './create-test-database';
import { describeWithCeph, describeWithPostgres } from './engine-gate';
import { s3StoreSettings } from './s3-store-settings';

/** One store backend a contract runs on. */
export interface StoreBackend {
  kind: 'fs' | 's3';
  name: string;
  /** The same settings every call (made once): instances opened together share one data dir, or one bucket and database. */
  settings: () => Promise<StoreSettings>;
  /** Opens another instance on those settings; closed after the block. */
  open: () => Promise<Store>;
}

/**
 * Runs `contract` once on the fs store (a fresh data dir, removed after) and
 * once on the s3 store on a real Ceph RGW bucket and PostgreSQL database
 * (skipped, or failing in CI, as `engine-gate` decides when they are missing).
 * `s3Only` adds tests that only the s3 store's engines can answer.
 */
export function onEachStore(what: string, contract: (backend: StoreBackend) => void, s3Only?: (backend: StoreBackend) => void): void {
  let dataDir: Promise<string> | null = null;
  afterAll(async () => {
    if (dataDir) await rm(await dataDir, { recursive: true, force: true });
  });
  const fsSettings = async (): Promise<StoreSettings> => ({
    kind: 'fs',
    dataDir: await (dataDir ??= mkdtemp(join(tmpdir(), `webtrace-${slug(what)}-`))),
  });
  describeBackend(what, 'fs', 'fs', fsSettings, contract);

  describeWithPostgres(`${what} on s3 needs PostgreSQL`, (pg) => {
    describeWithCeph('and Ceph', (s3) => {
      let settings: Promise<StoreSettings> | null = null;
      const tag = slug(what).slice(0, 16).replace(/-$/, '');
      const make = async () => s3StoreSettings(s3, await createTestBucket(s3, tag), await createTestDatabase(pg, tag));
      const s3Settings = () => (settings ??= make());
      describeBackend(what, 's3', 's3 (Ceph RGW + PostgreSQL)', s3Settings, contract, s3Only);
    });
  });
}

function describeBackend(
  what: string,
  kind: StoreBackend['kind'],
  name: string,
  settings: () => Promise<StoreSettings>,
  ...bodies: (((backend: StoreBackend) => void) | undefined)[]
): void {
  describe(`${what}: ${name}`, () => {
    const opened: Store[] = [];
    afterAll(async () => {
      for (const s of opened) await s.close().catch(() => {});
    });
    const open = async () => {
      const store = await openStore(await settings(), silentLogger);
      opened.push(store);
      return store;
    };
    for (const body of bodies) body?.({ kind, name, settings, open });
  });
}

const slug = (what: string) =>
  what
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
