import type { ChunkKey } from '../../lib/schema/chunk';
import type { StoredConsentReceipt } from '../../lib/schema/consent-receipt';
import type { Tombstone } from '../../lib/schema/erasure';
import type { StoredInstallCredential } from '../../lib/schema/install-credential-record';
import type { ExportLineage } from '../../lib/schema/export-lineage';
import type { DroppedChunks } from '../../lib/schema/dropped-chunks';
import type { ShotDropReport } from '../../lib/schema/shot-drops';
import type { SessionSummary } from '../../lib/schema/read-api';
import type { ShotKey } from '../../lib/schema/screenshot';
import type { StoredChunk, StoredMeta, StoredReceipt } from './records';
import type { ShotOnlySession, ShotPut, StoredShotRecord } from './shot-record';
import type { PageSeq } from './store-paths';

/**
 * The one door to stored traces: the batch route, the read API, completeness,
 * the viewer's data, the exporter (exporter/store/store-reader.ts) and the
 * lifecycle jobs go through it. Two implementations:
 *   fs  server/store/session-store.ts  the embedded file store (default)
 *   s3  server/store/s3/s3-store.ts    objects in S3, index in PostgreSQL
 * Every method is async (the s3 index is across the network) and every
 * answer reflects only what is durable: nothing is visible before it would
 * survive a crash.
 */
export interface Store extends InstallRecords {
  readonly kind: 'fs' | 's3';

  // --- ingest ---------------------------------------------------------------
  /** Whatever a crash left half done is finished first; throws StorageFullError while that cannot be done. */
  beforeIngest(): Promise<void>;
  /** The receipt of an accepted batch, or null (never accepted, or its receipt is unreadable). */
  readReceipt(batchId: string): Promise<StoredReceipt | null>;
  /** The install that first wrote the session (its chunks or a drop report of it); undefined when new. */
  ownerOf(sessionId: string): Promise<string | undefined>;
  /** Of these keys, those already stored, as chunkKeyString(key). */
  storedKeys(keys: readonly ChunkKey[]): Promise<Set<string>>;
  /**
   * Stores a batch exactly once: the chunks not stored yet (by anyone, on any
   * instance), the drop reports not stored yet, and the receipt. Resolves once
   * all of it is durable, with the receipt that counts: this one, with
   * `stored`/`duplicates` corrected for chunks another writer stored first, or
   * the receipt already stored under this batch id. Throws SessionOwnedError
   * when a session belongs to another install, StorageFullError when there is
   * no room (then nothing of the batch is acknowledged).
   */
  commitBatch(receipt: StoredReceipt, chunks: readonly StoredChunk[], dropped: readonly DroppedChunks[]): Promise<StoredReceipt>;

  /**
   * Stores a screenshot (issue 15) exactly once across instances, durably:
   * 'created'; 'same' when its key holds the same image (sha256); 'conflict'
   * when it holds another (nothing is overwritten). A shot may come before
   * any chunk of its session: it claims the session for its install like a
   * chunk does. Throws SessionOwnedError, InstallErasedError,
   * StorageFullError, StoreUnavailableError as commitBatch does.
   */
  putShot(record: StoredShotRecord, image: Buffer): Promise<ShotPut>;

  // --- read -----------------------------------------------------------------
  /** A session's stored shots, oldest first (by takenAt, then page); [] when it has none. */
  listShots(sessionId: string): Promise<StoredShotRecord[]>;
  /** A stored shot's image bytes, or null when none is stored under the key. */
  readShotImage(key: ShotKey): Promise<Buffer | null>;
  /** Every session's summary, newest first (by start, then id). */
  summaries(): Promise<SessionSummary[]>;
  meta(sessionId: string): Promise<StoredMeta | undefined>;
  /** The (page, seq) keys of a session's stored chunks in order, or null for an unknown session. */
  chunkKeys(sessionId: string): Promise<PageSeq[] | null>;
  /** One stored chunk; StoreCorruptError when it cannot be read back. */
  readChunk(sessionId: string, key: PageSeq): Promise<StoredChunk>;
  /** A session's chunks in (page, seq) order, `readAhead` at a time (never the whole session in memory). */
  iterateChunks(sessionId: string, readAhead?: number): AsyncGenerator<StoredChunk>;
  /** The devices' reports of chunks of this session dropped before upload. */
  drops(sessionId: string): Promise<readonly DroppedChunks[]>;
  /** Keeps the devices' discarded-screenshot totals (the highest per page and reason), durably, from `installId`. */
  recordShotDrops(reports: readonly ShotDropReport[], installId: string): Promise<void>;
  /** A session's discarded-screenshot totals, one per page and reason. */
  shotDrops(sessionId: string): Promise<readonly ShotDropReport[]>;

  // --- lifecycle (erasure, retention, export) ---------------------------------
  /** Sessions matching the filter (all when empty), oldest first (by start, then id). */
  listSessions(filter?: SessionFilter): Promise<StoredMeta[]>;
  /** Sessions that have shots but no chunk, oldest first (retention and store:migrate reach them here). */
  listShotOnlySessions(): Promise<ShotOnlySession[]>;
  /** Removes a session: its chunks, its shots, its drop reports, its index entry. Receipts stay (they hold no content). */
  deleteSession(sessionId: string): Promise<DeleteResult>;
  /**
   * Removes every session of an install (erasure), shots and sessions known only from shots included, and its
   * install credential record;
   * once it resolves no byte of them is held anywhere, logs included.
   */
  deleteInstall(installId: string): Promise<DeleteResult>;
  /**
   * After deleteSession calls (a retention sweep): resolves once no byte of a
   * session deleted before the call is held anywhere, logs included (the fs
   * store's write-ahead log would keep it until its segment retires).
   */
  settleDeletes(): Promise<void>;

  /** Finishes writes in flight and releases connections and files. */
  close(): Promise<void>;
}

/**
 * Records about an install rather than its sessions (issues 13, 16): consent
 * receipts, tombstones, export lineages and credentials. Small, written
 * rarely, and kept apart from the session data in both stores
 * (fs-install-records.ts, s3/s3-install-records.ts).
 */
export interface InstallRecords {
  // --- consent and erasure (issue 16) ------------------------------------------
  /**
   * Stores a consent receipt once, durably: 'created'; 'same' when this id is
   * stored with the same content (a resend); 'conflict' when it holds other
   * content. Always with the receipt stored under the id.
   */
  putConsentReceipt(receipt: StoredConsentReceipt): Promise<{ outcome: 'created' | 'same' | 'conflict'; stored: StoredConsentReceipt }>;
  /** An install's consent receipts, oldest first (by `at`, then storedAt, then id). */
  consentReceipts(installId: string): Promise<StoredConsentReceipt[]>;
  /** The install's tombstone, if it was erased. */
  tombstone(installId: string): Promise<Tombstone | null>;
  /** Every install's consent receipts, by install id, each install's oldest first (store:migrate copies them). */
  listConsentReceipts(): Promise<StoredConsentReceipt[]>;
  /** Every tombstone, by install id (store:migrate copies them before any session). */
  listTombstones(): Promise<Tombstone[]>;
  /**
   * Writes the tombstone unless the install has one; resolves, once it is
   * durable, with the one that counts. From then on commitBatch refuses the
   * install's batches (InstallErasedError), on every instance.
   */
  putTombstone(tombstone: Tombstone): Promise<Tombstone>;

  // --- export lineage (issues 13, 16) -------------------------------------------
  /**
   * Stores an export's lineage (its pseudonym -> install mapping and rebuild
   * settings) durably, replacing one under the same id. The fs store accepts
   * this one write when opened read-only: the exporter runs beside a server.
   */
  putExportLineage(record: ExportLineage): Promise<void>;
  /** One export's lineage, or null. */
  exportLineage(exportId: string): Promise<ExportLineage | null>;
  /** Every export's lineage, oldest first (by createdAt, then id). */
  listExportLineages(): Promise<ExportLineage[]>;
  /** Erasure: the install's entry in every export that holds it becomes `{pseudonym, erased: true}`; resolves with how many did. */
  forgetInstallInExports(installId: string): Promise<number>;

  // --- per-install credentials (issue 16) ---------------------------------------
  /** The install's credential record (hashes only), or null when it never enrolled. */
  installCredential(installId: string): Promise<StoredInstallCredential | null>;
  /**
   * Writes the record durably if the stored one is at version - 1 (none for
   * version 1): true; false when another write got there first (nothing written).
   */
  putInstallCredential(record: StoredInstallCredential): Promise<boolean>;
  /** Every install's credential record, by install id (store:migrate copies them). */
  listInstallCredentials(): Promise<StoredInstallCredential[]>;
}

export interface SessionFilter {
  installId?: string;
  sites?: readonly string[];
  /** Sessions that started at or after `from` and before `to` (epoch ms). */
  from?: number | null;
  to?: number | null;
}

export interface DeleteResult {
  /** Sessions removed: those with a summary, and those known only from their shots. */
  sessions: number;
  chunks: number;
}

/** A session's chunks or drop reports sent by an install other than its owner. */
export class SessionOwnedError extends Error {
  override name = 'SessionOwnedError';
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} belongs to another install`);
  }
}

/** A batch of an install that was erased (it has a tombstone). */
export class InstallErasedError extends Error {
  override name = 'InstallErasedError';
  constructor(readonly installId: string) {
    super(`install ${installId} was erased`);
  }
}

/** The object store or the database did not answer (a network fault, an outage): nothing of the batch was acknowledged. */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** Thrown when stored data cannot be read back; the error handler turns it into a 500. */
export class StoreCorruptError extends Error {
  override name = 'StoreCorruptError';
}

export function matchesFilter(meta: StoredMeta, filter: SessionFilter = {}): boolean {
  if (filter.installId !== undefined && meta.installId !== filter.installId) return false;
  if (filter.sites?.length && !filter.sites.includes(meta.site)) return false;
  if (filter.from != null && meta.startedAt < filter.from) return false;
  if (filter.to != null && meta.startedAt >= filter.to) return false;
  return true;
}

/** Same receipt content, whatever the key order and apart from when it was stored. */
export function sameConsentReceipt(a: StoredConsentReceipt, b: StoredConsentReceipt): boolean {
  return canonical({ ...a, storedAt: 0 }) === canonical({ ...b, storedAt: 0 });
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export const receiptsInOrder = (a: StoredConsentReceipt, b: StoredConsentReceipt): number =>
  a.at - b.at || a.storedAt - b.storedAt || (a.receiptId < b.receiptId ? -1 : a.receiptId > b.receiptId ? 1 : 0);

/** Orders receipts of several installs: by install id, then as receiptsInOrder. */
export const receiptsByInstall = (a: StoredConsentReceipt, b: StoredConsentReceipt): number =>
  (a.installId < b.installId ? -1 : a.installId > b.installId ? 1 : 0) || receiptsInOrder(a, b);

export const oldestFirst = (a: StoredMeta, b: StoredMeta): number => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const newestFirst = (a: SessionSummary, b: SessionSummary): number =>
  b.startedAt - a.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
