import { describe, expect, it } from 'vitest';
import { HttpError } from '../../server/http/http-error';
import { DEFAULT_INGEST_CAPS } from '../../server/settings/ingest-caps';
import { ingestShot } from '../../server/ingest/ingest-shot';
import { createIngestStats } from '../../server/ingest/ingest-stats';
import { InstallUsage } from '../../server/ingest/install-usage';
import { StorageFullError } from '../../server/store/storage-full';
import { StoreUnavailableError, type Store } from '../../server/store/store';
import { KeyedLock } from '../../server/util/keyed-lock';
import { silentLogger } from '../support/silent-logger';
import { makeShotMeta, makeWebp, SHOT_INSTALL } from './shot-fixtures';

/** ingestShot's answers to a store that cannot take the shot, and to an install past its daily cap. */
const image = makeWebp(640, 400);
const meta = makeShotMeta(image);

function deps(putShot: Store['putShot'], caps = DEFAULT_INGEST_CAPS) {
  const store = { beforeIngest: async () => {}, ownerOf: async () => undefined, putShot } as unknown as Store;
  return { store, locks: new KeyedLock(), stats: createIngestStats(), log: silentLogger, caps, usage: new InstallUsage(() => 0) };
}
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => (err instanceof HttpError ? { status: err.statusCode, code: err.code } : err),
  );

describe('ingestShot', () => {
  it('answers 507 when the disk is full and 503 when the store is unavailable; nothing counted as stored', async () => {
    const full = deps(async () => {
      throw new StorageFullError('disk full');
    });
    expect(await refusal(ingestShot(full, meta, image, SHOT_INSTALL, 1))).toEqual({ status: 507, code: 'insufficient_storage' });
    const down = deps(async () => {
      throw new StoreUnavailableError('no database');
    });
    expect(await refusal(ingestShot(down, meta, image, SHOT_INSTALL, 1))).toEqual({ status: 503, code: 'store_unavailable' });
    expect(full.stats.shotsStored + down.stats.shotsStored).toBe(0);
    expect(full.usage.used(SHOT_INSTALL)).toBe(0);
  });

  it("answers 429 once the install's daily byte cap would be passed, without asking the store", async () => {
    let asked = 0;
    const capped = deps(
      async () => {
        asked++;
        throw new Error('not reached');
      },
      { ...DEFAULT_INGEST_CAPS, maxInstallBytesPerDay: image.length - 1 },
    );
    expect(await refusal(ingestShot(capped, meta, image, SHOT_INSTALL, 1))).toEqual({ status: 429, code: 'install_daily_cap' });
    expect(asked).toBe(0);
  });
});
