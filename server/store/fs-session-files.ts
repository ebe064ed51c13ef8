import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { ChunkKey } from '../../lib/schema/chunk';
import { KeyedLock } from '../util/keyed-lock';
import { mapLimit } from '../util/map-limit';
import { writeFileAtomic } from './atomic-write';
import type { DeferredSync } from './deferred-sync';
import type { DropLog } from './drop-log';
import type { FsShots } from './fs-shots';
import type { SessionEntry } from './load-index';
import { applyChunk, storedReceiptSchema, type StoredMeta, type StoredReceipt } from './records';
import type { DeleteResult } from './store';
import { pageSeqKey, type StorePaths } from './store-paths';
import type { BatchEntry } from './wal-record';

/**
 * The fs store's files and its in-memory index, kept in step: a logged
 * batch's chunk files, metas and receipt written (durable with the log
 * segment's sync), and a session's files removed. The index learns of a
 * chunk only after its file is written, so readers need no lock.
 */
export class FsSessionFiles {
  /** Each session's meta is read, changed and written by one writer at a time (a replay may run beside ingest). */
  readonly #sessionLocks = new KeyedLock();
  /** Receipts of batches whose log segment is not retired yet (their files are written then). */
  readonly #recentReceipts = new Map<string, StoredReceipt>();

  constructor(
    private readonly paths: StorePaths,
    private readonly sessions: Map<string, SessionEntry>,
    private readonly dropLog: DropLog,
    private readonly log: FastifyBaseLogger,
    /** A session's screenshots go with it (a replayed erasure removes them too). */
    private readonly shots: FsShots,
  ) {}

  /** Writes an entry's files (durable with `sync`); chunks already stored are skipped, so a replay changes nothing twice. */
  async apply(entry: BatchEntry, sync: DeferredSync): Promise<void> {
    const bySession = new Map<string, BatchEntry['chunks'][number][]>();
    for (const item of entry.chunks) {
      if (this.has(item.chunk)) continue;
      bySession.set(item.chunk.sessionId, [...(bySession.get(item.chunk.sessionId) ?? []), item]);
    }
    for (const [sessionId, list] of bySession) await this.#sessionLocks.run([sessionId], () => this.#appendChunks(sessionId, list, sync));
    if (entry.dropped.length && (await this.dropLog.record(entry.dropped, entry.receipt.installId, sync)) > 0) {
      this.log.warn({ batchId: entry.receipt.batchId, dropped: entry.dropped }, 'device reports chunks dropped before upload');
    }
    // Receipt and metas are files only a restart reads: written once per segment, when it retires.
    const { receipt } = entry;
    this.#recentReceipts.set(receipt.batchId, receipt);
    sync.later(`receipt:${receipt.batchId}`, async () => {
      const file = this.paths.receiptFile(receipt.batchId);
      await writeFileAtomic(file, JSON.stringify(receipt), { sync: false });
      if (this.#recentReceipts.get(receipt.batchId) === receipt) this.#recentReceipts.delete(receipt.batchId);
      return file;
    });
  }

  /** The session's meta as it is when the segment retires (null: erased since). */
  async #writeMeta(sessionId: string): Promise<string | null> {
    const meta = this.sessions.get(sessionId)?.meta;
    if (!meta) return null;
    const file = this.paths.metaFile(sessionId);
    await this.#sessionLocks.run([sessionId], () => writeFileAtomic(file, JSON.stringify(meta), { sync: false }));
    return file;
  }

  async #appendChunks(sessionId: string, all: BatchEntry['chunks'], sync: DeferredSync): Promise<void> {
    const items = all.filter((i) => !this.has(i.chunk));
    const entry = this.sessions.get(sessionId);
    let meta: StoredMeta | null = entry?.meta ?? null;
    for (const { chunk, encoded } of items) meta = applyChunk(meta, chunk, encoded.jsonBytes);
    if (!meta) return;
    const chunksDir = this.paths.chunksDir(sessionId);
    if ((await mkdir(chunksDir, { recursive: true })) !== undefined) {
      sync.dir(chunksDir);
      sync.dir(this.paths.sessionDir(sessionId));
    }
    // Written in place, not renamed: nothing reads a chunk file before the index knows it, and one a
    // crash cut short is written again from the log (its segment is retired only after the fsync).
    const files = items.map(({ chunk, encoded }) => ({ path: this.paths.chunkFile(sessionId, chunk), data: encoded.data }));
    await mapLimit(files, 8, (f) => writeFile(f.path, f.data));
    for (const f of files) sync.file(f.path);
    // A meta.json older than the chunk files is rebuilt from them at start (load-index.ts).
    sync.later(`meta:${sessionId}`, () => this.#writeMeta(sessionId));
    // Only now is it safe to tell readers and dedup about the chunks.
    const keys = entry?.keys ?? new Set<string>();
    for (const { chunk } of items) keys.add(pageSeqKey(chunk));
    this.sessions.set(sessionId, { meta, keys });
  }

  has(key: ChunkKey): boolean {
    return this.sessions.get(key.sessionId)?.keys.has(pageSeqKey(key)) ?? false;
  }

  async readReceipt(batchId: string): Promise<StoredReceipt | null> {
    const recent = this.#recentReceipts.get(batchId);
    if (recent) return recent;
    let text: string;
    try {
      text = await readFile(this.paths.receiptFile(batchId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return storedReceiptSchema.parse(JSON.parse(text));
    } catch (err) {
      // Safe to ignore: chunk-level dedup still keeps a reprocessed batch from storing twice.
      this.log.error({ err, batchId }, 'corrupt batch receipt; reprocessing the batch');
      return null;
    }
  }

  async erase(sessionIds: readonly string[]): Promise<DeleteResult> {
    const result = { sessions: 0, chunks: 0 };
    for (const id of sessionIds) {
      const entry = this.sessions.get(id);
      this.sessions.delete(id);
      if (entry) result.sessions += 1;
      result.chunks += entry?.keys.size ?? 0;
      await rm(this.paths.sessionDir(id), { recursive: true, force: true });
      await this.dropLog.remove(id);
      await this.shots.erase(id);
    }
    return result;
  }
}
