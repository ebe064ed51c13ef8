import type { ChunkKey } from '../../../lib/schema/chunk';
import type { DroppedChunks } from '../../../lib/schema/dropped-chunks';
import type { SessionSummary } from '../../../lib/schema/read-api';
import type { ShotKey } from '../../../lib/schema/screenshot';
import type { StoredChunk, StoredMeta, StoredReceipt } from '../../store/records';
import type { DeleteResult, SessionFilter, Store } from '../../store/store';
import { shotOnlySession } from '../../store/shot-record';
import type { PageSeq } from '../../store/store-paths';
import type { Retention } from '../../settings/retention';
import { isExpired, retentionActive } from './retention-window';

/**
 * The store as the read API sees it: a session past retention is unknown
 * (404, absent from lists) from the moment it expires, not from when the
 * sweeper gets to it. Writes and lifecycle calls go straight through.
 */
export function hideExpired(store: Store, retention: Retention, now: () => number): Store {
  if (!retentionActive(retention)) return store;
  return new ExpiryFilteredStore(store, retention, now);
}

class ExpiryFilteredStore implements Store {
  constructor(
    private readonly inner: Store,
    private readonly retention: Retention,
    private readonly now: () => number,
  ) {}

  get kind(): Store['kind'] {
    return this.inner.kind;
  }

  #live = (m: Pick<StoredMeta, 'startedAt' | 'site'>): boolean => !isExpired(m, this.retention, this.now());

  async #liveMeta(sessionId: string): Promise<StoredMeta | undefined> {
    const meta = await this.inner.meta(sessionId);
    return meta && this.#live(meta) ? meta : undefined;
  }

  async summaries(): Promise<SessionSummary[]> {
    return (await this.inner.summaries()).filter(this.#live);
  }
  meta(sessionId: string): Promise<StoredMeta | undefined> {
    return this.#liveMeta(sessionId);
  }
  async chunkKeys(sessionId: string): Promise<PageSeq[] | null> {
    return (await this.#liveMeta(sessionId)) ? this.inner.chunkKeys(sessionId) : null;
  }
  async readChunk(sessionId: string, key: PageSeq): Promise<StoredChunk> {
    const chunk = await this.inner.readChunk(sessionId, key);
    // Callers learned the key from chunkKeys, checked above; a session expiring in between is still cut off.
    if (!(await this.#liveMeta(sessionId))) throw new ExpiredSessionError(sessionId);
    return chunk;
  }
  async *iterateChunks(sessionId: string, readAhead?: number): AsyncGenerator<StoredChunk> {
    if (!(await this.#liveMeta(sessionId))) return;
    yield* this.inner.iterateChunks(sessionId, readAhead);
  }
  async drops(sessionId: string): Promise<readonly DroppedChunks[]> {
    const meta = await this.inner.meta(sessionId);
    return meta && !this.#live(meta) ? [] : this.inner.drops(sessionId);
  }
  async recordShotDrops(reports: Parameters<Store['recordShotDrops']>[0], installId: string): Promise<void> {
    await this.inner.recordShotDrops(reports, installId);
  }
  async shotDrops(sessionId: string): ReturnType<Store['shotDrops']> {
    const meta = await this.inner.meta(sessionId);
    return meta && !this.#live(meta) ? [] : this.inner.shotDrops(sessionId);
  }
  async listShots(sessionId: string): ReturnType<Store['listShots']> {
    const [meta, shots] = await Promise.all([this.inner.meta(sessionId), this.inner.listShots(sessionId)]);
    // A session known only from shots starts at its first one.
    const start = meta ?? shotOnlySession(shots);
    return start && !this.#live(start) ? [] : shots;
  }
  async readShotImage(key: ShotKey): Promise<Buffer | null> {
    const live = await this.listShots(key.sessionId);
    return live.some((s) => s.page === key.page && s.takenAt === key.takenAt) ? this.inner.readShotImage(key) : null;
  }
  async listShotOnlySessions(): ReturnType<Store['listShotOnlySessions']> {
    return (await this.inner.listShotOnlySessions()).filter(this.#live);
  }
  async listSessions(filter?: SessionFilter): Promise<StoredMeta[]> {
    return (await this.inner.listSessions(filter)).filter(this.#live);
  }

  beforeIngest(): Promise<void> {
    return this.inner.beforeIngest();
  }
  readReceipt(batchId: string): Promise<StoredReceipt | null> {
    return this.inner.readReceipt(batchId);
  }
  ownerOf(sessionId: string): Promise<string | undefined> {
    return this.inner.ownerOf(sessionId);
  }
  storedKeys(keys: readonly ChunkKey[]): Promise<Set<string>> {
    return this.inner.storedKeys(keys);
  }
  putShot(...args: Parameters<Store['putShot']>): ReturnType<Store['putShot']> {
    return this.inner.putShot(...args);
  }
  commitBatch(...args: Parameters<Store['commitBatch']>): Promise<StoredReceipt> {
    return this.inner.commitBatch(...args);
  }
  deleteSession(sessionId: string): Promise<DeleteResult> {
    return this.inner.deleteSession(sessionId);
  }
  deleteInstall(installId: string): Promise<DeleteResult> {
    return this.inner.deleteInstall(installId);
  }
  settleDeletes(): Promise<void> {
    return this.inner.settleDeletes();
  }
  putConsentReceipt(...args: Parameters<Store['putConsentReceipt']>): ReturnType<Store['putConsentReceipt']> {
    return this.inner.putConsentReceipt(...args);
  }
  consentReceipts(installId: string): ReturnType<Store['consentReceipts']> {
    return this.inner.consentReceipts(installId);
  }
  tombstone(installId: string): ReturnType<Store['tombstone']> {
    return this.inner.tombstone(installId);
  }
  listConsentReceipts(): ReturnType<Store['listConsentReceipts']> {
    return this.inner.listConsentReceipts();
  }
  listTombstones(): ReturnType<Store['listTombstones']> {
    return this.inner.listTombstones();
  }
  putTombstone(...args: Parameters<Store['putTombstone']>): ReturnType<Store['putTombstone']> {
    return this.inner.putTombstone(...args);
  }
  listInstallCredentials(): ReturnType<Store['listInstallCredentials']> {
    return this.inner.listInstallCredentials();
  }

  putExportLineage(...args: Parameters<Store['putExportLineage']>): ReturnType<Store['putExportLineage']> {
    return this.inner.putExportLineage(...args);
  }
  exportLineage(...args: Parameters<Store['exportLineage']>): ReturnType<Store['exportLineage']> {
    return this.inner.exportLineage(...args);
  }
  listExportLineages(): ReturnType<Store['listExportLineages']> {
    return this.inner.listExportLineages();
  }
  forgetInstallInExports(...args: Parameters<Store['forgetInstallInExports']>): ReturnType<Store['forgetInstallInExports']> {
    return this.inner.forgetInstallInExports(...args);
  }
  installCredential(...args: Parameters<Store['installCredential']>): ReturnType<Store['installCredential']> {
    return this.inner.installCredential(...args);
  }
  putInstallCredential(...args: Parameters<Store['putInstallCredential']>): ReturnType<Store['putInstallCredential']> {
    return this.inner.putInstallCredential(...args);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** A chunk of a session that expired while it was being read: the read API answers 404. */
export class ExpiredSessionError extends Error {
  override name = 'ExpiredSessionError';
  readonly statusCode = 404;
  constructor(readonly sessionId: string) {
    super(`no session ${sessionId}`);
  }
}
