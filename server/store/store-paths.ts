import { join } from 'node:path';
import type { ChunkKey } from '../../lib/schema/chunk';

/**
 * On-disk layout under the data dir:
 *   sessions/<sessionId>/meta.json
 *   sessions/<sessionId>/chunks/<page>-<seq>.json   (zero-padded: lexical order = (page, seq) order)
 *   batches/<batchId>.json                          (receipts of accepted batches)
 * Ids are validated (uuid / [A-Za-z0-9_-]) before they reach a path.
 */
// Widths fit chunkKeySchema's maxima: page ≤ 100 000, seq ≤ 10 000 000.
const PAGE_DIGITS = 6;
const SEQ_DIGITS = 8;
const CHUNK_FILE = /^(\d{6})-(\d{8})\.json$/;

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
  chunkFile(sessionId: string, key: PageSeq): string {
    return join(this.chunksDir(sessionId), chunkFileName(key));
  }
  receiptFile(batchId: string): string {
    return join(this.batchesDir, `${batchId}.json`);
  }
}

export function chunkFileName({ page, seq }: PageSeq): string {
  return `${String(page).padStart(PAGE_DIGITS, '0')}-${String(seq).padStart(SEQ_DIGITS, '0')}.json`;
}

export function parseChunkFileName(name: string): PageSeq | null {
  const match = CHUNK_FILE.exec(name);
  return match ? { page: Number(match[1]), seq: Number(match[2]) } : null;
}

/** Set key of a chunk within its session. */
export const pageSeqKey = ({ page, seq }: PageSeq): string => `${page}/${seq}`;

export const comparePageSeq = (a: PageSeq, b: PageSeq): number => a.page - b.page || a.seq - b.seq;
