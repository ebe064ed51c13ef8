import type { FastifyBaseLogger } from 'fastify';
import type { Batch, BatchReceipt } from '../../lib/schema/batch';
import { chunkKeyString } from '../../lib/schema/chunk';
import { scrubChunk } from '../../lib/privacy/scrub-chunk';
import type { StoredChunk } from '../store/records';
import type { SessionStore } from '../store/session-store';
import type { KeyedLock } from '../util/keyed-lock';
import type { IngestStats } from './ingest-stats';

export interface IngestDeps {
  store: SessionStore;
  locks: KeyedLock;
  stats: IngestStats;
  log: FastifyBaseLogger;
}

/**
 * Stores a validated batch once. Idempotency has two levels:
 * - batch: a resent batchId whose chunks are all stored gets the ORIGINAL
 *   receipt back (the same answer as the first time) and writes nothing;
 * - chunk: a (sessionId, page, seq) already stored is never written again,
 *   whatever batch it comes in; it counts in the receipt's `duplicates`.
 * The batch's lock plus each session's lock serialise concurrent uploads, so
 * identical batches sent at once store once. Every chunk is scrubbed again
 * (lib/privacy/scrub-chunk.ts) before it is written. Resolves only when
 * everything (chunks, metas, receipt) is durable.
 */
export async function ingestBatch(deps: IngestDeps, batch: Batch): Promise<BatchReceipt> {
  const { store, stats } = deps;
  const sessionIds = [...new Set(batch.chunks.map((c) => c.sessionId))];
  const lockKeys = [`batch:${batch.batchId}`, ...sessionIds.map((id) => `session:${id}`)];

  return deps.locks.run(lockKeys, async () => {
    const previous = await store.readReceipt(batch.batchId);
    if (previous && batch.chunks.every((c) => store.hasChunk(c))) {
      stats.duplicateBatches++;
      return previous;
    }
    if (previous) {
      // Same id, different content: store what is new rather than drop data silently.
      deps.log.warn({ batchId: batch.batchId }, 'batch id reused with chunks not stored before');
    }

    const fresh = new Map<string, StoredChunk[]>();
    const seen = new Set<string>();
    let duplicates = 0;
    for (const chunk of batch.chunks) {
      const key = chunkKeyString(chunk);
      if (seen.has(key) || store.hasChunk(chunk)) {
        duplicates++;
        continue;
      }
      seen.add(key);
      // Second line: what the device missed is scrubbed before anything is written.
      const stored: StoredChunk = {
        ...scrubChunk(chunk),
        batchId: batch.batchId,
        installId: batch.installId,
        orgId: batch.orgId,
        extensionVersion: batch.extensionVersion,
      };
      const list = fresh.get(chunk.sessionId) ?? [];
      list.push(stored);
      fresh.set(chunk.sessionId, list);
    }

    const receipt: BatchReceipt = { batchId: batch.batchId, stored: seen.size, duplicates };
    // Journalled: after a crash the batch is on disk entirely or not at all (server/store/batch-journal.ts).
    await store.commitBatch(receipt, [...fresh.values()].flat(), batch.dropped ?? []);

    stats.batchesAccepted++;
    stats.chunksStored += receipt.stored;
    stats.chunkDuplicates += duplicates;
    return receipt;
  });
}
