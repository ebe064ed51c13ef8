import type { FastifyBaseLogger } from 'fastify';
import { chunkKeyString, type ChunkKey } from '../../lib/schema/chunk';
import type { DroppedChunks } from '../../lib/schema/dropped-chunks';
import type { ShotDropReport } from '../../lib/schema/shot-drops';
import type { SessionSummary } from '../../lib/schema/read-api';
import { mapLimit } from '../util/map-limit';
import { ensureDir, fsyncDir } from './atomic-write';
import { encodeChunk } from './chunk-codec';
import { eraseBatchReceipts } from './erase-batch-receipts';
import { DropLog } from './drop-log';
import { FsExportLineage } from './fs-export-lineage';
import { FsInstallRecords } from './fs-install-records';
import { FsLifecycleRecords } from './fs-lifecycle';
import { FsSessionFiles } from './fs-session-files';
import { FsShots } from './fs-shots';
import { recoverFsStore, type PendingEntry } from './fs-recovery';
import { loadIndex, readChunkFile, type SessionEntry } from './load-index';
import { toSummary, type StoredChunk, type StoredMeta, type StoredReceipt } from './records';
import { shotOnlySession, type ShotOnlySession, type ShotPut, type StoredShotRecord } from './shot-record';
import type { ShotKey } from '../../lib/schema/screenshot';
import { isStorageFull, StorageFullError } from './storage-full';
import {
  InstallErasedError,
  matchesFilter,
  newestFirst,
  oldestFirst,
  SessionOwnedError,
  StoreCorruptError,
  type DeleteResult,
  type SessionFilter,
  type Store,
} from './store';
import { comparePageSeq, StorePaths, type PageSeq } from './store-paths';
import { encodeWalRecord, type BatchEntry } from './wal-record';
import { WriteAheadLog, type WalOptions } from './write-ahead-log';

export { StoreCorruptError };

export interface FsStoreOptions {
  /** For readers of a store a server may be writing (the exporter): nothing is written, nothing replayed. */
  readOnly?: boolean;
  wal?: Partial<WalOptions>;
}

/**
 * The `fs` store: the embedded file store with its in-memory index. A batch
 * is acknowledged once its record is durable in the write-ahead log (group
 * commit: concurrent batches share one fdatasync); its files are then written
 * without fsync and made durable when the log segment is retired. Writers must
 * hold the session's lock (see ingest); readers need none because the index
 * only learns of a chunk after its file and the updated meta are written.
 */
export class SessionStore extends FsInstallRecords implements Store {
  readonly kind = 'fs';
  /** Batches durable in a log but not applied yet (the disk was full); see beforeIngest. */
  #pending: PendingEntry[] = [];
  /** Writes and removes the sessions' files, keeping `sessions` in step. */
  readonly #files: FsSessionFiles;

  private constructor(
    readonly paths: StorePaths,
    private readonly sessions: Map<string, SessionEntry>,
    private readonly log: FastifyBaseLogger,
    private readonly wal: WriteAheadLog | null,
    /** Devices' reports of chunks dropped before upload. */
    readonly dropLog: DropLog,
    /** Consent receipts, tombstones and credentials (issue 16). */
    lifecycle: FsLifecycleRecords,
    /** Screenshots (issue 15). */
    private readonly shots: FsShots,
  ) {
    super(lifecycle, new FsExportLineage(paths.root, log), wal === null);
    this.#files = new FsSessionFiles(paths, sessions, dropLog, log, shots);
  }

  static async open(dataDir: string, log: FastifyBaseLogger, opts: FsStoreOptions = {}): Promise<SessionStore> {
    const paths = new StorePaths(dataDir);
    if (opts.readOnly) {
      const sessions = await loadIndex(paths, log, { readOnly: true }).catch(() => new Map<string, SessionEntry>());
      const drops = await DropLog.open(dataDir, log, { readOnly: true });
      const lifecycle = await FsLifecycleRecords.open(dataDir, log, { readOnly: true });
      return new SessionStore(paths, sessions, log, null, drops, lifecycle, await FsShots.open(dataDir, log, { readOnly: true }));
    }
    await ensureDir(paths.sessionsDir);
    await ensureDir(paths.batchesDir);
    const { sessions, wal, pending } = await recoverFsStore(paths, log, opts.wal);
    const drops = await DropLog.open(dataDir, log);
    const lifecycle = await FsLifecycleRecords.open(dataDir, log);
    const store = new SessionStore(paths, sessions, log, wal, drops, lifecycle, await FsShots.open(dataDir, log));
    // Batches a crash interrupted are finished before anything is served; with the disk full they wait
    // (reads are served, ingest answers 507) until beforeIngest succeeds.
    store.#pending = pending;
    try {
      await store.beforeIngest();
    } catch (err) {
      if (!(err instanceof StorageFullError)) throw err;
      log.error({ pending: store.#pending.length }, 'disk full: interrupted batches wait; uploads are refused (507) until there is space');
    }
    log.info({ dataDir, sessions: sessions.size }, 'store opened');
    return store;
  }

  /** Batches durable in a log but not yet applied (the disk was full). */
  get pendingBatches(): number {
    return this.#pending.length;
  }

  /** Applies logged batches not applied yet, oldest first; throws StorageFullError while the disk is still full. */
  async beforeIngest(): Promise<void> {
    while (this.#pending.length > 0) {
      const item = this.#pending[0]!;
      try {
        if (item.entry.kind === 'erase') await this.#files.erase(item.entry.sessionIds);
        else await this.#files.apply(item.entry, item.sync);
        await item.done();
      } catch (err) {
        if (isStorageFull(err))
          throw new StorageFullError(
            `disk full while finishing batch ${item.entry.kind === 'batch' ? item.entry.receipt.batchId : '(erasure)'}`,
          );
        throw err;
      }
      this.#pending.shift();
    }
    if (this.wal) this.wal.hold = false;
  }

  async commitBatch(receipt: StoredReceipt, chunks: readonly StoredChunk[], dropped: readonly DroppedChunks[]): Promise<StoredReceipt> {
    const wal = this.#writable();
    // The routes hold the install's lock across check and commit (server/lifecycle/install-gate.ts); this is the store's own word.
    if (receipt.installId !== undefined && this.lifecycle.tombstone(receipt.installId)) throw new InstallErasedError(receipt.installId);
    for (const id of new Set([...chunks.map((c) => c.sessionId), ...dropped.map((d) => d.sessionId)])) {
      const owner = await this.ownerOf(id);
      if (owner !== undefined && owner !== receipt.installId) throw new SessionOwnedError(id);
    }
    const fresh = chunks.filter((c) => !this.#files.has(c)); // the caller checked; a resend racing it is told so
    const entry: BatchEntry = {
      kind: 'batch',
      receipt: { ...receipt, stored: fresh.length, duplicates: receipt.duplicates + chunks.length - fresh.length },
      dropped,
      chunks: await Promise.all(fresh.map(async (chunk) => ({ chunk, encoded: await encodeChunk(chunk) }))),
    };
    let segment;
    try {
      segment = await wal.append(encodeWalRecord(entry));
    } catch (err) {
      // Nothing of the batch is acknowledged: refusing it is all there is to do.
      if (isStorageFull(err)) throw new StorageFullError('disk full');
      throw err;
    }
    try {
      await this.#files.apply(entry, segment.sync);
      wal.applied(segment);
    } catch (err) {
      // Logged, partly applied: finished before any other batch (beforeIngest), or replayed at start.
      this.#pending.push({ entry, sync: segment.sync, done: async () => wal.applied(segment) });
      wal.hold = true;
      if (isStorageFull(err)) throw new StorageFullError('disk full');
      throw err;
    }
    return entry.receipt;
  }

  #writable(): WriteAheadLog {
    if (!this.wal) throw new Error('this store was opened read-only');
    return this.wal;
  }

  async storedKeys(keys: readonly ChunkKey[]): Promise<Set<string>> {
    return new Set(keys.filter((k) => this.#files.has(k)).map(chunkKeyString));
  }

  async meta(sessionId: string): Promise<StoredMeta | undefined> {
    return this.sessions.get(sessionId)?.meta;
  }

  async ownerOf(sessionId: string): Promise<string | undefined> {
    return this.sessions.get(sessionId)?.meta.installId ?? this.dropLog.ownerOf(sessionId) ?? this.shots.ownerOf(sessionId);
  }

  /** The caller holds the install's and the session's locks (server/ingest/shot-route.ts), as for batches. */
  async putShot(record: StoredShotRecord, image: Buffer): Promise<ShotPut> {
    this.#writable();
    if (this.lifecycle.tombstone(record.installId)) throw new InstallErasedError(record.installId);
    const owner = await this.ownerOf(record.sessionId);
    if (owner !== undefined && owner !== record.installId) throw new SessionOwnedError(record.sessionId);
    try {
      return await this.shots.put(record, image);
    } catch (err) {
      if (isStorageFull(err)) throw new StorageFullError('disk full');
      throw err;
    }
  }

  async listShots(sessionId: string): Promise<StoredShotRecord[]> {
    return this.shots.list(sessionId);
  }

  async listShotOnlySessions(): Promise<ShotOnlySession[]> {
    return this.shots
      .sessionIds()
      .filter((id) => !this.sessions.has(id))
      .map((id) => shotOnlySession(this.shots.list(id))!)
      .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  }

  async readShotImage(key: ShotKey): Promise<Buffer | null> {
    return this.shots.readImage(key);
  }

  async summaries(): Promise<SessionSummary[]> {
    return [...this.sessions.values()].map((s) => toSummary(s.meta)).sort(newestFirst);
  }

  async listSessions(filter: SessionFilter = {}): Promise<StoredMeta[]> {
    return [...this.sessions.values()]
      .map((s) => s.meta)
      .filter((m) => matchesFilter(m, filter))
      .sort(oldestFirst);
  }

  async drops(sessionId: string): Promise<readonly DroppedChunks[]> {
    return this.dropLog
      .forSession(sessionId)
      .map(({ sessionId: id, page, fromSeq, toSeq, reason, at }) => ({ sessionId: id, page, fromSeq, toSeq, reason, at }));
  }

  async recordShotDrops(reports: readonly ShotDropReport[], installId: string): Promise<void> {
    this.#writable(); // throws on a read-only store
    await this.dropLog.shots.record(reports, installId);
  }

  async shotDrops(sessionId: string): Promise<readonly ShotDropReport[]> {
    return this.dropLog.shots.forSession(sessionId);
  }

  async chunkKeys(sessionId: string): Promise<PageSeq[] | null> {
    const entry = this.sessions.get(sessionId);
    if (!entry) return null;
    const keys = [...entry.keys].map((k) => {
      const [page, seq] = k.split('/').map(Number);
      return { page: page as number, seq: seq as number };
    });
    return keys.sort(comparePageSeq);
  }

  async readChunk(sessionId: string, key: PageSeq): Promise<StoredChunk> {
    const read = await readChunkFile(this.paths, sessionId, key, this.log);
    if (!read) throw new StoreCorruptError(`stored chunk ${sessionId}/${key.page}/${key.seq} is unreadable`);
    return read.chunk;
  }

  async *iterateChunks(sessionId: string, readAhead = 4): AsyncGenerator<StoredChunk> {
    const keys = (await this.chunkKeys(sessionId)) ?? [];
    for (let i = 0; i < keys.length; i += readAhead) {
      yield* await mapLimit(keys.slice(i, i + readAhead), readAhead, (key) => this.readChunk(sessionId, key));
    }
  }

  /** A whole (small) session in memory, or null when unknown (tests, tools; the read API streams). */
  async readChunks(sessionId: string): Promise<StoredChunk[] | null> {
    if (!this.sessions.has(sessionId)) return null;
    const out: StoredChunk[] = [];
    for await (const chunk of this.iterateChunks(sessionId, 16)) out.push(chunk);
    return out;
  }

  async readReceipt(batchId: string): Promise<StoredReceipt | null> {
    return this.#files.readReceipt(batchId);
  }

  /** Logged first, so a replay after a crash erases again rather than bringing chunks back. The caller holds the sessions' locks. */
  async deleteSession(sessionId: string): Promise<DeleteResult> {
    return this.#eraseLogged([sessionId]);
  }

  /** After deletes: retires the log so their batches do not wait there (~40 s) for its segments' own retirement. */
  async settleDeletes(): Promise<void> {
    await this.#retireLog();
  }

  /** An erasure: once this resolves no byte of the install's sessions is on disk, in the log neither. */
  async deleteInstall(installId: string): Promise<DeleteResult> {
    const ids = new Set([
      ...(await this.listSessions({ installId })).map((m) => m.id),
      ...this.dropLog.sessionsOf(installId),
      ...this.shots.sessionsOf(installId),
    ]);
    const result = await this.#eraseLogged([...ids]);
    if (ids.size > 0) await this.#retireLog();
    // After the log retired: its batches' receipts are files by then.
    await eraseBatchReceipts(this.paths.batchesDir, installId);
    await this.lifecycle.credentials.delete(installId);
    return result;
  }

  /**
   * Retires every log segment now, the erased sessions' batches with them.
   * The files' removal is made durable first: the erase record goes too, and
   * a replay must not find the batches without it.
   */
  async #retireLog(): Promise<void> {
    await fsyncDir(this.paths.sessionsDir);
    await fsyncDir(this.dropLog.dir);
    if (!(await this.#writable().retireNow())) {
      this.log.warn('batches wait to be applied (disk full): the deleted sessions stay in the write-ahead log until they are');
    }
  }

  async #eraseLogged(sessionIds: string[]): Promise<DeleteResult> {
    if (sessionIds.length === 0) return { sessions: 0, chunks: 0 };
    const wal = this.#writable();
    const segment = await wal.append(encodeWalRecord({ kind: 'erase', sessionIds }));
    try {
      return await this.#files.erase(sessionIds);
    } finally {
      wal.applied(segment);
    }
  }

  async close(): Promise<void> {
    await this.wal?.close();
  }
}
