import type { Batch } from '../../lib/schema/batch';
import type { Chunk } from '../../lib/schema/chunk';

/** Ids tests share: a session, a second one, a page load, an install. */
export const SESSION_A = '11111111-1111-4111-8111-111111111111';
export const SESSION_B = '22222222-2222-4222-8222-222222222222';
export const PAGE_LOAD_ID = '22222222-2222-4222-8222-222222222222';
export const OTHER_SESSION = '33333333-3333-4333-8333-333333333333';
export const INSTALL_ID = '33333333-3333-4333-8333-333333333333';

export const TEST_SITE = 'http://localhost:3000';

/** A valid chunk: session A, page 0, seq 0, one incremental event at `timestamp: seq`; override any field. */
export function buildChunk(over: Partial<Chunk> = {}): Chunk {
  const seq = over.seq ?? 0;
  return {
    sessionId: SESSION_A,
    page: 0,
    seq,
    site: TEST_SITE,
    url: `${TEST_SITE}/`,
    events: [{ type: 3, timestamp: seq, data: {} }],
    ...over,
  };
}

/** Chunks `seqs` of one page. */
export const buildChunks = (seqs: readonly number[], over: Partial<Chunk> = {}): Chunk[] => seqs.map((seq) => buildChunk({ ...over, seq }));

/** A batch as the extension sends it. */
export function buildBatch(chunks: Chunk[], over: Partial<Batch> = {}): Batch {
  const batchId = `batch-${chunks.map((c) => `${c.sessionId.slice(0, 4)}_${c.page}_${c.seq}`).join('-')}`.slice(0, 128);
  return { batchId, installId: INSTALL_ID, orgId: null, sentAt: 0, extensionVersion: '0.1.0', chunks, ...over };
}
