import type { FastifyBaseLogger } from 'fastify';
import { BatchJournal } from './batch-journal';
import { encodeChunk } from './chunk-codec';
import { DeferredSync } from './deferred-sync';
import { loadIndex, type SessionEntry } from './load-index';
import { removeTempFiles } from './remove-temp-files';
import type { StorePaths } from './store-paths';
import { decodeWalRecord, type WalEntry } from './wal-record';
import { WriteAheadLog, type WalOptions } from './write-ahead-log';

/** A logged batch (or erasure) not applied yet; `done` after it is applied (and its files are written). */
export interface PendingEntry {
  entry: WalEntry;
  sync: DeferredSync;
  done: () => Promise<void>;
}

/**
 * What the fs store finds at start: the index built from disk, the
 * write-ahead log opened, and every batch a crash left logged but perhaps
 * not applied, oldest first: entries of the per-batch journal of older
 * versions (journal/<batchId>.json), then the log's segments. Applying them
 * again is harmless (stored chunks are skipped, files rewritten whole).
 */
export async function recoverFsStore(
  paths: StorePaths,
  log: FastifyBaseLogger,
  walOptions: Partial<WalOptions> = {},
): Promise<{ sessions: Map<string, SessionEntry>; wal: WriteAheadLog; pending: PendingEntry[] }> {
  await removeTempFiles(paths, log);
  const sessions = await loadIndex(paths, log);
  const pending: PendingEntry[] = [];

  const journal = await BatchJournal.open(paths.root);
  for (const old of await journal.pending(log)) {
    log.warn({ batchId: old.receipt.batchId }, 'finishing a batch interrupted by a crash');
    const chunks = await Promise.all(old.chunks.map(async (chunk) => ({ chunk, encoded: await encodeChunk(chunk) })));
    const sync = new DeferredSync();
    pending.push({
      entry: { kind: 'batch', receipt: old.receipt, dropped: old.dropped, chunks },
      sync,
      done: async () => {
        await sync.flush();
        await journal.remove(old.receipt.batchId);
      },
    });
  }

  const { wal, leftover } = await WriteAheadLog.open(paths.root, walOptions);
  for (const { segment, records, torn } of leftover) {
    if (torn) log.warn({ file: segment.path }, 'write-ahead log ends in a record cut short by a crash (never acknowledged); ignored');
    const entries: WalEntry[] = [];
    for (const record of records) {
      try {
        entries.push(await decodeWalRecord(record));
      } catch (err) {
        log.error({ err, file: segment.path }, 'unreadable write-ahead log record; skipped');
      }
    }
    if (entries.length)
      log.warn({ file: segment.path, records: entries.length }, 'replaying the write-ahead log of a run that did not stop cleanly');
    const retire = async () => wal.retire(segment);
    if (entries.length === 0) {
      await retire();
      continue;
    }
    entries.forEach((entry, i) => pending.push({ entry, sync: segment.sync, done: i === entries.length - 1 ? retire : async () => {} }));
  }
  wal.hold = pending.length > 0;
  return { sessions, wal, pending };
}
