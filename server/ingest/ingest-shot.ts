import { createHash } from 'node:crypto';
import type { ShotMeta, ShotReceipt } from '../../lib/schema/screenshot';
import { scrubUrl } from '../../lib/privacy/scrub-url';
import { HttpError } from '../http/http-error';
import type { StoredShotRecord } from '../store/shot-record';
import { StorageFullError } from '../store/storage-full';
import { SessionOwnedError, StoreUnavailableError } from '../store/store';
import { diskFull, reserveDailyBytes, finishPending, sessionOwned, storeUnavailable, type IngestDeps } from './ingest-batch';

/**
 * Stores a validated shot once, for `installId`, with the rules of batches
 * (server/ingest/ingest-batch.ts): the session belongs to the install that
 * first wrote it (403), the install's daily byte cap (429), a full disk (507),
 * a store that cannot answer (503). A resend of the stored bytes is answered
 * again (`duplicate: true`); other bytes under a stored key are refused (409).
 * The caller holds the install's lock (server/lifecycle/install-gate.ts); the
 * session's lock serialises it with batches of the session. Resolves only
 * once the shot is durable.
 */
export async function ingestShot(deps: IngestDeps, meta: ShotMeta, image: Buffer, installId: string, now: number): Promise<ShotReceipt> {
  await finishPending(deps);
  const sha256 = createHash('sha256').update(image).digest('hex');
  // The page URL is scrubbed again, as a chunk's is: the server never trusts the client's scrubber alone.
  const record: StoredShotRecord = { ...meta, installId, url: scrubUrl(meta.url), sha256, storedAt: now };
  const key = { sessionId: meta.sessionId, page: meta.page, takenAt: meta.takenAt };
  return deps.locks.run([`session:${meta.sessionId}`], async () => {
    const owner = await deps.store.ownerOf(meta.sessionId);
    if (owner !== undefined && owner !== installId) throw sessionOwned(meta.sessionId);
    const unreserve = reserveDailyBytes(deps, installId, image.length);
    const put = await deps.store.putShot(record, image).catch((err: unknown) => {
      unreserve();
      if (err instanceof StorageFullError) throw diskFull('shot');
      if (err instanceof SessionOwnedError) throw sessionOwned(err.sessionId);
      if (err instanceof StoreUnavailableError) {
        deps.log.error({ err, shot: key }, 'store unavailable');
        throw storeUnavailable('shot');
      }
      throw err;
    });
    if (put.outcome !== 'created') unreserve();
    if (put.outcome === 'conflict') {
      throw new HttpError(409, 'shot_conflict', `shot ${meta.sessionId}/${meta.page}/${meta.takenAt} is already stored with other bytes`);
    }
    if (put.outcome === 'created') deps.stats.shotsStored++;
    else deps.stats.shotDuplicates++;
    return { ...key, sha256: put.stored.sha256, duplicate: put.outcome === 'same' };
  });
}
