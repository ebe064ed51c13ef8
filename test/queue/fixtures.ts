import 'fake-indexeddb/auto';
import { buildChunk } from '../support/builders';
import type { Chunk } from '../../lib/schema/chunk';
import { openQueueDb, type QueueDb } from '../../lib/queue/open-queue-db';

/** A fresh, empty queue database (unique name, so tests never share state). */
export function freshDb(): Promise<QueueDb> {
  return openQueueDb(`webtrace-test-${crypto.randomUUID()}`);
}

/** A valid chunk; `padBytes` makes its JSON roughly that much larger. */
export function makeChunk(sessionId: string, page: number, seq: number, padBytes = 0): Chunk {
  return buildChunk({
    sessionId,
    page,
    seq,
    url: `http://localhost:3000/page/${page}`,
    events: [{ type: 3, timestamp: 1_700_000_000_000 + seq, data: { source: 2, pad: 'x'.repeat(padBytes) } }],
  });
}

export const keyOf = ({ sessionId, page, seq }: { sessionId: string; page: number; seq: number }) => ({ sessionId, page, seq });
