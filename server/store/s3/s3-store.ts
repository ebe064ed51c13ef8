import { deleteInstallCredentialRow } from './credential-rows';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { chunkKeyString, type ChunkKey } from '../../../lib/schema/chunk';
import type { DroppedChunks } from '../../../lib/schema/dropped-chunks';
import type { ShotDropReport } from '../../../lib/schema/shot-drops';
import type { SessionSummary } from '../../../lib/schema/read-api';
import { mapLimit } from '../../util/map-limit';
import { decodeChunk } from '../chunk-codec';
import { storedReceiptSchema, toSummary, type StoredChunk, type StoredMeta, type StoredReceipt } from '../records';
import {
  InstallErasedError,
  newestFirst,
  SessionOwnedError,
  StoreCorruptError,
  StoreUnavailableError,
  type DeleteResult,
  type SessionFilter,
  type Store,
} from '../store';
import type { PageSeq } from '../store-paths';
import { Bucket, type BucketSettings } from './bucket';
import { commitBatchOnce, type CommitStep } from './commit-batch';
import { eraseSessions } from './erase-sessions';
import { ensureIndexSchema } from './index-schema';
import { sweepOrphans } from './orphan-sweeper';
import { S3InstallRecords } from './s3-install-records';
import { putShotOnce, readShotObject, shotOnlySessionRows, shotRows } from './shots';
import type { ShotKey } from '../../../lib/schema/screenshot';
import type { ShotOnlySession, ShotPut, StoredShotRecord } from '../shot-record';
import { probeConditionalPut } from './probe-conditional-put';
import { chunkRowSchema, dropsFromRows, metaFromRow, shotDropsFromRows } from './rows';

export interface S3StoreSettings {
  kind: 's3';
  bucket: BucketSettings;
  databaseUrl: string;
  /** First part of every object key (bucket lifecycle rules expire by it). */
  retentionClass: string;
  /** Run even if the object store does not honour conditional puts (then only ONE instance may run). */
  singleInstance: boolean;
  /** Orphan objects older than this are removed by the sweeper. */
  orphanGraceMs?: number;
  /** How often the sweeper runs (0: never; tests call sweep()). */
  sweepEveryMs?: number;
  /** Test hook: each step of a batch commit. */
  onCommitStep?: (step: CommitStep) => void | Promise<void>;
}

/** Transient PostgreSQL errors a transaction is retried after: serialization failure, deadlock. */
const RETRY_CODES = new Set(['40001', '40P01']);

/**
 * The `s3` store: chunks as objects in an S3-compatible bucket, the index in
 * PostgreSQL (server/store/s3/index-schema.ts). Stateless: any number of
 * instances share the bucket and the database, and any serves any read.
 */
export class S3Store extends S3InstallRecords implements Store {
  readonly kind = 's3';
  #sweeper: NodeJS.Timeout | null = null;

  private constructor(
    readonly bucket: Bucket,
    pool: pg.Pool,
    private readonly settings: S3StoreSettings,
    private readonly log: FastifyBaseLogger,
  ) {
    super(pool);
  }

  static async open(settings: S3StoreSettings, log: FastifyBaseLogger): Promise<S3Store> {
    const bucket = new Bucket(settings.bucket);
    const pool = new pg.Pool({ connectionString: settings.databaseUrl, max: 20 });
    // An idle connection the server drops must not take the process down.
    pool.on('error', (err) => log.error({ err }, 'PostgreSQL connection lost'));
    try {
      await ensureIndexSchema(pool);
      const probe = await probeConditionalPut(bucket);
      if (!probe.honoured) {
        const message =
          `the object store at ${settings.bucket.endpoint ?? 'AWS S3'} (bucket ${bucket.name}) does not honour conditional puts ` +
          `(If-None-Match: *): ${probe.detail}. Several server instances could then overwrite each other's chunks, so webtrace ` +
          'refuses to run in multi-instance mode on it. Use a store that honours them (AWS S3, Ceph RGW, MinIO), or set ' +
          'WEBTRACE_S3_SINGLE_INSTANCE=true and run exactly one instance.';
        if (!settings.singleInstance) throw new Error(message);
        log.warn(`${message} Running as the single instance (WEBTRACE_S3_SINGLE_INSTANCE).`);
      }
    } catch (err) {
      await pool.end().catch(() => {});
      bucket.destroy();
      throw err;
    }
    const store = new S3Store(bucket, pool, settings, log);
    const every = settings.sweepEveryMs ?? 15 * 60_000;
    if (every > 0) {
      store.#sweeper = setInterval(() => void store.sweep().catch((err) => log.error({ err }, 'orphan sweep failed')), every);
      store.#sweeper.unref();
    }
    log.info({ bucket: bucket.name, retentionClass: settings.retentionClass }, 'store opened (s3 + PostgreSQL)');
    return store;
  }

  /** Nothing is ever left half done in the index: a killed instance's objects are orphans (see sweep). */
  async beforeIngest(): Promise<void> {}

  async commitBatch(receipt: StoredReceipt, chunks: readonly StoredChunk[], dropped: readonly DroppedChunks[]): Promise<StoredReceipt> {
    const ctx = { pool: this.pool, bucket: this.bucket, retentionClass: this.settings.retentionClass, onStep: this.settings.onCommitStep };
    for (let attempt = 1; ; attempt++) {
      try {
        return await commitBatchOnce(ctx, receipt, chunks, dropped);
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        if (err instanceof SessionOwnedError || err instanceof InstallErasedError) throw err;
        // Anything else is the engines' failure, not the batch's: the client is told to send it again.
        if (!RETRY_CODES.has(code) || attempt >= 5)
          throw new StoreUnavailableError(`the batch could not be stored: ${(err as Error).message}`, { cause: err });
        this.log.warn({ code, attempt, batchId: receipt.batchId }, 'batch transaction retried');
      }
    }
  }

  async putShot(record: StoredShotRecord, image: Buffer): Promise<ShotPut> {
    try {
      return await putShotOnce(this.#shotContext(), record, image);
    } catch (err) {
      if (err instanceof SessionOwnedError || err instanceof InstallErasedError) throw err;
      throw new StoreUnavailableError(`the shot could not be stored: ${(err as Error).message}`, { cause: err });
    }
  }

  async listShots(sessionId: string): Promise<StoredShotRecord[]> {
    return shotRows(this.pool, sessionId);
  }

  async listShotOnlySessions(): Promise<ShotOnlySession[]> {
    return shotOnlySessionRows(this.pool);
  }

  async readShotImage(key: ShotKey): Promise<Buffer | null> {
    return readShotObject(this.#shotContext(), key);
  }

  #shotContext() {
    return { pool: this.pool, bucket: this.bucket, retentionClass: this.settings.retentionClass };
  }

  async readReceipt(batchId: string): Promise<StoredReceipt | null> {
    const { rows } = await this.pool.query<{ receipt: unknown }>('SELECT receipt FROM wt_receipts WHERE batch_id = $1', [batchId]);
    if (rows.length === 0) return null;
    const parsed = storedReceiptSchema.safeParse(rows[0]!.receipt);
    if (parsed.success) return parsed.data;
    // As the fs store does: chunk-level dedup still keeps a reprocessed batch from storing twice.
    this.log.error({ batchId }, 'corrupt batch receipt; reprocessing the batch');
    return null;
  }

  async ownerOf(sessionId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ install_id: string }>('SELECT install_id FROM wt_session_owners WHERE session_id = $1', [
      sessionId,
    ]);
    return rows[0]?.install_id;
  }

  async storedKeys(keys: readonly ChunkKey[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await this.pool.query<{ session_id: string; page: number; seq: number }>(
      'SELECT session_id, page, seq FROM wt_chunks WHERE (session_id, page, seq) IN (SELECT * FROM unnest($1::uuid[], $2::int[], $3::int[]))',
      [keys.map((k) => k.sessionId), keys.map((k) => k.page), keys.map((k) => k.seq)],
    );
    return new Set(rows.map((r) => chunkKeyString({ sessionId: r.session_id, page: r.page, seq: r.seq })));
  }

  async summaries(): Promise<SessionSummary[]> {
    return (await this.listSessions()).map(toSummary).sort(newestFirst);
  }

  async meta(sessionId: string): Promise<StoredMeta | undefined> {
    const { rows } = await this.pool.query<{ meta: unknown }>('SELECT meta FROM wt_sessions WHERE id = $1', [sessionId]);
    return metaFromRow(rows[0]?.meta) ?? undefined;
  }

  async listSessions(filter: SessionFilter = {}): Promise<StoredMeta[]> {
    const where = ['meta IS NOT NULL'];
    const args: unknown[] = [];
    const arg = (v: unknown) => `$${args.push(v)}`;
    if (filter.installId !== undefined) where.push(`install_id = ${arg(filter.installId)}`);
    if (filter.sites?.length) where.push(`site = ANY(${arg([...filter.sites])})`);
    if (filter.from != null) where.push(`started_at >= ${arg(filter.from)}`);
    if (filter.to != null) where.push(`started_at < ${arg(filter.to)}`);
    const { rows } = await this.pool.query<{ meta: unknown }>(
      `SELECT meta FROM wt_sessions WHERE ${where.join(' AND ')} ORDER BY started_at, id`,
      args,
    );
    return rows.map((r) => metaFromRow(r.meta)!);
  }

  async drops(sessionId: string): Promise<readonly DroppedChunks[]> {
    const { rows } = await this.pool.query('SELECT report FROM wt_drops WHERE session_id = $1 ORDER BY id', [sessionId]);
    return dropsFromRows(rows);
  }

  async recordShotDrops(reports: readonly ShotDropReport[], _installId: string): Promise<void> {
    // The highest total wins: a resent or older one changes nothing. Owners are the batch's (checked by ingest).
    for (const r of reports) {
      await this.pool.query(
        `INSERT INTO wt_shot_drops (session_id, page, reason, count, report) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id, page, reason) DO UPDATE SET count = EXCLUDED.count, report = EXCLUDED.report
         WHERE wt_shot_drops.count < EXCLUDED.count`,
        [r.sessionId, r.page, r.reason, r.count, r],
      );
    }
  }

  async shotDrops(sessionId: string): Promise<readonly ShotDropReport[]> {
    const { rows } = await this.pool.query('SELECT report FROM wt_shot_drops WHERE session_id = $1 ORDER BY page, reason', [sessionId]);
    return shotDropsFromRows(rows);
  }

  async chunkKeys(sessionId: string): Promise<PageSeq[] | null> {
    if (!(await this.meta(sessionId))) return null;
    const { rows } = await this.pool.query<{ page: number; seq: number }>(
      'SELECT page, seq FROM wt_chunks WHERE session_id = $1 ORDER BY page, seq',
      [sessionId],
    );
    return rows.map((r) => ({ page: r.page, seq: r.seq }));
  }

  async readChunk(sessionId: string, key: PageSeq): Promise<StoredChunk> {
    const where = `${sessionId}/${key.page}/${key.seq}`;
    const { rows } = await this.pool.query('SELECT page, seq, object_key FROM wt_chunks WHERE session_id = $1 AND page = $2 AND seq = $3', [
      sessionId,
      key.page,
      key.seq,
    ]);
    const row = chunkRowSchema.safeParse(rows[0]);
    if (!row.success) throw new StoreCorruptError(`no index row for chunk ${where}`);
    const data = await this.bucket.get(row.data.object_key);
    if (!data) throw new StoreCorruptError(`the object of chunk ${where} (${row.data.object_key}) is missing`);
    try {
      const { chunk } = await decodeChunk(data, true);
      if (chunk.sessionId !== sessionId || chunk.page !== key.page || chunk.seq !== key.seq) throw new Error('it holds another chunk');
      return chunk;
    } catch (err) {
      throw new StoreCorruptError(`the object of chunk ${where} is unreadable: ${(err as Error).message}`);
    }
  }

  async *iterateChunks(sessionId: string, readAhead = 4): AsyncGenerator<StoredChunk> {
    const keys = (await this.chunkKeys(sessionId)) ?? [];
    for (let i = 0; i < keys.length; i += readAhead) {
      yield* await mapLimit(keys.slice(i, i + readAhead), readAhead, (key) => this.readChunk(sessionId, key));
    }
  }

  /** The index rows go first (in one transaction): from then on nothing serves the session; its objects are deleted after. */
  async deleteSession(sessionId: string): Promise<DeleteResult> {
    return eraseSessions(this.pool, this.bucket, 'session_id = $1', [sessionId]);
  }

  /** Nothing to settle: a deleted session's objects and rows are gone when deleteSession resolves, and this store keeps no log. */
  async settleDeletes(): Promise<void> {}

  async deleteInstall(installId: string): Promise<DeleteResult> {
    const result = await eraseSessions(this.pool, this.bucket, 'install_id = $1', [installId]);
    // Erasure is deleting a prefix: whatever an interrupted write left under the install goes too.
    const installObjects = await this.bucket.deletePrefix(`${this.settings.retentionClass}/${installId}/`);
    await deleteInstallCredentialRow(this.pool, installId);
    // Batch receipts name the install that sent each batch: erased too (a resend is refused by the tombstone first).
    await this.pool.query("DELETE FROM wt_receipts WHERE receipt->>'installId' = $1", [installId]);
    this.log.info({ installId, objects: installObjects }, 'install erased');
    return result;
  }

  /** Removes (or, when a row has come to claim it, leaves) objects no index row names; see orphan-sweeper.ts. */
  async sweep(now = Date.now()): Promise<{ removed: number; kept: number }> {
    return sweepOrphans({ pool: this.pool, bucket: this.bucket, log: this.log }, now - (this.settings.orphanGraceMs ?? 60 * 60_000));
  }

  async close(): Promise<void> {
    if (this.#sweeper) clearInterval(this.#sweeper);
    await this.pool.end();
    this.bucket.destroy();
  }
}
