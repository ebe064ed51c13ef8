import type { FastifyBaseLogger } from 'fastify';
import type { Batch, BatchReceipt } from '../../lib/schema/batch';
import { chunkKeyString } from '../../lib/schema/chunk';
import { scrubChunk } from '../../lib/privacy/scrub-chunk';
import { HttpError } from '../http/http-error';
import { chunkJson } from '../store/chunk-codec';
import type { IngestCaps } from '../settings/ingest-caps';
import type { StoredChunk, StoredReceipt } from '../store/records';
import { SessionOwnedError, StoreUnavailableError, type Store } from '../store/store';
import { StorageFullError } from '../store/storage-full';
import type { KeyedLock } from '../util/keyed-lock';
import { batchDigest } from './batch-digest';
import type { IngestStats } from './ingest-stats';
import type { InstallUsage } from './install-usage';

export interface IngestDeps {
  store: Store;
  locks: KeyedLock;
  stats: IngestStats;
  log: FastifyBaseLogger;
  caps: IngestCaps;
  usage: InstallUsage;
}

const PENDING_LOCK = 'journal:pending';

/**
 * Stores a validated batch once, for `installId` (server/auth/install-identity.ts).
 * - A session belongs to the install that first wrote it: chunks or drop
 *   reports for it from another install are refused (403), so nobody can
 *   append to, squat on or relabel someone else's session.
 * - Batch idempotency: a resent batch id whose chunks are all stored gets the
 *   ORIGINAL receipt back and writes nothing, but only when it comes from the
 *   same install with the same content (403 otherwise).
 * - Chunk idempotency: a (sessionId, page, seq) already stored is never
 *   written again; it counts in the receipt's `duplicates`.
 * - Caps: a session past its byte cap is refused (413), an install past its
 *   daily cap is told to come back tomorrow (429 with Retry-After).
 * - With the disk full nothing is acknowledged (507), and batches a crash
 *   left journalled are finished first once there is space.
 * The batch's lock plus each session's lock serialise concurrent uploads, so
 * identical batches sent at once store once. Every chunk is scrubbed again
 * (lib/privacy/scrub-chunk.ts) before it is written. Resolves only when
 * everything (chunks, metas, receipt) is durable.
 */
export async function ingestBatch(deps: IngestDeps, batch: Batch, installId: string): Promise<BatchReceipt> {
  const { store, stats } = deps;
  await finishPending(deps);
  const shotDrops = batch.shotDrops ?? [];
  const sessionIds = [
    ...new Set([
      ...batch.chunks.map((c) => c.sessionId),
      ...(batch.dropped ?? []).map((d) => d.sessionId),
      ...shotDrops.map((d) => d.sessionId),
    ]),
  ];
  const lockKeys = [`batch:${batch.batchId}`, ...sessionIds.map((id) => `session:${id}`)];
  const digest = batchDigest(batch);

  return deps.locks.run(lockKeys, async () => {
    const previous = await store.readReceipt(batch.batchId);
    if (previous) checkResend(previous, installId, digest);
    for (const id of sessionIds) {
      const owner = await store.ownerOf(id);
      if (owner !== undefined && owner !== installId) throw sessionOwned(id);
    }
    const already = await store.storedKeys(batch.chunks);
    if (previous && batch.chunks.every((c) => already.has(chunkKeyString(c)))) {
      // Totals are kept at their highest, so a resend records them again harmlessly (a crash may have cut the first).
      await recordShotDrops(deps, shotDrops, installId);
      stats.duplicateBatches++;
      return publicReceipt(previous);
    }

    const fresh = new Map<string, StoredChunk[]>();
    const sizes = new Map<string, number>();
    const seen = new Set<string>();
    let duplicates = 0;
    for (const [i, chunk] of batch.chunks.entries()) {
      const key = chunkKeyString(chunk);
      if (seen.has(key) || already.has(key)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      const stored: StoredChunk = {
        ...scrubbed(chunk, i, deps.log),
        batchId: batch.batchId,
        installId,
        orgId: batch.orgId,
        extensionVersion: batch.extensionVersion,
        ...(batch.consentVersion !== undefined ? { consentVersion: batch.consentVersion } : {}),
      };
      fresh.set(chunk.sessionId, [...(fresh.get(chunk.sessionId) ?? []), stored]);
      sizes.set(chunk.sessionId, (sizes.get(chunk.sessionId) ?? 0) + chunkJson(stored).length);
    }
    const unreserve = await checkCaps(deps, installId, sizes);

    let receipt: StoredReceipt = { batchId: batch.batchId, stored: seen.size, duplicates, installId, digest };
    try {
      // Exactly once, all or nothing across crashes (and, for s3, across instances): the store decides.
      receipt = await store.commitBatch(receipt, [...fresh.values()].flat(), batch.dropped ?? []);
    } catch (err) {
      unreserve();
      if (err instanceof StorageFullError) throw diskFull();
      if (err instanceof SessionOwnedError) throw sessionOwned(err.sessionId);
      if (err instanceof StoreUnavailableError) {
        deps.log.error({ err, batchId: batch.batchId }, 'store unavailable');
        throw storeUnavailable('batch');
      }
      throw err;
    }
    // Another instance may have stored the batch first: its receipt is the answer, checked as a resend's.
    if (receipt.digest !== digest || receipt.installId !== installId) {
      unreserve();
      checkResend(receipt, installId, digest);
    }
    await recordShotDrops(deps, shotDrops, installId);

    stats.batchesAccepted++;
    stats.chunksStored += receipt.stored;
    stats.chunkDuplicates += receipt.duplicates;
    return publicReceipt(receipt);
  });
}

/** Discarded-shot totals, only for sessions this install owns (the batch made it the owner, or it was already). */
async function recordShotDrops(deps: IngestDeps, reports: NonNullable<Batch['shotDrops']>, installId: string): Promise<void> {
  if (reports.length === 0) return;
  const owned: typeof reports = [];
  for (const r of reports) if ((await deps.store.ownerOf(r.sessionId)) === installId) owned.push(r);
  try {
    await deps.store.recordShotDrops(owned, installId);
  } catch (err) {
    if (err instanceof StoreUnavailableError) throw storeUnavailable('batch');
    throw err;
  }
}

/** The same batch id again: only the same install resending the same content gets its receipt. */
function checkResend(previous: StoredReceipt, installId: string, digest: string): void {
  if (previous.installId !== undefined && previous.installId !== installId) {
    throw new HttpError(403, 'batch_id_of_another_install', `batch ${previous.batchId} was sent by another install`);
  }
  if (previous.digest !== undefined && previous.digest !== digest) {
    throw new HttpError(
      403,
      'batch_id_reused',
      `batch ${previous.batchId} was already accepted with other content; a batch id names one batch`,
    );
  }
}

/** The chunk scrubbed for storage; a scrubber failure on it is the chunk's fault (400), never the server's. */
function scrubbed(chunk: Batch['chunks'][number], index: number, log: FastifyBaseLogger): ReturnType<typeof scrubChunk> {
  try {
    return scrubChunk(chunk);
  } catch (err) {
    log.error({ err, chunk: index }, 'the scrubber failed on a validated chunk');
    throw new HttpError(400, 'unscrubbable_chunk', `chunks[${index}]: could not be scrubbed (${(err as Error).message.slice(0, 200)})`);
  }
}

/** Throws when a session or the install would go past its cap; else reserves the batch's bytes (see reserveDailyBytes). */
async function checkCaps(deps: IngestDeps, installId: string, sizes: ReadonlyMap<string, number>): Promise<() => void> {
  let total = 0;
  for (const [sessionId, bytes] of sizes) {
    total += bytes;
    const held = (await deps.store.meta(sessionId))?.bytes ?? 0;
    if (held + bytes > deps.caps.maxSessionBytes) {
      throw new HttpError(
        413,
        'session_too_large',
        `session ${sessionId} would hold ${held + bytes} bytes, past the cap of ${deps.caps.maxSessionBytes} per session`,
      );
    }
  }
  return reserveDailyBytes(deps, installId, total);
}

/**
 * Throws 429 when `bytes` more would take the install past its daily cap;
 * else counts them at once, in the same tick as the check (an install's
 * uploads run concurrently: two must not both pass on the same remainder),
 * and returns what takes them back when the upload is not stored after all.
 */
export function reserveDailyBytes(deps: Pick<IngestDeps, 'usage' | 'caps'>, installId: string, total: number): () => void {
  const used = deps.usage.used(installId);
  if (total > 0 && used + total > deps.caps.maxInstallBytesPerDay) {
    const seconds = Math.max(1, Math.ceil(deps.usage.msUntilNextDay() / 1000));
    throw new HttpError(
      429,
      'install_daily_cap',
      `this install stored ${used} bytes today; the cap is ${deps.caps.maxInstallBytesPerDay} per install per day (UTC)`,
      { 'retry-after': String(seconds) },
    );
  }
  return deps.usage.reserve(installId, total);
}

/** Batches a crash or a full disk left logged are finished before anything new (under one lock: one at a time). */
export async function finishPending(deps: Pick<IngestDeps, 'locks' | 'store'>): Promise<void> {
  try {
    await deps.locks.run([PENDING_LOCK], () => deps.store.beforeIngest());
  } catch (err) {
    if (err instanceof StorageFullError) throw diskFull();
    throw err;
  }
}

export const sessionOwned = (id: string) =>
  new HttpError(
    403,
    'session_of_another_install',
    `session ${id} belongs to another install; its chunks, drop reports and shots are refused`,
  );

export const diskFull = (what = 'batch') =>
  new HttpError(
    507,
    'insufficient_storage',
    `the server has no space to store this ${what} now; nothing of it was kept, send it again later`,
  );

export const storeUnavailable = (what: 'batch' | 'shot') =>
  new HttpError(
    503,
    'store_unavailable',
    `the store could not take this ${what} now; nothing of it was acknowledged, send it again later`,
    {
      'retry-after': '5',
    },
  );

const publicReceipt = ({ batchId, stored, duplicates }: StoredReceipt): BatchReceipt => ({ batchId, stored, duplicates });
