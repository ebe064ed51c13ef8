import { join } from 'node:path';
import type { ChunkKey } from '../../lib/schema/chunk';

/**
 * On-disk layout under the data dir:
 *   sessions/<sessionId>/meta.json
 *   sessions/<sessionId>/chunks/<page>-<seq>.json.gz  (gzip'ed JSON, server/store/chunk-codec.ts;
 *                                                      zero-padded: lexical order = (page, seq) order;
 *                                                      `.json` without gzip in stores written before)
 *   batches/<batchId>.json                            (receipts of accepted batches)
 *   wal/<n>.wal                                       (the write-ahead log, server/store/write-ahead-log.ts)
 * Ids are validated (uuid / [A-Za-z0-9_-]) before they reach a path.
 */
// Widths fit chunkKeySchema's maxima: page ≤ 100 000, seq ≤ 10 000 000.
const PAGE_DIGITS = 6;
const SEQ_DIGITS = 8;
const CHUNK_FILE = /^(\d{6})-(\d{8})\.json(\.gz)?$/;

export type PageSeq = Pick<ChunkKey, 'page' | 'seq'>;

export class StorePaths {
  constructor(readonly root: string) {}

  get sessionsDir(): string {
    return join(this.root, 'sessions');
  }
  get batchesDir(): string {
    return join(this.root, 'batches');
  }
  sessionDir(sessionId: string): string {
    return join(this.sessionsDir, sessionId);
  }
  chunksDir(sessionId: string): string {
    return join(this.sessionDir(sessionId), 'chunks');
  }
  metaFile(sessionId: string): string {
    return join(this.sessionDir(sessionId), 'meta.json');
  }
  /** Where a chunk is written (compressed). */
  chunkFile(sessionId: string, key: PageSeq): string {
    return join(this.chunksDir(sessionId), chunkFileName(key));
  }
  /** Where a store written before compression kept it. */
  legacyChunkFile(sessionId: string, key: PageSeq): string {
    return join(this.chunksDir(sessionId), legacyChunkFileName(key));
  }
  receiptFile(batchId: string): string {
    return join(this.batchesDir, `${batchId}.json`);
  }
}

export function chunkFileName(key: PageSeq): string {
  return `${legacyChunkFileName(key)}.gz`;
}

export function legacyChunkFileName({ page, seq }: PageSeq): string {
  return `${String(page).padStart(PAGE_DIGITS, '0')}-${String(seq).padStart(SEQ_DIGITS, '0')}.json`;
}

export function parseChunkFileName(name: string): (PageSeq & { gzipped: boolean }) | null {
  const match = CHUNK_FILE.exec(name);
  return match ? { page: Number(match[1]), seq: Number(match[2]), gzipped: match[3] !== undefined } : null;
}

/** Set key of a chunk within its session. */
export const pageSeqKey = ({ page, seq }: PageSeq): string => `${page}/${seq}`;

export const comparePageSeq = (a: PageSeq, b: PageSeq): number => a.page - b.page || a.seq - b.seq;
