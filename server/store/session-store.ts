import { readFile } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import { batchReceiptSchema, type BatchReceipt } from '../../lib/schema/batch';
import type { ChunkKey } from '../../lib/schema/chunk';
import type { DroppedChunks } from '../../lib/schema/dropped-chunks';
import type { SessionSummary } from '../../lib/schema/read-api';
import { mapLimit } from '../util/map-limit';
import { ensureDir, writeFileAtomic, writeFilesAtomic, type FileToWrite } from './atomic-write';
import { BatchJournal } from './batch-journal';
import { DropLog } from './drop-log';
import { removeTempFiles } from './remove-temp-files';
import { loadIndex, readChunkFile, type SessionEntry } from './load-index';
import { applyChunk, toSummary, type StoredChunk, type StoredMeta } from './records';
import { comparePageSeq, pageSeqKey, StorePaths } from './store-paths';

/** Thrown when stored data cannot be read back; the error handler turns it into a 500. */
export class StoreCorruptError extends Error {
  override name = 'StoreCorruptError';
}

/**
 * The embedded file store with its in-memory index. Writers must hold the
 * session's lock (see ingest); readers need none because the index only
 * learns of a chunk after its file and the updated meta are durable.
 */
export class SessionStore {
  private constructor(
    readonly paths: StorePaths,
    private readonly sessions: Map<string, SessionEntry>,
    private readonly log: FastifyBaseLogger,
    private readonly journal: BatchJournal,
    /** Devices' reports of chunks dropped before upload. */
    readonly drops: DropLog,
  ) {}

  static async open(dataDir: string, log: FastifyBaseLogger): Promise<SessionStore> {
    const paths = new StorePaths(dataDir);
    await ensureDir(paths.sessionsDir);
    await ensureDir(paths.batchesDir);
    await removeTempFiles(paths, log);
    const sessions = await loadIndex(paths, log);
    const store = new SessionStore(paths, sessions, log, await BatchJournal.open(dataDir), await DropLog.open(dataDir, log));
    // Batches a crash interrupted are finished before anything is served.
    for (const entry of await store.journal.pending(log)) {
      log.warn({ batchId: entry.receipt.batchId }, 'finishing a batch interrupted by a crash');
      await store.apply(entry.receipt, entry.chunks, entry.dropped);
    }
    log.info({ dataDir, sessions: sessions.size }, 'store opened');
    return store;
  }

  /**
   * Stores an accepted batch all-or-nothing across crashes: its journal entry
   * first, then chunks, metas, drop reports and receipt; the entry goes last.
   * `chunks` must not be stored yet (the caller holds the sessions' locks).
   */
  async commitBatch(receipt: BatchReceipt, chunks: readonly StoredChunk[], dropped: readonly DroppedChunks[]): Promise<void> {
    await this.journal.write(receipt, chunks, dropped);
    await this.apply(receipt, chunks, dropped);
  }

  private async apply(receipt: BatchReceipt, chunks: readonly StoredChunk[], dropped: readonly DroppedChunks[]): Promise<void> {
    const bySession = new Map<string, StoredChunk[]>();
    for (const chunk of chunks) {
      if (this.hasChunk(chunk)) continue; // a replay after the crash had stored some
      bySession.set(chunk.sessionId, [...(bySession.get(chunk.sessionId) ?? []), chunk]);
    }
    for (const [sessionId, list] of bySession) await this.appendChunks(sessionId, list);
    if (dropped.length && (await this.drops.record(dropped)) > 0) {
      this.log.warn({ batchId: receipt.batchId, dropped }, 'device reports chunks dropped before upload');
    }
    await this.writeReceipt(receipt);
    await this.journal.remove(receipt.batchId);
  }

  hasChunk(key: ChunkKey): boolean {
    return this.sessions.get(key.sessionId)?.keys.has(pageSeqKey(key)) ?? false;
  }

  meta(sessionId: string): StoredMeta | undefined {
    return this.sessions.get(sessionId)?.meta;
  }

  /** Newest first (by start time, then id so the order is stable). */
  summaries(): SessionSummary[] {
    return [...this.sessions.values()]
      .map((s) => toSummary(s.meta))
      .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Stores chunks not stored before, all of one session; resolves once chunks and meta are durable. */
  async appendChunks(sessionId: string, chunks: readonly StoredChunk[]): Promise<void> {
    const entry = this.sessions.get(sessionId);
    let meta: StoredMeta | null = entry?.meta ?? null;
    const files: FileToWrite[] = [];
    for (const chunk of chunks) {
      const data = JSON.stringify(chunk);
      meta = applyChunk(meta, chunk, Buffer.byteLength(data));
      files.push({ path: this.paths.chunkFile(sessionId, chunk), data });
    }
    if (!meta) return; // no chunks
    await ensureDir(this.paths.chunksDir(sessionId));
    await writeFilesAtomic(files);
    await writeFileAtomic(this.paths.metaFile(sessionId), JSON.stringify(meta));
    // Only now is it safe to tell readers and dedup about the chunks.
    const keys = entry?.keys ?? new Set<string>();
    for (const chunk of chunks) keys.add(pageSeqKey(chunk));
    this.sessions.set(sessionId, { meta, keys });
  }

  /** A session's chunks in (page, seq) order, or null for an unknown session. */
  async readChunks(sessionId: string): Promise<StoredChunk[] | null> {
    const entry = this.sessions.get(sessionId);
    if (!entry) return null;
    const keys = [...entry.keys].map((k) => {
      const [page, seq] = k.split('/').map(Number);
      return { page: page as number, seq: seq as number };
    });
    keys.sort(comparePageSeq);
    return mapLimit(keys, 16, async (key) => {
      const read = await readChunkFile(this.paths, sessionId, key, this.log);
      if (!read) throw new StoreCorruptError(`stored chunk ${sessionId}/${key.page}/${key.seq} is unreadable`);
      return read.chunk;
    });
  }

  /** The receipt of an accepted batch; a missing or unreadable one counts as never accepted. */
  async readReceipt(batchId: string): Promise<BatchReceipt | null> {
    let text: string;
    try {
      text = await readFile(this.paths.receiptFile(batchId), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    try {
      return batchReceiptSchema.parse(JSON.parse(text));
    } catch (err) {
      // Safe to ignore: chunk-level dedup still keeps a reprocessed batch from storing twice.
      this.log.error({ err, batchId }, 'corrupt batch receipt; reprocessing the batch');
      return null;
    }
  }

  async writeReceipt(receipt: BatchReceipt): Promise<void> {
    await writeFileAtomic(this.paths.receiptFile(receipt.batchId), JSON.stringify(receipt));
  }
}
